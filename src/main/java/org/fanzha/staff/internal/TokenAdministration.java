package org.fanzha.staff.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.BankCodes;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Partner API tokens for ADMINs, within their jurisdiction; every creation and revocation is audited. */
@Service
class TokenAdministration {

    static class TokenNotFound extends ProblemException {
        TokenNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "token-not-found",
                    "problem.tokenNotFound.title",
                    "problem.tokenNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    private final ApiTokens tokens;
    private final AuditLog audit;

    private final BankCodes banks;

    TokenAdministration(ApiTokens tokens, AuditLog audit, BankCodes banks) {
        this.tokens = tokens;
        this.audit = audit;
        this.banks = banks;
    }

    static List<String> grantable() {
        return EnumSet.allOf(Permission.class).stream()
                .filter(Permission::partnerGrantable)
                .map(Permission::authority)
                .toList();
    }

    /**
     * A partner acts as {@code partner:<name>}, and that is written where every record keeps who
     * made it (columns of 100 characters): the name leaves room for the prefix.
     */
    static final int MAX_NAME = 90;

    @Transactional
    ApiTokens.Issued create(
            String name,
            List<String> permissionNames,
            Set<Source> sources,
            @Nullable Instant expiresAt,
            @Nullable String bank) {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        List<FieldError> errors = new ArrayList<>();
        if (name.isBlank() || name.strip().length() > MAX_NAME) {
            errors.add(FieldError.of("name", "error.lengthRange", null, 1, MAX_NAME));
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String permissionName : permissionNames) {
            var permission = Permission.ofAuthority(permissionName).filter(Permission::partnerGrantable);
            if (permission.isEmpty()) {
                errors.add(FieldError.of(
                        "permissions",
                        "error.partnerPermission",
                        permissionName.length() > 40 ? null : permissionName,
                        grantable()));
            } else {
                permissions.add(permission.get());
            }
        }
        if (permissionNames.isEmpty()) {
            errors.add(FieldError.of("permissions", "error.atLeastOneOf", null, grantable()));
        }
        if (permissions.contains(Permission.LEADS_SUBMIT) && sources.isEmpty()) {
            errors.add(new FieldError("sources", "error.tokenThatSubmitsLeadsMustName", null));
        }
        String bankCode = null;
        if (bank != null && !bank.isBlank()) {
            bankCode = banks.resolve(bank).orElse(null);
            if (bankCode == null) {
                errors.add(new FieldError(
                        "bank", "error.notKnownBankPaymentInstitution", bank.length() > 40 ? null : bank));
            }
        } else if (permissions.contains(Permission.FUNDS_RESPOND)) {
            errors.add(new FieldError("bank", "error.tokenThatAnswersStopPaymentFreeze", null));
        }
        if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
            errors.add(new FieldError("expiresAt", "error.inPast", expiresAt.toString()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var issued =
                tokens.issueForPartner(name.strip(), actor.unitCode(), permissions, sources, actor.name(), expiresAt);
        if (bankCode != null) {
            tokens.bindBank(issued.token().id(), bankCode);
        }
        audit.record(
                "CREATE",
                "api-token",
                Long.toString(issued.token().id()),
                "partner token \"" + name.strip() + "\", permissions "
                        + permissions.stream()
                                .map(Permission::authority)
                                .sorted()
                                .toList() + ", sources " + new java.util.TreeSet<>(sources)
                        + (bankCode == null ? "" : ", bank " + bankCode));
        return issued;
    }

    @Transactional(readOnly = true)
    List<ApiTokens.Token> list() {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        return tokens.partnerTokens(actor.unitCode());
    }

    @Transactional
    void revoke(long id) {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        var token = tokens.find(id)
                .filter(t -> t.kind().equals("PARTNER") && actor.covers(t.unitCode()))
                .orElseThrow(() -> new TokenNotFound(id));
        if (tokens.revoke(token.id(), actor.name())) {
            audit.record("REVOKE", "api-token", Long.toString(id), "partner token \"" + token.name() + "\" revoked");
        }
    }
}
