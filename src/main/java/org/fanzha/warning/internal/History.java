package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.SignalType;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Warnings' features and outcomes in batches: three queries per batch, whatever its size. */
@Service
class History implements WarningHistory {

    /** A contact that reached the person: a call answered, an officer at the door, a robot's answer. */
    static final List<String> CONFIRMED = List.of("ANSWERED", "MET", "ANSWERED_SAFE", "ANSWERED_AT_RISK");

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    History(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private record Row(
            long id,
            @Nullable FraudType fraudType,
            Urgency urgency,
            String rule,
            Instant openedAt,
            @Nullable Instant closedAt,
            @Nullable Outcome outcome,
            @Nullable BigDecimal amount,
            String unit,
            @Nullable String idNumber) {}

    private static final String COLUMNS =
            "id, fraud_type, urgency, urgency_rule, opened_at, closed_at, outcome, amount_at_risk, unit_code, id_number";

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String outcome = rs.getString("outcome");
        String fraud = rs.getString("fraud_type");
        return new Row(
                rs.getLong("id"),
                fraud == null ? null : FraudType.valueOf(fraud),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getString("urgency_rule"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("closed_at") == null
                        ? null
                        : rs.getTimestamp("closed_at").toInstant(),
                outcome == null ? null : Outcome.valueOf(outcome),
                rs.getBigDecimal("amount_at_risk"),
                rs.getString("unit_code"),
                rs.getString("id_number"));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Closed> closed(Instant since, long afterId, int limit) {
        List<Row> rows = jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM warning WHERE state = 'CLOSED' AND outcome IS NOT NULL AND opened_at >= ? AND id > ? ORDER BY id LIMIT ?")
                .params(java.sql.Timestamp.from(since), afterId, limit)
                .query((rs, n) -> row(rs))
                .list();
        Map<Long, Features> features = features(rows);
        Map<Long, Instant> contacted = contacted(rows);
        List<Closed> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Closed(
                    features.get(r.id()),
                    java.util.Objects.requireNonNull(r.outcome()),
                    java.util.Objects.requireNonNull(r.closedAt()),
                    contacted.get(r.id())));
        }
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Features> open(long afterId, int limit) {
        List<Row> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM warning WHERE state <> 'CLOSED' AND id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query((rs, n) -> row(rs))
                .list();
        Map<Long, Features> features = features(rows);
        return rows.stream().map(r -> features.get(r.id())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Features> open(java.util.Collection<Long> warningIds) {
        if (warningIds.isEmpty()) {
            return Map.of();
        }
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM warning WHERE id IN (:ids) AND state <> 'CLOSED'")
                .param("ids", warningIds)
                .query((rs, n) -> row(rs))
                .list();
        return features(rows);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Features> open(long warningId) {
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM warning WHERE id = ? AND state <> 'CLOSED'")
                .param(warningId)
                .query((rs, n) -> row(rs))
                .list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(features(rows).get(warningId));
    }

    private record LeadRow(long warningId, String source, String signals, Instant observedAt, String rule) {}

    private Map<Long, Features> features(List<Row> rows) {
        Map<Long, Features> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<LeadRow>> leads = new HashMap<>();
        jdbc.sql(
                        "SELECT warning_id, source, signals, observed_at, urgency_rule FROM lead WHERE warning_id IN (:ids) ORDER BY observed_at, id")
                .param("ids", ids)
                .query((rs, n) -> new LeadRow(
                        rs.getLong("warning_id"),
                        rs.getString("source"),
                        rs.getString("signals"),
                        rs.getTimestamp("observed_at").toInstant(),
                        rs.getString("urgency_rule")))
                .list()
                .forEach(l -> leads.computeIfAbsent(l.warningId(), k -> new ArrayList<>())
                        .add(l));
        Map<Long, List<Instant>> attempts = new HashMap<>();
        jdbc.sql("SELECT warning_id, at FROM warning_event WHERE kind = 'CONTACT' AND warning_id IN (:ids) ORDER BY at")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list()
                .forEach(e -> attempts.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        for (Row r : rows) {
            List<LeadRow> ls = leads.getOrDefault(r.id(), List.of());
            Set<SignalType> signals = EnumSet.noneOf(SignalType.class);
            Integer minutes = null;
            for (LeadRow l : ls) {
                for (LeadInput.Signal s : json.readValue(l.signals(), LeadInput.Signal[].class)) {
                    signals.add(s.type());
                    if (s.minutes() != null && (minutes == null || s.minutes() > minutes)) {
                        minutes = s.minutes();
                    }
                }
            }
            boolean repeat = r.rule().equals("repeat-target")
                    || ls.stream().anyMatch(l -> l.rule().equals("repeat-target"));
            LocalDate opened = r.openedAt().atZone(CHINA).toLocalDate();
            out.put(
                    r.id(),
                    new Features(
                            r.id(),
                            r.fraudType(),
                            r.urgency(),
                            r.rule(),
                            ls.isEmpty()
                                    ? Source.NATIONAL_CENTRE
                                    : Source.valueOf(ls.get(0).source()),
                            ls.isEmpty() ? r.openedAt() : ls.get(0).observedAt(),
                            r.openedAt(),
                            signals,
                            minutes,
                            r.amount(),
                            ageBand(r.idNumber(), opened),
                            sex(r.idNumber()),
                            repeat,
                            attempts.getOrDefault(r.id(), List.of()),
                            r.unit()));
        }
        return out;
    }

    private Map<Long, Instant> contacted(List<Row> rows) {
        Map<Long, Instant> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT warning_id, MIN(at) FROM warning_event WHERE kind = 'CONTACT' AND result IN (:results)
                        AND warning_id IN (:ids) GROUP BY warning_id""")
                .param("results", CONFIRMED)
                .param("ids", rows.stream().map(Row::id).toList())
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The decade of the person's age on the day, from an 18-digit ID number's birth date. */
    static @Nullable Integer ageBand(@Nullable String idNumber, LocalDate on) {
        if (idNumber == null || idNumber.length() != 18) {
            return null;
        }
        try {
            LocalDate born =
                    LocalDate.parse(idNumber.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            int age = java.time.Period.between(born, on).getYears();
            return age < 0 || age > 120 ? null : age / 10;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The 17th digit of an ID number: odd for men, even for women. */
    static @Nullable String sex(@Nullable String idNumber) {
        if (idNumber == null || idNumber.length() != 18 || !Character.isDigit(idNumber.charAt(16))) {
            return null;
        }
        return (idNumber.charAt(16) - '0') % 2 == 1 ? "M" : "F";
    }
}
