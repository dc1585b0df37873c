package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fitted models and the refit claim. */
@Repository
public class ModelStore {

    public record Version(
            long id,
            String version,
            Instant createdAt,
            String createdBy,
            int outcomes,
            boolean qualified,
            String reason,
            String metrics,
            String medians,
            BigDecimal fitSeconds) {}

    private final JdbcClient jdbc;

    ModelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Version map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(
                rs.getLong("id"),
                rs.getString("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getInt("outcomes"),
                rs.getBoolean("qualified"),
                rs.getString("reason"),
                rs.getString("metrics"),
                rs.getString("medians"),
                rs.getBigDecimal("fit_seconds"));
    }

    static final String COLUMNS =
            "id, version, created_at, created_by, outcomes, qualified, reason, metrics, medians, fit_seconds";

    void save(Version v, byte @Nullable [] model) {
        jdbc.sql("""
                        INSERT INTO dispatch_model (version, created_at, created_by, outcomes, qualified, reason, metrics, medians,
                            fit_seconds, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        v.version(),
                        Timestamp.from(v.createdAt()),
                        v.createdBy(),
                        v.outcomes(),
                        v.qualified(),
                        v.reason(),
                        v.metrics(),
                        v.medians(),
                        v.fitSeconds(),
                        model)
                .update();
    }

    List<Version> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispatch_model ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** The newest qualified model's row. */
    Optional<Version> newestQualified() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dispatch_model WHERE qualified = TRUE ORDER BY id DESC LIMIT 1")
                .query((rs, n) -> map(rs))
                .optional();
    }

    Optional<byte[]> model(long id) {
        return jdbc.sql("SELECT model FROM dispatch_model WHERE id = ? AND model IS NOT NULL")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** Claims the refit for this instance; false while another runs (a claim older than {@code stale} is taken over). */
    boolean claim(Instant now, Duration stale) {
        return jdbc.sql("""
                                UPDATE dispatch_refit SET running_since = ?
                                WHERE id = 1 AND (running_since IS NULL OR running_since < ?)""")
                        .params(Timestamp.from(now), Timestamp.from(now.minus(stale)))
                        .update()
                == 1;
    }

    void release() {
        jdbc.sql("UPDATE dispatch_refit SET running_since = NULL WHERE id = 1").update();
    }
}
