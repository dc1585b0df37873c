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

    /** One plan's reach: when each channel first tried the person and when they were first reached. */
    record Reached(
            String unit,
            Instant openedAt,
            Map<Channel, Instant> tried,
            @Nullable Instant contactedAt,
            @Nullable String contactedBy) {

        /** Seconds to the first attempt on any channel, if any was made. */
        java.util.Optional<Long> firstAttemptSeconds() {
            return tried.values().stream().min(Instant::compareTo).map(at -> seconds(openedAt, at));
        }

        /** Seconds to the first confirmed contact, if there was one. */
        java.util.Optional<Long> contactSeconds() {
            return java.util.Optional.ofNullable(contactedAt).map(at -> seconds(openedAt, at));
        }
    }

    @Transactional(readOnly = true)
    Report report(String unit, LocalDate from, LocalDate to) {
        List<Reached> plans = reached(unit, from, to);
        Map<String, List<Long>> attempts = new LinkedHashMap<>();
        Map<String, List<Long>> confirmed = new LinkedHashMap<>();
        for (String key : List.of("all", "SMS", "ROBOT_CALL", "HUMAN_CALL", "VISIT")) {
            attempts.put(key, new ArrayList<>());
            confirmed.put(key, new ArrayList<>());
        }
        for (Reached p : plans) {
            p.tried().forEach((channel, at) -> attempts.get(channel.name()).add(seconds(p.openedAt(), at)));
            p.firstAttemptSeconds().ifPresent(attempts.get("all")::add);
            p.contactSeconds().ifPresent(s -> {
                confirmed.get("all").add(s);
                if (p.contactedBy() != null && confirmed.containsKey(p.contactedBy())) {
                    confirmed.get(p.contactedBy()).add(s);
                }
            });
        }
        Map<String, Times> a = new LinkedHashMap<>();
        attempts.forEach((k, v) -> a.put(k, Times.of(v)));
        Map<String, Times> c = new LinkedHashMap<>();
        confirmed.forEach((k, v) -> c.put(k, Times.of(v)));
        return new Report(unit, from, to, plans.size(), a, c);
    }

    /**
     * The reach of the plans a unit's subtree (every unit: "") began in a period, in two queries:
     * an SMS or robot call counts as tried when it started and could be tried at all (not
     * cancelled, not refused for want of a gateway or a valid number).
     */
    List<Reached> reached(String unit, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        Map<Long, Map<Channel, Instant>> tried = new HashMap<>();
        jdbc.sql("""
                        SELECT s.warning_id, s.channel, MIN(s.started_at) FROM contact_step s JOIN contact_plan p ON p.warning_id = s.warning_id
                        WHERE p.unit_code LIKE ? AND p.opened_at >= ? AND p.opened_at < ? AND s.channel IN ('SMS', 'ROBOT_CALL')
                        AND s.started_at IS NOT NULL AND s.state <> 'CANCELLED'
                        AND (s.result IS NULL OR s.result NOT IN ('UNAVAILABLE', 'INVALID_NUMBER'))
                        GROUP BY s.warning_id, s.channel""")
                .params(unit + "%", start, end)
                .query((rs, i) -> tried.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Channel.class))
                        .put(
                                Channel.valueOf(rs.getString(2)),
                                rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .list();
        return jdbc.sql("""
                        SELECT warning_id, unit_code, opened_at, contacted_at, contacted_by, first_human_at, first_visit_at
                        FROM contact_plan WHERE unit_code LIKE ? AND opened_at >= ? AND opened_at < ?""")
                .params(unit + "%", start, end)
                .query((rs, i) -> {
                    Map<Channel, Instant> channels = new EnumMap<>(Channel.class);
                    channels.putAll(tried.getOrDefault(rs.getLong(1), Map.of()));
                    Instant human = ContactPlans.nullableInstant(rs, "first_human_at");
                    if (human != null) {
                        channels.put(Channel.HUMAN_CALL, human);
                    }
                    Instant visit = ContactPlans.nullableInstant(rs, "first_visit_at");
                    if (visit != null) {
                        channels.put(Channel.VISIT, visit);
                    }
                    return new Reached(
                            rs.getString(2),
                            ContactPlans.instant(rs, "opened_at"),
                            channels,
                            ContactPlans.nullableInstant(rs, "contacted_at"),
                            rs.getString(5));
                })
                .list();
    }

    static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
