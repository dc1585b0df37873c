package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.Period;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Indicators per unit (its subtree included) and period, from the totals {@link Rollups} keeps:
 * one grouped read of at most one row per day and kind, whatever the volume of facts behind it.
 * An indicator is absent (not zero) where no capability records its facts, where it is kept for the
 * province only, where a per-capita figure has no population, or where a share has nothing to divide.
 */
@Service
public class Indicators {

    /** One indicator with the same period a year before (同比) and the period before (环比). */
    public record Value(
            Indicator indicator,
            @Nullable BigDecimal value,
            @Nullable BigDecimal yearBefore,
            @Nullable BigDecimal yearChange,
            @Nullable BigDecimal yearChangePercent,
            @Nullable BigDecimal previous,
            @Nullable BigDecimal previousChange,
            @Nullable BigDecimal previousChangePercent) {}

    /** Sums of facts for one unit and period. */
    record Sums(Map<FactKind, BigDecimal> totals, Map<FactKind, TreeMap<Integer, Long>> times) {

        /** The distribution of one kind of time (empty where nothing was recorded). */
        TreeMap<Integer, Long> times(FactKind kind) {
            return times.getOrDefault(kind, new TreeMap<>());
        }
    }

    private final JdbcTemplate jdbc;
    private final Rollups rollups;
    private final Population population;
    private final Divisions divisions;

