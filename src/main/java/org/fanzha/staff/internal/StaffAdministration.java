package org.fanzha.staff.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionNotFound;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.InvalidDivisionCode;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Role;
import org.fanzha.staff.StaffDirectory;
import org.fanzha.staff.StaffMember;
import org.fanzha.staff.StaffNotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing staff accounts. Every method works inside the acting user's jurisdiction: an ADMIN of
 * 4101 sees, creates and changes accounts of units under 4101 only, and an id outside it
 * answers like an id that does not exist.
 */
@Service
class StaffAdministration implements StaffDirectory {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");
    static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private final StaffAccounts accounts;
    private final ApiTokens tokens;
    private final Divisions divisions;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    StaffAdministration(
            StaffAccounts accounts, ApiTokens tokens, Divisions divisions, PasswordEncoder passwords, AuditLog audit) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.divisions = divisions;
        this.passwords = passwords;
        this.audit = audit;
    }

    record NewStaff(
            String username,
            String displayName,
            String unitCode,
            Set<Role> roles,
            @Nullable String phone,
            String password) {}

    record StaffChange(
            @Nullable String displayName,
            @Nullable String unitCode,
            @Nullable Set<Role> roles,
            @Nullable Boolean enabled,
            @Nullable String phone) {}

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> ofUnit(String unitCode) {
        Actor actor = Actors.require();
        if (!actor.covers(unitCode)) {
            return List.of();
        }
        return accounts.ofUnit(unitCode).stream()
                .map(StaffAdministration::masked)
                .toList();
    }

    @Transactional(readOnly = true)
    List<StaffMember> list(String unitPrefix, String text, int offset, int limit) {
        Actor actor = Actors.requirePermission(Permission.STAFF_READ);
        return accounts.list(actor.unitCode(), unitPrefix, text, offset, limit).stream()
                .map(StaffAdministration::masked)
                .toList();
    }

    @Transactional(readOnly = true)
    StaffMember get(long id) {
        Actor actor = Actors.requirePermission(Permission.STAFF_READ);
        return accounts.byId(id, actor.unitCode())
                .map(StaffAdministration::masked)
                .orElseThrow(() -> new StaffNotFound(id));
    }

    @Transactional
    StaffMember create(NewStaff request) {
        Actor actor = Actors.requirePermission(Permission.STAFF_MANAGE);
        List<FieldError> errors = new ArrayList<>();
        String username = request.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "error.332LowerCaseLettersDigits", null));
        } else if (accounts.usernameTaken(username)) {
            errors.add(new FieldError("username", "error.taken", username));
        }
        checkDisplayName(request.displayName(), errors);
        String unit = checkUnit(actor, request.unitCode(), errors);
        checkRoles(request.roles(), errors);
        checkPhone(request.phone(), errors);
        checkPassword(username, request.password(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        long id = accounts.insert(
                username,
                request.displayName().strip(),
                unit,
                blankToNull(request.phone()),
                passwords.encode(request.password()),
                request.roles(),
                actor.name());
        audit.record(
                "CREATE",
                "staff",
                Long.toString(id),
                "username " + username + ", unit " + unit + ", roles " + new java.util.TreeSet<>(request.roles()));
        return get(id);
    }

    @Transactional
    StaffMember change(long id, StaffChange change) {
        Actor actor = Actors.requirePermission(Permission.STAFF_MANAGE);
        var current = accounts.byId(id, actor.unitCode()).orElseThrow(() -> new StaffNotFound(id));
        List<FieldError> errors = new ArrayList<>();
        String displayName = change.displayName() == null
                ? current.displayName()
                : change.displayName().strip();
        if (change.displayName() != null) {
            checkDisplayName(change.displayName(), errors);
        }
        String unit = change.unitCode() == null ? current.unitCode() : checkUnit(actor, change.unitCode(), errors);
        Set<Role> roles = change.roles() == null ? current.roles() : change.roles();
        if (change.roles() != null) {
            checkRoles(change.roles(), errors);
        }
        if (change.phone() != null) {
            checkPhone(change.phone(), errors);
        }
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        if (current.id() == actor.id() && !current.roles().containsAll(roles)) {
            // separation of duties: another administrator must grant them, and the refusal stays on record
            audit.recordAlone(
                    audit.origin(),
                    "GRANT_REFUSED",
                    "staff",
                    Long.toString(id),
                    "own roles " + new java.util.TreeSet<>(current.roles()) + " → " + new java.util.TreeSet<>(roles));
            errors.add(new FieldError("roles", "error.noOneGrantsRolesThemselvesAnother", null));
        }
        if (current.id() == actor.id() && (!enabled || !roles.contains(Role.ADMIN))) {
            errors.add(new FieldError(
                    change.enabled() != null ? "enabled" : "roles", "error.youCannotDisableYourselfDropYour", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String phone = change.phone() == null ? current.phone() : blankToNull(change.phone());
        accounts.update(id, displayName, unit, phone, roles, enabled);
        if (!enabled) {
            tokens.revokeAllOfStaff(id, actor.name());
        }
        audit.record("UPDATE", "staff", Long.toString(id), describe(current, displayName, unit, roles, enabled, phone));
        return get(id);
    }

    /** Gives a member of staff their police number (警号), or takes it away ({@code null} or blank). */
    @Transactional
    String setPoliceNumber(long id, @Nullable String number) {
        Actor actor = Actors.requirePermission(Permission.STAFF_MANAGE);
        accounts.byId(id, actor.unitCode()).orElseThrow(() -> new StaffNotFound(id));
        String n = number == null || number.isBlank() ? null : number.strip();
        if (n != null && !n.matches("\\d{6,8}")) {
            throw new InvalidInput("policeNumber", "error.policeNumber", n.length() > 20 ? null : n);
        }
        if (n != null
                && accounts.officer(n).isPresent()
                && !n.equals(accounts.policeNumber(id).orElse(null))) {
            throw new InvalidInput("policeNumber", "error.policeNumberTaken", n);
        }
        accounts.setPoliceNumber(id, n);
        audit.record("UPDATE", "staff", Long.toString(id), n == null ? "police number removed" : "police number set");
        return n == null ? "" : n;
    }

    @Transactional
    void resetPassword(long id, String password) {
        Actor actor = Actors.requirePermission(Permission.STAFF_MANAGE);
        var current = accounts.byId(id, actor.unitCode()).orElseThrow(() -> new StaffNotFound(id));
        List<FieldError> errors = new ArrayList<>();
        checkPassword(current.username(), password, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        accounts.setPassword(id, passwords.encode(password));
        tokens.revokeAllOfStaff(id, actor.name());
        audit.record("RESET_PASSWORD", "staff", Long.toString(id), "password reset by " + actor.name());
    }

    @Transactional
    void changeOwnPassword(String currentPassword, String newPassword) {
        Actor actor = Actors.require();
        var account = accounts.byIdUnscoped(actor.id()).orElseThrow(() -> new StaffNotFound(actor.id()));
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throw new InvalidInput("currentPassword", "error.wrong", null);
        }
        List<FieldError> errors = new ArrayList<>();
        checkPassword(account.username(), newPassword, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        accounts.setPassword(actor.id(), passwords.encode(newPassword));
        // a changed password ends the account's API sign-ins (tokens); this browser session stays
        tokens.revokeAllOfStaff(actor.id(), actor.name());
        audit.record("CHANGE_PASSWORD", "staff", Long.toString(actor.id()), "own password changed");
    }

    private static String describe(
            StaffAccounts.Account before,
            String displayName,
            String unit,
            Set<Role> roles,
            boolean enabled,
            @Nullable String phone) {
        List<String> changes = new ArrayList<>();
        if (!before.displayName().equals(displayName)) {
            changes.add("displayName");
        }
        if (!before.unitCode().equals(unit)) {
            changes.add("unit " + before.unitCode() + " → " + unit);
        }
        if (!before.roles().equals(roles)) {
            changes.add("roles " + new java.util.TreeSet<>(before.roles()) + " → " + new java.util.TreeSet<>(roles));
        }
        if (before.enabled() != enabled) {
            changes.add(enabled ? "enabled" : "disabled");
        }
        if (!java.util.Objects.equals(before.phone(), phone)) {
            changes.add("phone");
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    private static void checkDisplayName(String name, List<FieldError> errors) {
        if (name.isBlank() || name.strip().length() > 50) {
            errors.add(new FieldError("displayName", "error.150Characters", null));
        }
    }

    private String checkUnit(Actor actor, String raw, List<FieldError> errors) {
        try {
            Division unit = divisions.get(raw);
            if (!unit.unit()) {
                errors.add(FieldError.of("unitCode", "error.statisticalGroup", raw, unit.name()));
            } else if (!actor.covers(unit.code())) {
                errors.add(new FieldError("unitCode", "error.outsideYourJurisdiction", raw));
            }
            return unit.code();
        } catch (InvalidDivisionCode | DivisionNotFound e) {
            errors.add(new FieldError("unitCode", "error.noSuchUnit", raw.length() > 20 ? null : raw));
            return raw;
        }
    }

    /** At least one role; AUDITOR alone (who audits the others holds no other role: separation of duties). */
    private static void checkRoles(Set<Role> roles, List<FieldError> errors) {
        if (roles.isEmpty()) {
            errors.add(FieldError.of("roles", "error.atLeastOneRole", null, EnumSet.allOf(Role.class)));
        } else if (roles.contains(Role.AUDITOR) && roles.size() > 1) {
            errors.add(new FieldError("roles", "error.auditorHeldAloneAuditorHoldsNo", null));
        }
    }

    private static void checkPhone(@Nullable String phone, List<FieldError> errors) {
        if (phone != null && !phone.isBlank() && !MOBILE.matcher(phone.strip()).matches()) {
            errors.add(new FieldError("phone", "error.11DigitMobileNumber", null));
        }
    }

    static void checkPassword(String username, String password, List<FieldError> errors) {
        if (password.length() < 10 || password.length() > 200) {
            errors.add(new FieldError("password", "error.10200Characters", null));
        } else if (password.toLowerCase().contains(username.toLowerCase())) {
            errors.add(new FieldError("password", "error.mustNotContainUsername", null));
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static StaffMember masked(StaffAccounts.Account a) {
        return new StaffMember(
                a.id(), a.username(), a.displayName(), a.unitCode(), a.roles(), a.enabled(), Masking.phone(a.phone()));
    }
}
