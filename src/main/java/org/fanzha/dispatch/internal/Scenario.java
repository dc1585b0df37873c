package org.fanzha.dispatch.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;

/**
 * A province day to replay. Every default is an assumption stated here, not a published figure,
 * unless it says where it comes from:
 *
 * <ul>
 *   <li>{@code hourly}: the share of the day's leads arriving in each hour (Beijing time) — the
 *       demo's four-week profile: quiet at night, a morning and an evening peak.
 *   <li>{@code cities}: the weight of each city-level unit in the day's leads; empty, every one of
 *       the province's city-level units alike (as the demo's history spreads them).
 *   <li>{@code medianMinutesToPay}: per fraud type, the median time from the first sign to the
 *       payment of a person who will pay (log-normal, {@code payScatter} its σ); a call with a fraud
 *       number shortens it by 3 % a minute, an amount at risk by a fifth — assumptions.
 *   <li>{@code victimShare}: of the people warned, the share who would pay if nobody reached them.
 *   <li>{@code operators}: the province centre's 96110 operators on duty per shift (00–08, 08–16,
 *       16–24); they take any unit's calls. {@code staffing}: per unit (the province or a
 *       city-level unit), operators and visiting officers per shift; a city not named has
 *       {@link Staffing#CITY}. All multiplied by {@code staffScale}.
 *   <li>{@code callMinutes}, {@code answerRate}: an operator's call (median minutes, log-normal σ
 *       0.5) and the share answered; an unanswered call is tried again after 15 minutes, three times.
 *   <li>{@code robotConnectRate}, {@code robotSafeRate}: robot calls connected, and of those the
 *       person confirmed reached, {@code robotAtRiskRate} of those connected the person who tells
 *       the robot they are at risk (the warning is raised); {@code visitMedianMinutes}: how long an
 *       officer takes to the door (nine in ten are found; the officer is back 30 minutes after).
 * </ul>
 */