    Indicators(JdbcTemplate jdbc, Rollups rollups, Population population, Divisions divisions) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.population = population;
        this.divisions = divisions;
    }

    /** The indicators of a unit for a period, with year-on-year and period-on-period figures. */
    public List<Value> report(String unit, Period period) {
        Map<String, Map<Indicator, BigDecimal>> now = values(List.of(unit), period);
        Map<String, Map<Indicator, BigDecimal>> year = values(List.of(unit), period.yearBefore());
        Map<String, Map<Indicator, BigDecimal>> before = values(List.of(unit), period.previous());
        List<Value> out = new ArrayList<>();
        for (Indicator i : available(unit)) {
            BigDecimal v = now.get(unit).get(i);
            if (v == null) {
                continue; // nothing to divide this period: absent, not zero
            }
            BigDecimal y = year.get(unit).get(i);
            BigDecimal p = before.get(unit).get(i);
            out.add(new Value(i, v, y, change(v, y), percent(v, y), p, change(v, p), percent(v, p)));
        }
        return out;
    }

    /** The indicators that exist for the unit (see the class comment). */
    public List<Indicator> available(String unit) {
        List<Indicator> out = new ArrayList<>();
        boolean province = isProvince(unit);
        for (Indicator i : Indicator.values()) {
            if (!rollups.kinds().containsAll(i.facts())) {
                continue;
            }
            if (!province && i.facts().stream().anyMatch(FactKind::provinceWide)) {
                continue;
            }
            if (i.perCapita() && population.of(unit) == null) {
                continue;
            }
            if (i.fromDistribution()
                    && !divisions.find(unit).map(Rollups::detailed).orElse(false)) {
                continue; // times are kept for county-level units and above
            }
            out.add(i);
        }
        return out;
    }

    boolean isProvince(String unit) {
        return divisions.find(unit).map(d -> d.parentCode() == null).orElse(false);
    }

    /** The indicators of several units for one period (absent ones left out). */
    public Map<String, Map<Indicator, BigDecimal>> values(Collection<String> units, Period period) {
        Map<String, Sums> sums = sums(units, period);
        Map<String, Map<Indicator, BigDecimal>> out = new HashMap<>();
        for (String unit : units) {
            Sums s = sums.get(unit);
            Map<Indicator, BigDecimal> values = new EnumMap<>(Indicator.class);
            for (Indicator i : available(unit)) {
                BigDecimal v = compute(i, unit, s);
                if (v != null) {
                    values.put(i, v);
                }
            }
            out.put(unit, values);
        }
        return out;
    }

    private @Nullable BigDecimal compute(Indicator i, String unit, Sums s) {
        return switch (i) {
            case casesFiled -> sum(s, FactKind.CASE_FILED);
            case casesPer10k -> per10k(sum(s, FactKind.CASE_FILED), unit);
            case lossAmount -> sum(s, FactKind.CASE_LOSS);
            case lossPer10k -> per10k(sum(s, FactKind.CASE_LOSS), unit);
            case casesSolved -> sum(s, FactKind.CASE_SOLVED);
            case solveRate -> ratio(sum(s, FactKind.CASE_SOLVED), sum(s, FactKind.CASE_FILED));
            case suspectsArrested -> sum(s, FactKind.SUSPECT_ARRESTED);
            case suspectsPer10k -> per10k(sum(s, FactKind.SUSPECT_ARRESTED), unit);
            case warningsReceived -> sum(s, FactKind.WARNING_RECEIVED);
            case warningsHandled -> sum(s, FactKind.WARNING_HANDLED);
            case dissuaded -> sum(s, FactKind.DISSUADED);
            case dissuadedShare -> ratio(sum(s, FactKind.DISSUADED), sum(s, FactKind.WARNING_HANDLED));
            case alreadyDefrauded -> sum(s, FactKind.ALREADY_DEFRAUDED);
            case lossAverted -> sum(s, FactKind.LOSS_AVERTED);
            case lossAvertedPer10k -> per10k(sum(s, FactKind.LOSS_AVERTED), unit);
            case acknowledgedInTimeShare -> ratio(sum(s, FactKind.ACKNOWLEDGED_IN_TIME), sum(s, FactKind.ACKNOWLEDGED));
            case closedInTimeShare -> ratio(sum(s, FactKind.CLOSED_IN_TIME), sum(s, FactKind.WARNING_HANDLED));
            case medianAckSeconds -> median(s.times(FactKind.ACK_SECONDS));
            // the reach times by nearest rank, as the contact module's reach report counts them
            case medianFirstAttemptSeconds -> percentile(s.times(FactKind.FIRST_ATTEMPT_SECONDS), 50);
            case p90FirstAttemptSeconds -> percentile(s.times(FactKind.FIRST_ATTEMPT_SECONDS), 90);
            case medianFirstContactSeconds -> percentile(s.times(FactKind.FIRST_CONTACT_SECONDS), 50);
            case p90FirstContactSeconds -> percentile(s.times(FactKind.FIRST_CONTACT_SECONDS), 90);
            case medianReportToStopSeconds -> percentile(s.times(FactKind.REPORT_STOP_SECONDS), 50);
            case p90ReportToStopSeconds -> percentile(s.times(FactKind.REPORT_STOP_SECONDS), 90);
            // the reach times per channel: the first attempt by each, and the confirmed contact by the one that made it
            case medianFirstSmsSeconds,
                    medianFirstRobotCallSeconds,
                    medianFirstHumanCallSeconds,
                    medianFirstVisitSeconds,
                    medianContactByRobotSeconds,
                    medianContactByHumanSeconds,
                    medianContactByVisitSeconds ->
                percentile(s.times(i.facts().iterator().next()), 50);
            case p90FirstSmsSeconds,
                    p90FirstRobotCallSeconds,
                    p90FirstHumanCallSeconds,
                    p90FirstVisitSeconds,
                    p90ContactByRobotSeconds,
                    p90ContactByHumanSeconds,
                    p90ContactByVisitSeconds ->
                percentile(s.times(i.facts().iterator().next()), 90);
            case domainsBlocked -> sum(s, FactKind.DOMAINS_BLOCKED);
            case blockHits -> sum(s, FactKind.BLOCK_HITS);
            case cardVerifications -> sum(s, FactKind.CARD_VERIFICATIONS);
            case creditRestrictions -> sum(s, FactKind.CREDIT_RESTRICTIONS);
            case amountStopped -> sum(s, FactKind.STOPPED_AMOUNT);
            case amountFrozen -> sum(s, FactKind.FROZEN_AMOUNT);
            case amountReturned -> sum(s, FactKind.RETURNED_AMOUNT);
            case smsDeliveredShare -> ratio(sum(s, FactKind.SMS_DELIVERED), sum(s, FactKind.SMS_ENDED));
            case robotConnectionRate -> ratio(sum(s, FactKind.ROBOT_CONNECTED), sum(s, FactKind.ROBOT_CALLS));
            case handedToHumanShare -> ratio(sum(s, FactKind.HANDED_TO_HUMAN), sum(s, FactKind.CONTACT_PLANS));
            case repeatTargetShare -> ratio(sum(s, FactKind.REPEAT_TARGETS), sum(s, FactKind.WARNING_RECEIVED));
            case warnedThenDefraudedShare -> ratio(sum(s, FactKind.WARNED_THEN_DEFRAUDED), sum(s, FactKind.WARNED));
            case meanSecondsToStop -> {
                BigDecimal r = ratio(sum(s, FactKind.STOP_ANSWER_SECONDS), sum(s, FactKind.STOPS_ANSWERED));
                yield r == null ? null : r.setScale(1, java.math.RoundingMode.HALF_UP);
            }
        };
    }

    private static BigDecimal sum(Sums s, FactKind kind) {
        return plain(s.totals().getOrDefault(kind, BigDecimal.ZERO));
    }

    /** Without trailing zeros, never in exponent form (10, not 1E+1). */
    static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private @Nullable BigDecimal per10k(BigDecimal total, String unit) {
        Long residents = population.of(unit);
        if (residents == null || residents == 0) {
            return null;
        }
        return total.multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(residents), 6, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    /**
     * A percentile in seconds by the nearest-rank method (the smallest time that at least p % of
     * the values do not exceed; exact below 10 minutes, a bucket's start above).
     */
    static @Nullable BigDecimal percentile(TreeMap<Integer, Long> times, int p) {
        long n = times.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (n * p + 99) / 100);
        return BigDecimal.valueOf(Rollups.lowerBound(nth(times, rank - 1)));
    }

    /** The median time in seconds (exact below 10 minutes; a bucket's start above). */
    static @Nullable BigDecimal median(TreeMap<Integer, Long> acks) {
        long n = acks.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long lower = Rollups.lowerBound(nth(acks, (n - 1) / 2));
        long upper = Rollups.lowerBound(nth(acks, n / 2));
        return BigDecimal.valueOf(lower + upper).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
    }

    private static int nth(TreeMap<Integer, Long> acks, long index) {
        long seen = 0;
        for (var e : acks.entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return e.getKey();
            }
        }
        return acks.lastKey();
    }

    static @Nullable BigDecimal change(@Nullable BigDecimal now, @Nullable BigDecimal before) {
        return now == null || before == null ? null : now.subtract(before);
    }

    static @Nullable BigDecimal percent(@Nullable BigDecimal now, @Nullable BigDecimal before) {
        if (now == null || before == null || before.signum() == 0) {
            return null;
        }
        return now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before.abs(), 1, RoundingMode.HALF_UP);
    }

    private Map<String, Sums> sums(Collection<String> units, Period period) {
        Map<String, Sums> out = new HashMap<>();
        for (String u : units) {
            out.put(u, new Sums(new EnumMap<>(FactKind.class), new EnumMap<>(FactKind.class)));
        }
        if (units.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(units.size(), "?"));
        // whole months from the month totals, the days before and after them from the day totals
        java.time.LocalDate firstMonth = period.from().getDayOfMonth() == 1
                ? period.from()
                : period.from().withDayOfMonth(1).plusMonths(1);
        java.time.LocalDate endMonth = period.to().plusDays(1).withDayOfMonth(1); // exclusive
        List<java.time.LocalDate[]> dayRanges = new ArrayList<>();
        if (!firstMonth.isBefore(endMonth)) {
            dayRanges.add(new java.time.LocalDate[] {period.from(), period.to()});
        } else {
            if (period.from().isBefore(firstMonth)) {
                dayRanges.add(new java.time.LocalDate[] {period.from(), firstMonth.minusDays(1)});
            }
            if (!endMonth.isAfter(period.to())) {
                dayRanges.add(new java.time.LocalDate[] {endMonth, period.to()});
            }
            List<Object> args = new ArrayList<>(units);
            args.add(Date.valueOf(firstMonth));
            args.add(Date.valueOf(endMonth));
            jdbc.query(
                    "SELECT unit_code, kind, SUM(total) FROM perf_fact_month WHERE unit_code IN (" + in
                            + ") AND fact_month >= ? AND fact_month < ? GROUP BY unit_code, kind",
                    rs -> {
                        out.get(rs.getString(1))
                                .totals()
                                .merge(FactKind.valueOf(rs.getString(2)), rs.getBigDecimal(3), BigDecimal::add);
                    },
                    args.toArray());
            jdbc.query(
                    "SELECT unit_code, kind, bucket, SUM(n) FROM perf_ack_month WHERE unit_code IN (" + in
                            + ") AND fact_month >= ? AND fact_month < ? GROUP BY unit_code, kind, bucket",
                    rs -> {
                        addTime(out, rs);
                    },
                    args.toArray());
        }
        for (java.time.LocalDate[] range : dayRanges) {
            List<Object> args = new ArrayList<>(units);
            args.add(Date.valueOf(range[0]));
            args.add(Date.valueOf(range[1]));
            jdbc.query(
                    "SELECT unit_code, kind, SUM(total) FROM perf_fact WHERE unit_code IN (" + in
                            + ") AND fact_day >= ? AND fact_day <= ? GROUP BY unit_code, kind",
                    rs -> {
                        out.get(rs.getString(1))
                                .totals()
                                .merge(FactKind.valueOf(rs.getString(2)), rs.getBigDecimal(3), BigDecimal::add);
                    },
                    args.toArray());
            jdbc.query(
                    "SELECT unit_code, kind, bucket, SUM(n) FROM perf_ack WHERE unit_code IN (" + in
                            + ") AND fact_day >= ? AND fact_day <= ? GROUP BY unit_code, kind, bucket",
                    rs -> {
                        addTime(out, rs);
                    },
                    args.toArray());
        }
        return out;
    }

    private static void addTime(Map<String, Sums> out, java.sql.ResultSet rs) throws java.sql.SQLException {
        out.get(rs.getString(1))
                .times()
                .computeIfAbsent(FactKind.valueOf(rs.getString(2)), k -> new TreeMap<>())
                .merge(rs.getInt(3), rs.getLong(4), Long::sum);
    }

    /** One kind of fact per fraud type for a unit and period (the dashboard's breakdown). */
    public Map<FraudType, BigDecimal> byFraudType(String unit, FactKind kind, Period period) {
        Map<FraudType, BigDecimal> out = new EnumMap<>(FraudType.class);
        jdbc.query(
                "SELECT fraud_type, SUM(total) FROM perf_fact_type WHERE unit_code = ? AND kind = ?"
                        + " AND fact_day >= ? AND fact_day <= ? GROUP BY fraud_type",
                rs -> {
                    out.put(FraudType.valueOf(rs.getString(1)), plain(rs.getBigDecimal(2)));
                },
                unit,
                kind.name(),
                Date.valueOf(period.from()),
                Date.valueOf(period.to()));
        return out;
    }
}
