package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.PerformanceProperties;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The totals behind every indicator: per unit (the unit of a fact and every unit above it), day
 * and kind of fact, recomputed from the capabilities' facts for the days that changed since the
 * last catch-up, every few seconds. Recomputing a day replaces its totals, so a catch-up that is
 * repeated (or done by two instances one after the other: they take turns on one row lock) counts
 * nothing twice, and the totals can always be rebuilt from the facts. Reading an indicator then
 * reads at most one row per day and kind, whatever the number of warnings and cases behind it.
 */
@Service
public class Rollups {

    private static final Logger log = LoggerFactory.getLogger(Rollups.class);

    private final JdbcTemplate jdbc;
    private final List<FactSource> sources;
    private final Divisions divisions;
    private final TransactionTemplate tx;
    private final PerformanceProperties properties;
    private final Clock clock;
    private final Set<FactKind> kinds;

    Rollups(
            JdbcTemplate jdbc,
            List<FactSource> sources,
            Divisions divisions,
            TransactionTemplate tx,
            PerformanceProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.sources = List.copyOf(sources);
        this.divisions = divisions;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        EnumSet<FactKind> all = EnumSet.noneOf(FactKind.class);
        sources.forEach(s -> all.addAll(s.kinds()));
        this.kinds = Set.copyOf(all);
    }

    /** The kinds of fact some capability records; indicators of other kinds are absent. */
    public Set<FactKind> kinds() {
        return kinds;
    }

    /** The time bucket of a number of seconds (exact below 10 minutes). */
    static int bucket(long seconds) {
        if (seconds < 600) {
            return (int) Math.max(0, seconds);
        }
        if (seconds < 3600) {
            return 600 + (int) ((seconds - 600) / 10);
        }
        if (seconds < 86_400) {
            return 900 + (int) ((seconds - 3600) / 60);
        }
        return 2280;
    }

    /** The smallest number of seconds in a bucket. */
    static long lowerBound(int bucket) {
        if (bucket < 600) {
            return bucket;
        }
        if (bucket < 900) {
            return 600 + (bucket - 600) * 10L;
        }
        return 3600 + (bucket - 900) * 60L;
    }

    @Scheduled(
            fixedDelayString = "${fanzha.performance.refresh-interval:5s}",
            initialDelayString = "${fanzha.performance.refresh-interval:5s}")
    void scheduled() {
        try {
            refresh(false);
        } catch (RuntimeException e) {
            log.warn("performance totals could not catch up: {}", e.toString());
        }
    }

    /** Catches up now, waiting for another instance that is at it (tests, the rebuild endpoint). */
    public void refreshNow() {
        refresh(true);
    }

