package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FraudType;
import org.fanzha.warning.Outcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts of early warning for performance evaluation: warnings received (on the day they were
 * opened), acknowledged (with the time it took and whether within the deadline) and closed (with
 * the outcome, the loss averted and whether within the deadline), for the unit that holds them.
 */
@Component
class WarningFacts implements FactSource {

    private final JdbcTemplate jdbc;

    WarningFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(
                FactKind.WARNING_RECEIVED,
                FactKind.ACKNOWLEDGED,
                FactKind.ACKNOWLEDGED_IN_TIME,
                FactKind.ACK_SECONDS,
                FactKind.WARNING_HANDLED,
                FactKind.CLOSED_IN_TIME,
                FactKind.DISSUADED,
                FactKind.ALREADY_DEFRAUDED,
                FactKind.LOSS_AVERTED,
                FactKind.REPEAT_TARGETS);
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject("SELECT MIN(opened_at) FROM warning", Timestamp.class);
        return Optional.ofNullable(first).map(t -> FactSource.day(t.toInstant()));
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        jdbc.query(
                "SELECT unit_code, opened_at, fraud_type, urgency_rule FROM warning WHERE opened_at >= ? AND opened_at < ?",
                rs -> {
                    LocalDate day = FactSource.day(rs.getTimestamp(2).toInstant());
                    sink.add(FactKind.WARNING_RECEIVED, rs.getString(1), day, BigDecimal.ONE, type(rs.getString(3)));
                    if (RepeatTargets.RULE.equals(rs.getString(4))) {
                        sink.add(FactKind.REPEAT_TARGETS, rs.getString(1), day, BigDecimal.ONE, type(rs.getString(3)));
                    }
                },
                start,
                end);
        jdbc.query(
                "SELECT unit_code, opened_at, acknowledged_at, acknowledge_due FROM warning"
                        + " WHERE acknowledged_at >= ? AND acknowledged_at < ?",
                rs -> {
                    String unit = rs.getString(1);
                    Instant opened = rs.getTimestamp(2).toInstant();
                    Instant acknowledged = rs.getTimestamp(3).toInstant();
                    Timestamp due = rs.getTimestamp(4);
                    LocalDate day = FactSource.day(acknowledged);
                    sink.add(FactKind.ACKNOWLEDGED, unit, day, 1);
                    if (due == null || !acknowledged.isAfter(due.toInstant())) {
                        sink.add(FactKind.ACKNOWLEDGED_IN_TIME, unit, day, 1);
                    }
                    sink.add(
                            FactKind.ACK_SECONDS,
                            unit,
                            day,
                            Math.max(0, Duration.between(opened, acknowledged).toSeconds()));
                },
                start,
                end);
        jdbc.query(
                "SELECT unit_code, closed_at, close_due, outcome, amount_at_risk, fraud_type FROM warning"
                        + " WHERE closed_at >= ? AND closed_at < ?",
                rs -> {
                    String unit = rs.getString(1);
                    Instant closed = rs.getTimestamp(2).toInstant();
                    Timestamp due = rs.getTimestamp(3);
                    String outcome = rs.getString(4);
                    BigDecimal amount = rs.getBigDecimal(5);
                    FraudType type = type(rs.getString(6));
                    LocalDate day = FactSource.day(closed);
                    sink.add(FactKind.WARNING_HANDLED, unit, day, 1);
                    if (due == null || !closed.isAfter(due.toInstant())) {
                        sink.add(FactKind.CLOSED_IN_TIME, unit, day, 1);
                    }
                    if (Outcome.DISSUADED.name().equals(outcome)) {
                        sink.add(FactKind.DISSUADED, unit, day, BigDecimal.ONE, type);
                        if (amount != null) {
                            sink.add(FactKind.LOSS_AVERTED, unit, day, amount, type);
                        }
                    } else if (Outcome.ALREADY_DEFRAUDED.name().equals(outcome)) {
                        sink.add(FactKind.ALREADY_DEFRAUDED, unit, day, BigDecimal.ONE, type);
                    }
                },
                start,
                end);
    }

    static @Nullable FraudType type(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return FraudType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
