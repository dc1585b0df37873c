package org.fanzha.cases.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts of cases and card-breaking for performance evaluation: cases filed (立案, withdrawn
 * ones excluded) with their losses for the filing unit, cases solved for the solving unit,
 * suspects arrested for the arresting unit, card verifications finished and credit restrictions
 * approved for the unit that holds them.
 */
@Component
class CaseFacts implements FactSource {

    private final JdbcTemplate jdbc;

    CaseFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(
                FactKind.CASE_FILED,
                FactKind.CASE_LOSS,
                FactKind.CASE_SOLVED,
                FactKind.SUSPECT_ARRESTED,
                FactKind.CARD_VERIFICATIONS,
                FactKind.CREDIT_RESTRICTIONS);
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject(
                "SELECT MIN(t) FROM (SELECT MIN(filed_at) t FROM fraud_case UNION ALL SELECT MIN(solved_at) FROM fraud_case"
                        + " UNION ALL SELECT MIN(arrested_at) FROM case_suspect UNION ALL SELECT MIN(done_at) FROM card_verification"
                        + " UNION ALL SELECT MIN(decided_at) FROM credit_restriction) m",
                Timestamp.class);
        return Optional.ofNullable(first).map(t -> FactSource.day(t.toInstant()));
    }

    @Override
    public Set<LocalDate> changedDays(Instant since) {
        Set<LocalDate> days = new HashSet<>();
        Timestamp t = Timestamp.from(since);
        jdbc.query(
                "SELECT DISTINCT filed_at, solved_at FROM fraud_case WHERE updated_at >= ?",
                rs -> {
                    add(days, rs.getTimestamp(1));
                    add(days, rs.getTimestamp(2));
                },
                t);
        jdbc.query(
                "SELECT DISTINCT s.arrested_at FROM case_suspect s WHERE s.added_at >= ?",
                rs -> {
                    add(days, rs.getTimestamp(1));
                },
                t);
        return days;
    }

    private static void add(Set<LocalDate> days, @Nullable Timestamp t) {
        if (t != null) {
            days.add(FactSource.day(t.toInstant()));
        }
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        jdbc.query(
                "SELECT unit_code, filed_at, loss_amount, fraud_type FROM fraud_case"
                        + " WHERE filed_at >= ? AND filed_at < ? AND status <> 'WITHDRAWN'",
                rs -> {
                    String unit = rs.getString(1);
                    LocalDate day = FactSource.day(rs.getTimestamp(2).toInstant());
                    FraudType type = type(rs.getString(4));
                    sink.add(FactKind.CASE_FILED, unit, day, java.math.BigDecimal.ONE, type);
                    sink.add(FactKind.CASE_LOSS, unit, day, rs.getBigDecimal(3), type);
                },
                start,
                end);
        jdbc.query(
                "SELECT COALESCE(solving_unit, unit_code), solved_at, fraud_type FROM fraud_case"
                        + " WHERE solved_at >= ? AND solved_at < ? AND status IN ('SOLVED', 'PROSECUTED')",
                rs -> {
                    sink.add(
                            FactKind.CASE_SOLVED,
                            rs.getString(1),
                            FactSource.day(rs.getTimestamp(2).toInstant()),
                            java.math.BigDecimal.ONE,
                            type(rs.getString(3)));
                },
                start,
                end);
        jdbc.query(
                "SELECT COALESCE(s.arresting_unit, c.unit_code), s.arrested_at FROM case_suspect s"
                        + " JOIN fraud_case c ON c.id = s.case_id WHERE s.arrested_at >= ? AND s.arrested_at < ?",
                rs -> {
                    sink.add(
                            FactKind.SUSPECT_ARRESTED,
                            rs.getString(1),
                            FactSource.day(rs.getTimestamp(2).toInstant()),
                            1);
                },
                start,
                end);
        jdbc.query(
                "SELECT unit_code, done_at FROM card_verification WHERE done_at >= ? AND done_at < ? AND state = 'DONE'",
                rs -> {
                    sink.add(
                            FactKind.CARD_VERIFICATIONS,
                            rs.getString(1),
                            FactSource.day(rs.getTimestamp(2).toInstant()),
                            1);
                },
                start,
                end);
        jdbc.query(
                "SELECT unit_code, decided_at FROM credit_restriction"
                        + " WHERE decided_at >= ? AND decided_at < ? AND state IN ('IN_FORCE', 'LIFTED')",
                rs -> {
                    sink.add(
                            FactKind.CREDIT_RESTRICTIONS,
                            rs.getString(1),
                            FactSource.day(rs.getTimestamp(2).toInstant()),
                            1);
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
