package org.fanzha.staff.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Bearer tokens: short-lived ones for staff (from {@code POST /api/v1/auth/token}) and
 * long-lived partner tokens an ADMIN creates. Only the SHA-256 of a token is stored; the token
 * itself is shown once.
 */
@Repository
class ApiTokens {

    static final String STAFF_PREFIX = "fzs_";
    static final String PARTNER_PREFIX = "fzp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Token(
            long id,
            String kind,
            String name,
            @Nullable Long staffId,
            String unitCode,
            Set<Permission> permissions,
            Set<Source> sources,
            String createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {

        boolean usable(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    record Issued(String secret, Token token) {}

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Issued issueForStaff(Actor staff, Instant expiresAt) {
        return issue(
                "STAFF",
                STAFF_PREFIX,
                "sign-in of " + staff.name(),
                staff.id(),
                staff.unitCode(),
                Set.of(),
                Set.of(),
                staff.name(),
                expiresAt);
    }

    Issued issueForPartner(
            String name,
            String unitCode,
            Set<Permission> permissions,
            Set<Source> sources,
            String createdBy,
            @Nullable Instant expiresAt) {
        return issue("PARTNER", PARTNER_PREFIX, name, null, unitCode, permissions, sources, createdBy, expiresAt);
    }

    /** A partner token with a given secret: for the demo profile's bank partner only. */
    Issued issueWithSecret(
            String secret,
            String name,
            String unitCode,
            Set<Permission> permissions,
            Set<Source> sources,
            String createdBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (kind, name, token_hash, staff_id, unit_code, permissions, sources, created_by, created_at, expires_at)
                VALUES ('PARTNER', ?, ?, NULL, ?, ?, ?, ?, ?, NULL)
                """)
                .params(
                        name,
                        hash(secret),
                        unitCode,
                        permissions.stream().map(Permission::authority).sorted().collect(Collectors.joining(",")),
                        sources.stream().map(Source::name).sorted().collect(Collectors.joining(",")),
                        createdBy,
                        Timestamp.from(Instant.now()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new Issued(secret, find(id).orElseThrow());
    }

    /** Binds a partner token to the bank it answers for. */
    void bindBank(long tokenId, String bankCode) {
        jdbc.sql("UPDATE api_token SET bank_code = ? WHERE id = ?")
                .params(bankCode, tokenId)
                .update();
    }

    private Issued issue(
            String kind,
            String prefix,
            String name,
            @Nullable Long staffId,
            String unitCode,
            Set<Permission> permissions,
            Set<Source> sources,
            String createdBy,
            @Nullable Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (kind, name, token_hash, staff_id, unit_code, permissions, sources, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        kind,
                        name,
                        hash(secret),
                        staffId,
                        unitCode,
                        permissions.stream().map(Permission::authority).sorted().collect(Collectors.joining(",")),
                        sources.stream().map(Source::name).sorted().collect(Collectors.joining(",")),
                        createdBy,
                        Timestamp.from(Instant.now()),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new Issued(secret, find(id).orElseThrow());
    }

    /** The usable token for a presented secret; marks it used. */
    Optional<Token> authenticate(String secret) {
        // issued secrets carry a prefix; the demo profile's bank token (demo-bank-token) does not
        if (secret.length() < 12 || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<Token> token = jdbc.sql("SELECT * FROM api_token WHERE token_hash = ?")
                .param(hash(secret))
                .query(ApiTokens::map)
                .optional()
                .filter(t -> t.usable(now));
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minusSeconds(60)))
                .ifPresent(t -> jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                        .params(Timestamp.from(now), t.id())
                        .update());
        return token;
    }

    Optional<Token> find(long id) {
        return jdbc.sql("SELECT * FROM api_token WHERE id = ?")
                .param(id)
                .query(ApiTokens::map)
                .optional();
    }

    List<Token> partnerTokens(String jurisdiction) {
        return jdbc.sql("SELECT * FROM api_token WHERE kind = 'PARTNER' AND unit_code LIKE ? ORDER BY id")
                .param(jurisdiction + "%")
                .query(ApiTokens::map)
                .list();
    }

    boolean revoke(long id, String by) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                        .params(Timestamp.from(Instant.now()), by, id)
                        .update()
                > 0;
    }

    void revokeAllOfStaff(long staffId, String by) {
        jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE staff_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(Instant.now()), by, staffId)
                .update();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Token map(ResultSet rs, int row) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(rs.getString("permissions").split(","))
                .filter(s -> !s.isBlank())
                .map(Permission::ofAuthority)
                .flatMap(Optional::stream)
                .forEach(permissions::add);
        Set<Source> sources = EnumSet.noneOf(Source.class);
        Arrays.stream(rs.getString("sources").split(","))
                .filter(s -> !s.isBlank())
                .map(Source::valueOf)
                .forEach(sources::add);
        long staffId = rs.getLong("staff_id");
        Long staff = rs.wasNull() ? null : staffId;
        return new Token(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("name"),
                staff,
                rs.getString("unit_code"),
                permissions,
                sources,
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
