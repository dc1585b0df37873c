package org.fanzha.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
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

    private final TokenAdministration tokens;

    TokenController(TokenAdministration tokens) {
        this.tokens = tokens;
    }

    record NewTokenRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 60) String> permissions,
            @Nullable @Size(max = 10) Set<Source> sources,
            @Nullable Instant expiresAt,
            @Nullable @Size(max = 60) String bank) {}

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

    @PostMapping
    ResponseEntity<CreatedToken> create(@Valid @RequestBody NewTokenRequest request) {
        var issued = tokens.create(
                request.name(),
                request.permissions(),
                request.sources() == null ? Set.of() : request.sources(),
                request.expiresAt(),
                request.bank());
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + issued.token().id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedToken(issued.secret(), TokenView.of(issued.token())));
    }

    @GetMapping
    List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
