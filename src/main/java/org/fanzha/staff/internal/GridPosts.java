package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.PhoneNumbers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Role;
import org.fanzha.staff.Grid;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一村（格）一警: the community officer and grid members of villages, residents' communities and
 * townships. An officer is an enabled OFFICER account whose unit covers the division; whoever
 * assigns must cover it too. Every change is audited.
 */
@Service
class GridPosts implements Grid {

    private final JdbcClient jdbc;
    private final Divisions divisions;
    private final AuditLog audit;
    private final Clock clock;

    GridPosts(JdbcClient jdbc, Divisions divisions, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.divisions = divisions;
        this.audit = audit;
        this.clock = clock;
    }

    /** One division's posts, for the page. */
    record Post(
            Division division,
            @Nullable String officerUsername,
            @Nullable String officerName,
            List<Member> members) {}

    /** A grid member; the phone masked on pages. */
    record Member(long id, String name, String phone) {}

    @Override
    @Transactional(readOnly = true)
    public Optional<Officer> officerFor(String divisionCode) {
        String code = divisionCode;
        while (code.length() > 6) {
            var level = divisions.find(code).map(Division::level).orElse(null);
            if (level == DivisionLevel.VILLAGE || level == DivisionLevel.TOWNSHIP) {
                var officer = officerOf(code);
                if (officer.isPresent()) {
                    return officer;
                }
            }
            code = code.length() > 9 ? code.substring(0, 9) : code.substring(0, 6);
        }
        return Optional.empty();
    }