    /** Recomputes the totals of a range of days from the facts, waiting for the lock. */
    public void recomputeDays(LocalDate from, LocalDate to) {
        tx.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT id FROM perf_state WHERE id = 1 FOR UPDATE");
            TreeSet<LocalDate> days = new TreeSet<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                days.add(d);
            }
            recompute(days);
        });
    }

    /** Drops the totals; the next catch-up recomputes every day from the facts. */
    public void rebuild() {
        jdbc.update("UPDATE perf_state SET rebuilt_at = NULL WHERE id = 1");
        refreshNow();
    }

    private void refresh(boolean wait) {
        tx.executeWithoutResult(status -> {
            List<Map<String, Object>> state =
                    jdbc.queryForList("SELECT refreshed_at, rebuilt_at FROM perf_state WHERE id = 1 FOR UPDATE"
                            + (wait ? "" : " SKIP LOCKED"));
            if (state.isEmpty()) {
                return; // another instance is catching up
            }
            Instant now = clock.instant();
            LocalDate today = FactSource.day(now);
            Object refreshed = state.get(0).get("refreshed_at");
            Object rebuilt = state.get(0).get("rebuilt_at");
            if (rebuilt == null || refreshed == null) {
                rebuildAll(today);
                jdbc.update(
                        "UPDATE perf_state SET refreshed_at = ?, rebuilt_at = ? WHERE id = 1",
                        Timestamp.from(now),
                        Timestamp.from(now));
                return;
            }
            Instant since = instant(refreshed).minus(properties.refreshMargin());
            TreeSet<LocalDate> days = new TreeSet<>();
            for (LocalDate d = FactSource.day(since); !d.isAfter(today); d = d.plusDays(1)) {
                days.add(d);
            }
            for (FactSource source : sources) {
                source.changedDays(since).stream()
                        .filter(d -> !d.isAfter(today))
                        .forEach(days::add);
            }
            recompute(days);
            jdbc.update("UPDATE perf_state SET refreshed_at = ? WHERE id = 1", Timestamp.from(now));
        });
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private void rebuildAll(LocalDate today) {
        long started = System.nanoTime();
        jdbc.update("DELETE FROM perf_fact");
        jdbc.update("DELETE FROM perf_fact_type");
        jdbc.update("DELETE FROM perf_ack");
        jdbc.update("DELETE FROM perf_fact_month");
        jdbc.update("DELETE FROM perf_ack_month");
        LocalDate first = sources.stream()
                .map(FactSource::firstDay)
                .flatMap(java.util.Optional::stream)
                .min(Comparator.naturalOrder())
                .orElse(today);
        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d = first.isAfter(today) ? today : first; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(d);
        }
        recompute(days);
        log.info(
                "performance totals rebuilt from the facts of {} days in {} ms",
                days.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Replaces the totals of the days by the facts of those days. */
    private void recompute(TreeSet<LocalDate> days) {
        List<LocalDate> run = new ArrayList<>();
        for (LocalDate d : days) {
            if (!run.isEmpty() && (!run.get(run.size() - 1).plusDays(1).equals(d) || d.getDayOfMonth() == 1)) {
                recompute(run.get(0), run.get(run.size() - 1));
                run.clear();
            }
            run.add(d);
        }
        if (!run.isEmpty()) {
            recompute(run.get(0), run.get(run.size() - 1));
        }
    }

    private record Key(String unit, LocalDate day, String kind) {}

    private record TypeKey(String unit, LocalDate day, String kind, String type) {}

    private record AckKey(String unit, LocalDate day, String kind, int bucket) {}

    private record MonthKey(String unit, LocalDate month, String kind) {}

    private record MonthAckKey(String unit, LocalDate month, String kind, int bucket) {}

    /** A unit and those above it; detailed ones (county and above) also keep fraud types and acknowledgement times. */
    private record Above(List<String> all, List<String> detailed) {}

    private void recompute(LocalDate from, LocalDate to) {
        Map<Key, BigDecimal> totals = new HashMap<>();
        Map<TypeKey, BigDecimal> byType = new HashMap<>();
        Map<AckKey, long[]> acks = new HashMap<>();
        Map<String, Above> above = new HashMap<>();
        FactSource.Sink sink =
                (FactKind kind, String unit, LocalDate day, BigDecimal value, @Nullable FraudType type) -> {
                    if (day.isBefore(from) || day.isAfter(to)) {
                        return;
                    }
                    Above units = above.computeIfAbsent(unit, this::unitAndAbove);
                    if (kind.distribution()) {
                        int bucket = bucket(value.longValue());
                        for (String u : units.detailed()) {
                            acks.computeIfAbsent(new AckKey(u, day, kind.name(), bucket), k -> new long[1])[0]++;
                        }
                        return;
                    }
                    for (String u : units.all()) {
                        totals.merge(new Key(u, day, kind.name()), value, BigDecimal::add);
                    }
                    if (type != null) {
                        for (String u : units.detailed()) {
                            byType.merge(new TypeKey(u, day, kind.name(), type.name()), value, BigDecimal::add);
                        }
                    }
                };
        for (FactSource source : sources) {
            source.facts(from, to, sink);
        }
        Date a = Date.valueOf(from);
        Date b = Date.valueOf(to);
        if (from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()))) {
            replaceMonth(from, a, b, totals, byType, acks);
            return;
        }
        // the months follow the days by the difference between the new totals and the old ones
        Map<MonthKey, BigDecimal> monthDelta = new HashMap<>();
        Map<MonthAckKey, long[]> monthAckDelta = new HashMap<>();
        jdbc.query(
                "SELECT unit_code, fact_day, kind, total FROM perf_fact WHERE fact_day >= ? AND fact_day <= ?",
                rs -> {
                    monthDelta.merge(
                            new MonthKey(
                                    rs.getString(1), rs.getDate(2).toLocalDate().withDayOfMonth(1), rs.getString(3)),
                            rs.getBigDecimal(4).negate(),
                            BigDecimal::add);
                },
                a,
                b);
        totals.forEach((k, v) ->
                monthDelta.merge(new MonthKey(k.unit(), k.day().withDayOfMonth(1), k.kind()), v, BigDecimal::add));
        jdbc.query(
                "SELECT unit_code, fact_day, kind, bucket, n FROM perf_ack WHERE fact_day >= ? AND fact_day <= ?",
                rs -> {
                    monthAckDelta
                                    .computeIfAbsent(
                                            new MonthAckKey(
                                                    rs.getString(1),
                                                    rs.getDate(2).toLocalDate().withDayOfMonth(1),
                                                    rs.getString(3),
                                                    rs.getInt(4)),
                                            k -> new long[1])[0] -=
                            rs.getLong(5);
                },
                a,
                b);
        acks.forEach((k, v) -> monthAckDelta
                        .computeIfAbsent(
                                new MonthAckKey(k.unit(), k.day().withDayOfMonth(1), k.kind(), k.bucket()),
                                x -> new long[1])[0] +=
                v[0]);

        jdbc.update("DELETE FROM perf_fact WHERE fact_day >= ? AND fact_day <= ?", a, b);
        jdbc.update("DELETE FROM perf_fact_type WHERE fact_day >= ? AND fact_day <= ?", a, b);
        jdbc.update("DELETE FROM perf_ack WHERE fact_day >= ? AND fact_day <= ?", a, b);
        List<Object[]> rows = new ArrayList<>(totals.size());
        totals.forEach((k, v) -> rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), v}));
        jdbc.batchUpdate("INSERT INTO perf_fact (unit_code, fact_day, kind, total) VALUES (?, ?, ?, ?)", rows);
        rows.clear();
        byType.forEach((k, v) -> rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), k.type(), v}));
        jdbc.batchUpdate(
                "INSERT INTO perf_fact_type (unit_code, fact_day, kind, fraud_type, total) VALUES (?, ?, ?, ?, ?)",
                rows);
        rows.clear();
        acks.forEach((k, v) -> rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), k.bucket(), v[0]}));
        jdbc.batchUpdate("INSERT INTO perf_ack (unit_code, fact_day, kind, bucket, n) VALUES (?, ?, ?, ?, ?)", rows);

        List<Object[]> changed = new ArrayList<>();
        monthDelta.forEach((k, v) -> {
            if (v.signum() != 0) {
                changed.add(new Object[] {v, k.unit(), Date.valueOf(k.month()), k.kind()});
            }
        });
        applyDeltas(
                "UPDATE perf_fact_month SET total = total + ? WHERE unit_code = ? AND fact_month = ? AND kind = ?",
                "INSERT INTO perf_fact_month (total, unit_code, fact_month, kind) VALUES (?, ?, ?, ?)",
                changed);
        changed.clear();
        monthAckDelta.forEach((k, v) -> {
            if (v[0] != 0) {
                changed.add(new Object[] {v[0], k.unit(), Date.valueOf(k.month()), k.kind(), k.bucket()});
            }
        });
        applyDeltas(
                "UPDATE perf_ack_month SET n = n + ? WHERE unit_code = ? AND fact_month = ? AND kind = ? AND bucket = ?",
                "INSERT INTO perf_ack_month (n, unit_code, fact_month, kind, bucket) VALUES (?, ?, ?, ?, ?)",
                changed);
    }

    /** A whole month recomputed: its days and the month replaced outright. */
    private void replaceMonth(
            LocalDate month,
            Date a,
            Date b,
            Map<Key, BigDecimal> totals,
            Map<TypeKey, BigDecimal> byType,
            Map<AckKey, long[]> acks) {
        Date m = Date.valueOf(month);
        jdbc.update("DELETE FROM perf_fact WHERE fact_day >= ? AND fact_day <= ?", a, b);
        jdbc.update("DELETE FROM perf_fact_type WHERE fact_day >= ? AND fact_day <= ?", a, b);
        jdbc.update("DELETE FROM perf_ack WHERE fact_day >= ? AND fact_day <= ?", a, b);
        jdbc.update("DELETE FROM perf_fact_month WHERE fact_month = ?", m);
        jdbc.update("DELETE FROM perf_ack_month WHERE fact_month = ?", m);
        List<Object[]> rows = new ArrayList<>(totals.size());
        Map<List<String>, BigDecimal> monthTotals = new HashMap<>();
        totals.forEach((k, v) -> {
            rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), v});
            monthTotals.merge(List.of(k.unit(), k.kind()), v, BigDecimal::add);
        });
        jdbc.batchUpdate("INSERT INTO perf_fact (unit_code, fact_day, kind, total) VALUES (?, ?, ?, ?)", rows);
        rows.clear();
        monthTotals.forEach((k, v) -> rows.add(new Object[] {k.get(0), m, k.get(1), v}));
        jdbc.batchUpdate("INSERT INTO perf_fact_month (unit_code, fact_month, kind, total) VALUES (?, ?, ?, ?)", rows);
        rows.clear();
        byType.forEach((k, v) -> rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), k.type(), v}));
        jdbc.batchUpdate(
                "INSERT INTO perf_fact_type (unit_code, fact_day, kind, fraud_type, total) VALUES (?, ?, ?, ?, ?)",
                rows);
        rows.clear();
        Map<List<Object>, long[]> monthAcks = new HashMap<>();
        acks.forEach((k, v) -> {
            rows.add(new Object[] {k.unit(), Date.valueOf(k.day()), k.kind(), k.bucket(), v[0]});
            monthAcks.computeIfAbsent(List.of(k.unit(), k.kind(), k.bucket()), x -> new long[1])[0] += v[0];
        });
        jdbc.batchUpdate("INSERT INTO perf_ack (unit_code, fact_day, kind, bucket, n) VALUES (?, ?, ?, ?, ?)", rows);
        rows.clear();
        monthAcks.forEach((k, v) -> rows.add(new Object[] {k.get(0), m, k.get(1), k.get(2), v[0]}));
        jdbc.batchUpdate(
                "INSERT INTO perf_ack_month (unit_code, fact_month, kind, bucket, n) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** Adds each delta to its month row, inserting the rows that are not there yet (under the lock). */
    private void applyDeltas(String update, String insert, List<Object[]> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        int[][] counts = jdbc.batchUpdate(update, deltas, 1000, (ps, row) -> {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
        });
        List<Object[]> missing = new ArrayList<>();
        int n = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                if (c == 0) {
                    missing.add(deltas.get(n));
                }
                n++;
            }
        }
        jdbc.batchUpdate(insert, missing);
    }

    /** The unit and every unit above it (statistical groups without a police unit left out). */
    private Above unitAndAbove(String code) {
        List<String> units = new ArrayList<>();
        List<String> detailed = new ArrayList<>();
        try {
            List<Division> chain = new ArrayList<>(divisions.ancestors(code));
            chain.add(divisions.get(code));
            for (Division d : chain) {
                if (d.unit()) {
                    units.add(d.code());
                    if (detailed(d)) {
                        detailed.add(d.code());
                    }
                }
            }
        } catch (RuntimeException e) {
            units.add(code);
        }
        return new Above(List.copyOf(units), List.copyOf(detailed));
    }

    /** Units that keep fraud types and time distributions besides their totals: county and above. */
    public static boolean detailed(Division d) {
        return d.level() == DivisionLevel.PROVINCE
                || d.level() == DivisionLevel.CITY
                || d.level() == DivisionLevel.COUNTY;
    }
}
