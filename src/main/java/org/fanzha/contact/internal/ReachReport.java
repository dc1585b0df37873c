package org.fanzha.contact.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.contact.Channel;
import org.fanzha.platform.FactSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How fast people were reached, from the platform's own records, for the plans a unit's subtree
 * began in a period: the time from the warning to the first attempt (per channel and overall:
 * an SMS or robot call started, an operator's first call, an officer's first visit; a step that
 * could not be tried at all is no attempt) and to the first confirmed contact (per the channel
 * that made it), each as count, median and 90th percentile in seconds (nearest rank).
 */
@Service
class ReachReport {

    private final JdbcClient jdbc;

    ReachReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One distribution. */
    record Times(
            int count,
            @Nullable Long medianSeconds,
            @Nullable Long p90Seconds) {

        static Times of(List<Long> seconds) {
            List<Long> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            return new Times(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
        }

        private static @Nullable Long rank(List<Long> sorted, double p) {
            return sorted.isEmpty() ? null : sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        }
    }

    record Report(
            String unit,
            LocalDate from,
            LocalDate to,
            int plans,
            Map<String, Times> firstAttempt,
            Map<String, Times> confirmedContact) {}

    private record Plan(
            long warningId,
            Instant openedAt,
            @Nullable Instant contactedAt,
            @Nullable String contactedBy,
            @Nullable Instant firstHuman,
            @Nullable Instant firstVisit) {}

    @Transactional(readOnly = true)
    Report report(String unit, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        List<Plan> plans = jdbc.sql("""
                        SELECT warning_id, opened_at, contacted_at, contacted_by, first_human_at, first_visit_at FROM contact_plan
                        WHERE unit_code LIKE ? AND opened_at >= ? AND opened_at < ?""")
                .params(unit + "%", start, end)
                .query((rs, i) -> new Plan(
                        rs.getLong(1),
                        ContactPlans.instant(rs, "opened_at"),
                        ContactPlans.nullableInstant(rs, "contacted_at"),
                        rs.getString(4),
                        ContactPlans.nullableInstant(rs, "first_human_at"),
                        ContactPlans.nullableInstant(rs, "first_visit_at")))
                .list();
        Map<Long, Map<Channel, Instant>> machine = new HashMap<>();
        jdbc.sql("""
                        SELECT s.warning_id, s.channel, MIN(s.started_at) FROM contact_step s JOIN contact_plan p ON p.warning_id = s.warning_id
                        WHERE p.unit_code LIKE ? AND p.opened_at >= ? AND p.opened_at < ? AND s.channel IN ('SMS', 'ROBOT_CALL')
                        AND s.started_at IS NOT NULL AND s.state <> 'CANCELLED'
                        AND (s.result IS NULL OR s.result NOT IN ('UNAVAILABLE', 'INVALID_NUMBER'))
                        GROUP BY s.warning_id, s.channel""")
                .params(unit + "%", start, end)
                .query((rs, i) -> machine.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Channel.class))
                        .put(
                                Channel.valueOf(rs.getString(2)),
                                rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .list();
        Map<String, List<Long>> attempts = new LinkedHashMap<>();
        Map<String, List<Long>> confirmed = new LinkedHashMap<>();
        for (String key : List.of("all", "SMS", "ROBOT_CALL", "HUMAN_CALL", "VISIT")) {
            attempts.put(key, new ArrayList<>());
            confirmed.put(key, new ArrayList<>());
        }
        for (Plan p : plans) {
            Map<Channel, Instant> tried = new EnumMap<>(Channel.class);
            tried.putAll(machine.getOrDefault(p.warningId(), Map.of()));
            if (p.firstHuman() != null) {
                tried.put(Channel.HUMAN_CALL, p.firstHuman());
            }
            if (p.firstVisit() != null) {
                tried.put(Channel.VISIT, p.firstVisit());
            }
            tried.forEach((channel, at) -> attempts.get(channel.name()).add(seconds(p.openedAt(), at)));
            tried.values().stream()
                    .min(Instant::compareTo)
                    .ifPresent(at -> attempts.get("all").add(seconds(p.openedAt(), at)));
            if (p.contactedAt() != null) {
                long s = seconds(p.openedAt(), p.contactedAt());
                confirmed.get("all").add(s);
                if (p.contactedBy() != null && confirmed.containsKey(p.contactedBy())) {
                    confirmed.get(p.contactedBy()).add(s);
                }
            }
        }
        Map<String, Times> a = new LinkedHashMap<>();
        attempts.forEach((k, v) -> a.put(k, Times.of(v)));
        Map<String, Times> c = new LinkedHashMap<>();
        confirmed.forEach((k, v) -> c.put(k, Times.of(v)));
        return new Report(unit, from, to, plans.size(), a, c);
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
