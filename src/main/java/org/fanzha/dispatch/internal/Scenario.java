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
 *   <li>{@code medianMinutesToPay}: per fraud type, the median time from the first sign to the
 *       payment of a person who will pay (log-normal, {@code payScatter} its σ); a call with a fraud
 *       number shortens it by 3 % a minute, an amount at risk by a fifth — assumptions.
 *   <li>{@code victimShare}: of the people warned, the share who would pay if nobody reached them.
 *   <li>{@code operators}: 96110 operators on duty per shift (00–08, 08–16, 16–24) for the
 *       province, multiplied by {@code staffScale}.
 *   <li>{@code callMinutes}, {@code answerRate}: an operator's call (median minutes, log-normal σ
 *       0.5) and the share answered; an unanswered call is tried again after 15 minutes, three times.
 *   <li>{@code robotConnectRate}, {@code robotSafeRate}: robot calls connected, and of those the
 *       person confirmed reached; {@code visitMedianMinutes}: how long an officer takes to the door.
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
        double visitMedianMinutes) {

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
                90.0);
    }

    /** Every bad value refused at its field, all at once. */
    Scenario validate() {
        List<FieldError> errors = new ArrayList<>();
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
        if (operators.size() != 3 || operators.stream().anyMatch(o -> o == null || o < 0)) {
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

    private static void share(List<FieldError> errors, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            errors.add(FieldError.of(field, "error.simulationShare", v));
        }
    }
}
