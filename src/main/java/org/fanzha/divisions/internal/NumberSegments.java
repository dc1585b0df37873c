package org.fanzha.divisions.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The number-segment table (号段 → city code), read on every lookup so all instances agree. */
@Repository
class NumberSegments {

    record Segment(String prefix, String divisionCode) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    NumberSegments(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    Optional<String> cityOf(String nationalNumber) {
        if (nationalNumber.length() < 7) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT division_code FROM number_segment WHERE prefix = ?")
                .param(nationalNumber.substring(0, 7))
                .query(String.class)
                .optional();
    }

    /** Prefix → city code for those of the prefixes the table knows, in one query. */
    java.util.Map<String, String> citiesOf(java.util.Set<String> prefixes) {
        java.util.Map<String, String> cities = new java.util.HashMap<>();
        if (prefixes.isEmpty()) {
            return cities;
        }
        // one array parameter: an index look-up per prefix in any plan (an IN list of many
        // parameters becomes a linear filter in a generic plan)
        jdbcTemplate.query(
                con -> {
                    var ps = con.prepareStatement(
                            "SELECT prefix, division_code FROM number_segment WHERE prefix = ANY(?)");
                    ps.setArray(1, con.createArrayOf("varchar", prefixes.toArray()));
                    return ps;
                },
                (java.sql.ResultSet rs) -> {
                    cities.put(rs.getString(1), rs.getString(2));
                });
        return cities;
    }

    /** Inserts or replaces the segments in batches (standard MERGE: H2 and PostgreSQL 15+). */
    @Transactional
    int upsert(List<Segment> segments, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbcTemplate.batchUpdate("""
                MERGE INTO number_segment t
                USING (VALUES (CAST(? AS VARCHAR(7)), CAST(? AS VARCHAR(12)))) AS s (prefix, division_code)
                ON t.prefix = s.prefix
                WHEN MATCHED THEN UPDATE SET division_code = s.division_code, updated_at = ?, updated_by = ?
                WHEN NOT MATCHED THEN INSERT (prefix, division_code, updated_at, updated_by)
                    VALUES (s.prefix, s.division_code, ?, ?)
                """, segments, 1_000, (ps, seg) -> {
            ps.setString(1, seg.prefix());
            ps.setString(2, seg.divisionCode());
            ps.setTimestamp(3, now);
            ps.setString(4, by);
            ps.setTimestamp(5, now);
            ps.setString(6, by);
        });
        return segments.size();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM number_segment").query(Long.class).single();
    }

    List<Segment> page(String fromPrefix, int limit) {
        return jdbc.sql("SELECT prefix, division_code FROM number_segment WHERE prefix >= ? ORDER BY prefix LIMIT ?")
                .params(fromPrefix, limit)
                .query((rs, i) -> new Segment(rs.getString(1), rs.getString(2)))
                .list();
    }
}
