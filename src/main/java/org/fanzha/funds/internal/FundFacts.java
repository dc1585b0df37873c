package org.fanzha.funds.internal;

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
 * The facts of stop-payment and freeze for performance evaluation: amounts held by the banks'
 * answers (on the day of the answer, for the requesting unit) and the time from request to answer.
 */
@Component
class FundFacts implements FactSource {

    private final JdbcTemplate jdbc;

    FundFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(
                FactKind.STOPPED_AMOUNT,
                FactKind.FROZEN_AMOUNT,
                FactKind.RETURNED_AMOUNT,
                FactKind.STOPS_ANSWERED,
                FactKind.STOP_ANSWER_SECONDS);
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject("SELECT MIN(answered_at) FROM fund_request", Timestamp.class);
        return Optional.ofNullable(first).map(t -> FactSource.day(t.toInstant()));
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        jdbc.query(
                "SELECT kind, state, unit_code, requested_at, answered_at, held_amount FROM fund_request"
                        + " WHERE answered_at >= ? AND answered_at < ? AND state IN ('STOPPED', 'PARTIAL', 'FAILED', 'FROZEN', 'RELEASED')",
                rs -> {
                    String kind = rs.getString(1);
                    String unit = rs.getString(3);
                    LocalDate day = FactSource.day(rs.getTimestamp(5).toInstant());
                    BigDecimal held = rs.getBigDecimal(6);
                    if (kind.equals("STOP_PAYMENT")) {
                        sink.add(FactKind.STOPS_ANSWERED, unit, day, 1);
                        Timestamp requested = rs.getTimestamp(4);
                        if (requested != null) {
                            sink.add(
                                    FactKind.STOP_ANSWER_SECONDS,
                                    unit,
                                    day,
                                    Math.max(
                                            0,
                                            Duration.between(
                                                            requested.toInstant(),
                                                            rs.getTimestamp(5).toInstant())
                                                    .toSeconds()));
                        }
                        if (held != null && held.signum() > 0) {
                            sink.add(FactKind.STOPPED_AMOUNT, unit, day, held, null);
                        }
                    } else if (held != null && held.signum() > 0) {
                        sink.add(FactKind.FROZEN_AMOUNT, unit, day, held, null);
                    }
                },
                Timestamp.from(FactSource.start(from)),
                Timestamp.from(FactSource.start(to.plusDays(1))));
        jdbc.query(
                "SELECT s.unit_code, r.decided_at, s.share_amount FROM fund_return r JOIN fund_return_share s ON s.return_id = r.id"
                        + " WHERE r.state = 'APPROVED' AND r.decided_at >= ? AND r.decided_at < ?",
                rs -> {
                    if (rs.getBigDecimal(3).signum() > 0) {
                        sink.add(
                                FactKind.RETURNED_AMOUNT,
                                rs.getString(1),
                                FactSource.day(rs.getTimestamp(2).toInstant()),
                                rs.getBigDecimal(3),
                                null);
                    }
                },
                Timestamp.from(FactSource.start(from)),
                Timestamp.from(FactSource.start(to.plusDays(1))));
    }
}