public record Scenario(
        long seed,
        int leads,
        double staffScale,
        List<Double> hourly,
        Map<FraudType, Double> fraudMix,
        Map<FraudType, Double> medianMinutesToPay,
        double payScatter,
        double victimShare,
        List<Integer> operators,
        double callMinutes,
        double answerRate,
        double robotConnectRate,
        double robotSafeRate,
        double robotAtRiskRate,
        double visitMedianMinutes,
        Map<String, Double> cities,
        Map<String, Staffing> staffing) {

    /**
     * A unit's people on duty per shift (00–08, 08–16, 16–24): 96110 operators who call, and
     * officers who go to the door.
     */
    public record Staffing(List<Integer> operators, List<Integer> officers) {

        /** A city's own anti-fraud desk (assumption): one, two, two operators; two, six, four officers. */
        static final Staffing CITY = new Staffing(List.of(1, 2, 2), List.of(2, 6, 4));
    }

    static final int MAX_LEADS = 200_000;

    static final List<Double> HOURLY = List.of(
            0.010, 0.007, 0.005, 0.004, 0.004, 0.006, 0.014, 0.030, 0.052, 0.066, 0.072, 0.070, 0.058, 0.060, 0.066,
            0.064, 0.060, 0.054, 0.058, 0.068, 0.070, 0.058, 0.032, 0.012);

    static Map<FraudType, Double> defaultMix() {
        Map<FraudType, Double> m = new EnumMap<>(FraudType.class);
        for (FraudType t : FraudType.values()) {
            m.put(t, 1.0);
        }
        return m;
    }

    /** Median minutes to pay per fraud type: fast for impersonation and orders, slow for investment and romance (assumptions). */
    static Map<FraudType, Double> defaultMedians() {
        Map<FraudType, Double> m = new EnumMap<>(FraudType.class);
        for (FraudType t : FraudType.values()) {
            String n = t.name();
            m.put(
                    t,
                    n.contains("POLICE") || n.contains("IMPERSONAT")
                            ? 45.0
                            : n.contains("ORDER") || n.contains("REFUND") || n.contains("CUSTOMER")
                                    ? 60.0
                                    : n.contains("LOAN") || n.contains("CREDIT")
                                            ? 120.0
                                            : n.contains("INVEST") || n.contains("ROMANCE") || n.contains("DATING")
                                                    ? 1440.0
                                                    : 240.0);
        }
        return m;
    }

    public static Scenario defaults(long seed, int leads, double staffScale) {
        return new Scenario(
                seed,
                leads,
                staffScale,
                HOURLY,
                defaultMix(),
                defaultMedians(),
                1.0,
                0.6,
                List.of(20, 60, 45),
                6.0,
                0.75,
                0.5,
                0.6,
                0.1,
                90.0,
                Map.of(),
                Map.of());
    }

    /** This scenario with these cities' weights and units' staffing. */
    public Scenario with(Map<String, Double> cities, Map<String, Staffing> staffing) {
        return new Scenario(
                seed,
                leads,
                staffScale,
                hourly,
                fraudMix,
                medianMinutesToPay,
                payScatter,
                victimShare,
                operators,
                callMinutes,
                answerRate,
                robotConnectRate,
                robotSafeRate,
                robotAtRiskRate,
                visitMedianMinutes,
                cities,
                staffing);
    }

    /**
     * Every bad value refused at its field, all at once.
     *
     * @param province the province's code
     * @param cityCodes the province's city-level units
     */
    Scenario validate(String province, java.util.Set<String> cityCodes) {
        List<FieldError> errors = new ArrayList<>();
        cities.forEach((c, w) -> {
            if (!cityCodes.contains(c)) {
                errors.add(FieldError.of("cities." + c, "error.simulationCity", c, c));
            } else if (w == null || !(w >= 0) || w > 1e9) {
                errors.add(FieldError.of("cities." + c, "error.simulationPositive", w));
            }
        });
        if (!cities.isEmpty() && cities.values().stream().allMatch(w -> w == null || !(w > 0))) {
            errors.add(FieldError.of("cities", "error.simulationCities", null));
        }
        staffing.forEach((u, st) -> {
            if (!u.equals(province) && !cityCodes.contains(u)) {
                errors.add(FieldError.of("staffing." + u, "error.simulationCity", u, u));
                return;
            }
            if (st == null || !shifts(st.operators())) {
                errors.add(FieldError.of("staffing." + u + ".operators", "error.simulationOperators", null));
            }
            if (st == null || !shifts(st.officers())) {
                errors.add(FieldError.of("staffing." + u + ".officers", "error.simulationOperators", null));
            }
        });
        if (leads < 1 || leads > MAX_LEADS) {
            errors.add(FieldError.of("leads", "error.simulationLeads", leads));
        }
        if (!(staffScale > 0) || staffScale > 100) {
            errors.add(FieldError.of("staffScale", "error.simulationStaffScale", staffScale));
        }
        if (hourly.size() != 24
                || hourly.stream().anyMatch(h -> h == null || h < 0)
                || hourly.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            errors.add(FieldError.of("hourly", "error.simulationHourly", null));
        }
        if (!shifts(operators)) {
            errors.add(FieldError.of("operators", "error.simulationOperators", null));
        }
        medianMinutesToPay.forEach((t, m) -> {
            if (m == null || !(m > 0)) {
                errors.add(FieldError.of("medianMinutesToPay." + t.name(), "error.simulationPositive", m));
            }
        });
        fraudMix.forEach((t, m) -> {
            if (m == null || m < 0) {
                errors.add(FieldError.of("fraudMix." + t.name(), "error.simulationPositive", m));
            }
        });
        share(errors, "victimShare", victimShare);
        share(errors, "answerRate", answerRate);
        share(errors, "robotConnectRate", robotConnectRate);
        share(errors, "robotSafeRate", robotSafeRate);
        share(errors, "robotAtRiskRate", robotAtRiskRate);
        if (robotSafeRate + robotAtRiskRate > 1) {
            errors.add(FieldError.of("robotAtRiskRate", "error.simulationRobotRates", robotAtRiskRate));
        }
        if (!(payScatter > 0) || payScatter > 5) {
            errors.add(FieldError.of("payScatter", "error.simulationPositive", payScatter));
        }
        if (!(callMinutes > 0) || callMinutes > 240) {
            errors.add(FieldError.of("callMinutes", "error.simulationPositive", callMinutes));
        }
        if (!(visitMedianMinutes > 0) || visitMedianMinutes > 10_000) {
            errors.add(FieldError.of("visitMedianMinutes", "error.simulationPositive", visitMedianMinutes));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return this;
    }

    private static boolean shifts(@org.jspecify.annotations.Nullable List<Integer> perShift) {
        return perShift != null
                && perShift.size() == 3
                && perShift.stream().allMatch(o -> o != null && o >= 0 && o <= 100_000);
    }

    private static void share(List<FieldError> errors, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            errors.add(FieldError.of(field, "error.simulationShare", v));
        }
    }
}
