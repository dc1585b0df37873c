package org.fanzha.cases.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
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

    /** A person warned who reports a fraud within this long after the warning closed: warned, then defrauded. */
    static final java.time.Duration WARNED_WINDOW = java.time.Duration.ofDays(30);

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
                FactKind.CREDIT_RESTRICTIONS,
                FactKind.WARNED,
                FactKind.WARNED_THEN_DEFRAUDED);
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
        // a case accepted since may make a warning of the 30 days before it a warning that did not help
        jdbc.query(
                "SELECT DISTINCT accepted_at FROM fraud_case WHERE updated_at >= ? AND victim_phone IS NOT NULL",
                rs -> {
                    LocalDate accepted = FactSource.day(rs.getTimestamp(1).toInstant());
                    for (int d = 0; d <= WARNED_WINDOW.toDays(); d++) {
                        days.add(accepted.minusDays(d));
                    }
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

    /**
     * Warned, then defrauded: of the warnings closed on the day with their person warned, those
     * whose person (by phone) is the victim of a case accepted within 30 days after the close.
     */
    private void warned(LocalDate from, LocalDate to, Sink sink) {
        // the warning module's closed warnings, read where they are kept (a system read for evaluation)
        record Warned(String unitCode, String phone, Instant closedAt) {}
        List<Warned> warned = new ArrayList<>();
        jdbc.query(
                "SELECT unit_code, phone, closed_at FROM warning WHERE closed_at >= ? AND closed_at < ?"
                        + " AND outcome IN ('DISSUADED', 'PERSISTS', 'UNREACHABLE')",
                rs -> {
                    warned.add(new Warned(
                            rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                },
                Timestamp.from(FactSource.start(from)),
                Timestamp.from(FactSource.start(to.plusDays(1))));
        if (warned.isEmpty()) {
            return;
        }
        java.util.Map<String, java.util.List<Instant>> cases = new java.util.HashMap<>();
        java.util.List<String> phones =
                warned.stream().map(w -> w.phone()).distinct().toList();
        Instant first =
                warned.stream().map(w -> w.closedAt()).min(Instant::compareTo).orElseThrow();
        Instant last = warned.stream()
                .map(w -> w.closedAt())
                .max(Instant::compareTo)
                .orElseThrow()
                .plus(WARNED_WINDOW);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        for (int i = 0; i < phones.size(); i += 1000) {
            named.query(
                    "SELECT victim_phone, accepted_at FROM fraud_case WHERE status <> 'WITHDRAWN' AND victim_phone IN (:phones)"
                            + " AND accepted_at >= :first AND accepted_at < :last",
                    new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                            .addValue("phones", phones.subList(i, Math.min(phones.size(), i + 1000)))
                            .addValue("first", Timestamp.from(first))
                            .addValue("last", Timestamp.from(last)),
                    rs -> {
                        cases.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                                .add(rs.getTimestamp(2).toInstant());
                    });
        }
        for (var w : warned) {
            LocalDate day = FactSource.day(w.closedAt());
            sink.add(FactKind.WARNED, w.unitCode(), day, 1);
            boolean defrauded = cases.getOrDefault(w.phone(), java.util.List.of()).stream()
                    .anyMatch(at -> !at.isBefore(w.closedAt())
                            && at.isBefore(w.closedAt().plus(WARNED_WINDOW)));
            if (defrauded) {
                sink.add(FactKind.WARNED_THEN_DEFRAUDED, w.unitCode(), day, 1);
            }
        }
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        warned(from, to, sink);
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
