package org.fanzha.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Partner API tokens, for ADMINs: created with named permissions and sources, shown once, revocable. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

    private final ApiTokens tokens;
    private final AuditLog audit;

    TokenController(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    record NewTokenRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 1, max = 20) List<String> permissions,
            @Nullable @Size(max = 10) Set<Source> sources,
            @Nullable Instant expiresAt) {}

    record TokenView(
            long id,
            String name,
            String unitCode,
            List<String> permissions,
            Set<Source> sources,
            String createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {

        static TokenView of(ApiTokens.Token t) {
            return new TokenView(
                    t.id(),
                    t.name(),
                    t.unitCode(),
                    t.permissions().stream().map(Permission::authority).sorted().toList(),
                    t.sources(),
                    t.createdBy(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revokedAt(),
                    t.lastUsedAt());
        }
    }

    record CreatedToken(String token, TokenView details) {}

    static class TokenNotFound extends ProblemException {
        TokenNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "token-not-found",
                    "Token not found",
                    "No active partner token " + id + " within your jurisdiction.");
        }
    }

    @PostMapping
    @Transactional
    ResponseEntity<CreatedToken> create(@Valid @RequestBody NewTokenRequest request) {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        List<FieldError> errors = new ArrayList<>();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : request.permissions()) {
            var permission = Permission.ofAuthority(name).filter(Permission::partnerGrantable);
            if (permission.isEmpty()) {
                errors.add(new FieldError(
                        "permissions",
                        "not a permission a partner may hold; one of "
                                + EnumSet.allOf(Permission.class).stream()
                                        .filter(Permission::partnerGrantable)
                                        .map(Permission::authority)
                                        .toList(),
                        name.length() > 40 ? null : name));
            } else {
                permissions.add(permission.get());
            }
        }
        Set<Source> sources = request.sources() == null ? Set.of() : request.sources();
        if (permissions.contains(Permission.LEADS_SUBMIT) && sources.isEmpty()) {
            errors.add(
                    new FieldError("sources", "a token that submits leads must name the sources it speaks for", null));
        }
        if (request.expiresAt() != null && request.expiresAt().isBefore(Instant.now())) {
            errors.add(new FieldError("expiresAt", "is in the past", request.expiresAt()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var issued = tokens.issueForPartner(
                request.name().strip(), actor.unitCode(), permissions, sources, actor.name(), request.expiresAt());
        audit.record(
                "CREATE",
                "api-token",
                Long.toString(issued.token().id()),
                "partner token \"" + request.name().strip() + "\", permissions "
                        + TokenView.of(issued.token()).permissions() + ", sources " + sources);
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + issued.token().id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedToken(issued.secret(), TokenView.of(issued.token())));
    }

    @GetMapping
    List<TokenView> list() {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        return tokens.partnerTokens(actor.unitCode()).stream()
                .map(TokenView::of)
                .toList();
    }

    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> revoke(@PathVariable long id) {
        Actor actor = Actors.requirePermission(Permission.TOKENS_MANAGE);
        var token = tokens.find(id)
                .filter(t -> t.kind().equals("PARTNER") && actor.covers(t.unitCode()))
                .orElseThrow(() -> new TokenNotFound(id));
        if (tokens.revoke(token.id(), actor.name())) {
            audit.record("REVOKE", "api-token", Long.toString(id), "partner token \"" + token.name() + "\" revoked");
        }
        return ResponseEntity.noContent().build();
    }
}
