package org.fanzha.audit.internal;

import org.fanzha.audit.AuditProperties;
import org.fanzha.audit.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lets tests drive an audit log with another hash algorithm against the same tables. */
public class AuditTestAccess {

    private final JdbcAuditLog log;

    public AuditTestAccess(JdbcClient jdbc, String algorithm, @org.jspecify.annotations.Nullable String key) {
        this.log = new JdbcAuditLog(jdbc, new AuditProperties(algorithm, key));
    }

    private static java.time.Instant instant(Object at) {
        if (at instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return ((java.time.OffsetDateTime) at).toInstant(); // H2 hands TIMESTAMP WITH TIME ZONE so
    }

    /** The hash of a stored row as someone would recompute it with this algorithm and key (null: unkeyed). */
    public static String hash(
            java.util.Map<String, Object> row, String algorithm, @org.jspecify.annotations.Nullable String key) {
        return ChainHash.of(
                algorithm,
                key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (String) row.get("prev_hash"),
                ((Number) row.get("seq")).longValue(),
                instant(row.get("at")),
                (String) row.get("actor"),
                (String) row.get("actor_unit"),
                (String) row.get("action"),
                (String) row.get("entity"),
                (String) row.get("entity_id"),
                (String) row.get("detail"),
                (String) row.get("address"));
    }

    public void append(String detail) {
        log.append("test", "41", "TEST", "thing", "sm3", detail, "-", null);
    }

    public ChainVerification verify() {
        return log.verify();
    }
}