    private Optional<Officer> officerOf(String code) {
        return jdbc.sql("""
                        SELECT g.division_code, s.id, s.username, s.display_name, COALESCE(s.phone, '')
                        FROM grid_officer g JOIN staff s ON s.id = g.staff_id
                        WHERE g.division_code = ? AND s.enabled""")
                .param(code)
                .query((rs, i) ->
                        new Officer(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** The posts of a township (or county) and the villages (townships) directly below it. */
    @Transactional(readOnly = true)
    List<Post> posts(String unitCode, Actor actor) {
        Division unit = within(unitCode, actor, "unit");
        List<Division> shown = new ArrayList<>();
        if (assignable(unit)) {
            shown.add(unit);
        }
        divisions.children(unit.code()).stream().filter(GridPosts::assignable).forEach(shown::add);
        if (shown.isEmpty()) {
            return List.of();
        }
        List<String> codes = shown.stream().map(Division::code).toList();
        Map<String, String[]> officers = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT g.division_code, s.username, s.display_name FROM grid_officer g JOIN staff s ON s.id = g.staff_id
                        WHERE g.division_code IN (:codes)""")
                .param("codes", codes)
                .query((rs, i) -> officers.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        Map<String, List<Member>> members = new java.util.HashMap<>();
        jdbc.sql("SELECT id, division_code, name, phone FROM grid_member WHERE division_code IN (:codes) ORDER BY id")
                .param("codes", codes)
                .query((rs, i) -> members.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Member(
                                rs.getLong(1),
                                rs.getString(3),
                                String.valueOf(org.fanzha.platform.Masking.phone(rs.getString(4))))))
                .list();
        return shown.stream()
                .map(d -> {
                    String[] officer = officers.get(d.code());
                    return new Post(
                            d,
                            officer == null ? null : officer[0],
                            officer == null ? null : officer[1],
                            members.getOrDefault(d.code(), List.of()));
                })
                .toList();
    }

    /** Makes the account the division's officer (in place of any before). */
    @Transactional
    void assignOfficer(String divisionCode, String username, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        Division division = assignableWithin(divisionCode, actor, errors);
        var account = jdbc.sql("SELECT id, unit_code, roles, enabled FROM staff WHERE username = ?")
                .param(username.strip())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)})
                .optional()
                .orElse(null);
        if (account == null) {
            errors.add(FieldError.of("officer", "error.grid.noSuchOfficer", safe(username), clip(username)));
        } else if (!(Boolean) account[3]
                || !String.valueOf(account[2]).contains(Role.OFFICER.name())
                || (division != null && !division.code().startsWith(String.valueOf(account[1])))) {
            errors.add(FieldError.of("officer", "error.grid.notTheirOfficer", safe(username), clip(username)));
        }
        if (!errors.isEmpty() || division == null || account == null) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("DELETE FROM grid_officer WHERE division_code = ?")
                .param(division.code())
                .update();
        jdbc.sql("INSERT INTO grid_officer (division_code, staff_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?)")
                .params(division.code(), account[0], Timestamp.from(clock.instant()), actor.name())
                .update();
        audit.record("UPDATE", "grid-officer", division.code(), "officer " + username.strip());
    }

    @Transactional
    void removeOfficer(String divisionCode, Actor actor) {
        Division division = within(divisionCode, actor, "divisionCode");
        if (jdbc.sql("DELETE FROM grid_officer WHERE division_code = ?")
                        .param(division.code())
                        .update()
                > 0) {
            audit.record("DELETE", "grid-officer", division.code(), "officer removed");
        }
    }

    /** Adds a grid member (the same phone in the same division is the same member: its name is updated). */
    @Transactional
    void addMember(String divisionCode, String name, String phone, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        Division division = assignableWithin(divisionCode, actor, errors);
        String who = name.strip();
        if (who.isEmpty()) {
            errors.add(FieldError.of("memberName", "error.required", null));
        } else if (who.length() > 50 || who.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.of("memberName", "error.maxPrintable", null, 50));
        }
        String mobile = null;
        try {
            mobile = PhoneNumbers.normalise("memberPhone", phone);
            if (!mobile.matches("1[0-9]{10}")) {
                errors.add(FieldError.of("memberPhone", "error.grid.mobile", null));
            }
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty() || division == null || mobile == null) {
            throw new InvalidInput(errors);
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql(
                        "UPDATE grid_member SET name = ?, assigned_at = ?, assigned_by = ? WHERE division_code = ? AND phone = ?")
                .params(who, now, actor.name(), division.code(), mobile)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "INSERT INTO grid_member (division_code, name, phone, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)")
                    .params(division.code(), who, mobile, now, actor.name())
                    .update();
        }
        audit.record("UPDATE", "grid-member", division.code(), "grid member " + who);
    }

    @Transactional
    void removeMember(long id, Actor actor) {
        var code = jdbc.sql("SELECT division_code FROM grid_member WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .filter(actor::covers)
                .orElseThrow(() -> InvalidInput.of("member", "error.grid.noSuchMember", id, id));
        jdbc.sql("DELETE FROM grid_member WHERE id = ?").param(id).update();
        audit.record("DELETE", "grid-member", code, "grid member " + id + " removed");
    }

    private @Nullable Division assignableWithin(String divisionCode, Actor actor, List<FieldError> errors) {
        String code = divisionCode.strip();
        Division division = code.matches("[0-9]{2,12}") ? divisions.find(code).orElse(null) : null;
        if (division == null || !actor.covers(division.code())) {
            errors.add(FieldError.of("divisionCode", "error.grid.noSuchDivision", safe(code), clip(code)));
            return null;
        }
        if (!assignable(division)) {
            errors.add(FieldError.of("divisionCode", "error.grid.villageOrTownship", code, code));
            return null;
        }
        return division;
    }

    private Division within(String code, Actor actor, String field) {
        return divisions
                .find(code.strip())
                .filter(d -> actor.covers(d.code()))
                .orElseThrow(() -> InvalidInput.of(field, "error.grid.noSuchDivision", safe(code), clip(code)));
    }

    static boolean assignable(Division d) {
        return d.level() == DivisionLevel.VILLAGE || d.level() == DivisionLevel.TOWNSHIP;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static @Nullable String safe(String value) {
        return value.length() > 40 ? null : value;
    }
}
