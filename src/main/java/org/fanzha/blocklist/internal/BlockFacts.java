package org.fanzha.blocklist.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts of blocking for performance evaluation: entries put in force per day (on approval,
 * or on entry for trusted sources) and visits that landed on the warning page. The block list is
 * the province's, so both count for the province only.
 */
@Component
class BlockFacts implements FactSource {

    static final String PROVINCE = "41";

    private final JdbcTemplate jdbc;

    BlockFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(FactKind.DOMAINS_BLOCKED, FactKind.BLOCK_HITS);
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject("SELECT MIN(first_seen) FROM block_entry", Timestamp.class);
        Date firstHit = jdbc.queryForObject("SELECT MIN(hit_day) FROM block_hit_day", Date.class);
        LocalDate a = first == null ? null : FactSource.day(first.toInstant());
        LocalDate b = firstHit == null ? null : firstHit.toLocalDate();
        return a == null ? Optional.ofNullable(b) : Optional.of(b == null || a.isBefore(b) ? a : b);
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        // grouped in the database: an import puts a million entries in force in one day
        jdbc.query(
                """
                SELECT CAST((t AT TIME ZONE 'Asia/Shanghai') AS DATE) d, COUNT(*) FROM (
                  SELECT reviewed_at t FROM block_entry
                  WHERE reviewed_at >= ? AND reviewed_at < ? AND state IN ('ACTIVE', 'EXPIRED', 'REMOVED')
                  UNION ALL
                  SELECT first_seen FROM block_entry
                  WHERE first_seen >= ? AND first_seen < ? AND reviewed_at IS NULL AND state IN ('ACTIVE', 'EXPIRED', 'REMOVED')
                ) e GROUP BY CAST((t AT TIME ZONE 'Asia/Shanghai') AS DATE)""",
                rs -> {
                    sink.add(FactKind.DOMAINS_BLOCKED, PROVINCE, rs.getDate(1).toLocalDate(), rs.getLong(2));
                },
                start,
                end,
                start,
                end);
        jdbc.query(
                "SELECT hit_day, SUM(hits) FROM block_hit_day WHERE hit_day >= ? AND hit_day <= ? GROUP BY hit_day",
                rs -> {
                    sink.add(FactKind.BLOCK_HITS, PROVINCE, rs.getDate(1).toLocalDate(), rs.getLong(2));
                },
                Date.valueOf(from),
                Date.valueOf(to));
    }
}
