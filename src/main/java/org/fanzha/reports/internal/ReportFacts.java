package org.fanzha.reports.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Report to stop-payment (举报到止付): for every report whose stop-payments went out, the seconds
 * from its receipt, on the day they went out, for the unit its warning went to (the province desk
 * for a fresh transfer) — kept as a distribution, so the indicators are a median and a 90th
 * percentile per unit and period.
 */
@Component
class ReportFacts implements FactSource {

    private final JdbcTemplate jdbc;
    private final String provinceCode;

    ReportFacts(JdbcTemplate jdbc, org.fanzha.divisions.DivisionsProperties divisions) {
        this.jdbc = jdbc;
        this.provinceCode = divisions.provinceCode();
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(FactKind.REPORT_STOP_SECONDS);
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject("SELECT MIN(stop_sent_at) FROM public_report", Timestamp.class);
        return Optional.ofNullable(first).map(t -> FactSource.day(t.toInstant()));
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        jdbc.query(
                """
                SELECT unit_code, received_at, stop_sent_at FROM public_report
                WHERE stop_sent_at >= ? AND stop_sent_at < ?""",
                rs -> {
                    var received = rs.getTimestamp(2).toInstant();
                    var sent = rs.getTimestamp(3).toInstant();
                    long seconds = Math.max(0, Duration.between(received, sent).toSeconds());
                    sink.add(
                            FactKind.REPORT_STOP_SECONDS,
                            rs.getString(1),
                            FactSource.day(sent),
                            BigDecimal.valueOf(seconds),
                            null);
                },
                Timestamp.from(FactSource.start(from)),
                Timestamp.from(FactSource.start(to.plusDays(1))));
    }
}
