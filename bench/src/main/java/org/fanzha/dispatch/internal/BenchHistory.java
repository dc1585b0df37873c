package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.SignalType;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;

/**
 * Closed warnings for the benchmarks, as a province's year might hold them: a mix of fraud types,
 * sources, signals and urgencies; time to payment log-normal around a median per fraud type,
 * shortened by a long call and a large amount; reached at a uniform time within seven hours.
 */
final class BenchHistory {

    private BenchHistory() {}

    static WarningHistory.Features features(Random r, long id, Instant start) {
        FraudType type = FraudType.values()[r.nextInt(FraudType.values().length)];
        Source source = Source.values()[r.nextInt(4)];
        EnumSet<SignalType> signals = EnumSet.noneOf(SignalType.class);
        Integer minutes = null;
        if (r.nextDouble() < 0.4) {
            signals.add(SignalType.ACTIVE_CALL_WITH_FRAUD_NUMBER);
            minutes = r.nextInt(60);
        }
        if (r.nextDouble() < 0.2) {
            signals.add(SignalType.FRAUD_APP_INSTALLED);
        }
        if (signals.isEmpty()) {
            signals.add(SignalType.SMS_FROM_FRAUD_NUMBER);
        }
        BigDecimal amount = r.nextDouble() < 0.5 ? BigDecimal.valueOf(1000 + r.nextInt(100_000)) : null;
        Urgency urgency = minutes != null && minutes > 20 ? Urgency.RED : amount != null ? Urgency.ORANGE : Urgency.YELLOW;
        return new WarningHistory.Features(
                id,
                type,
                urgency,
                "default",
                source,
                start,
                start,
                signals,
                minutes,
                amount,
                2 + r.nextInt(6),
                r.nextBoolean() ? "M" : "F",
                r.nextDouble() < 0.05,
                List.of(),
                "410105");
    }

    static List<Example> examples(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Instant start = t0.plusSeconds(i * 31L);
            WarningHistory.Features f = features(r, i + 1, start);
            double median = 60 + 30 * f.fraudType().ordinal();
            double mu = Math.log(median)
                    - (f.callMinutes() == null ? 0 : 0.03 * f.callMinutes())
                    - (f.amountAtRisk() == null ? 0 : 0.2);
            double pays = Math.exp(mu + 0.6 * r.nextGaussian());
            double reached = 5 + 420 * r.nextDouble();
            WarningHistory.Closed c = pays < reached
                    ? new WarningHistory.Closed(f, Outcome.ALREADY_DEFRAUDED, start.plus(Duration.ofMinutes((long) pays + 10)), null)
                    : new WarningHistory.Closed(
                            f, Outcome.DISSUADED, start.plus(Duration.ofMinutes((long) reached + 5)),
                            start.plus(Duration.ofSeconds((long) (reached * 60))));
            out.add(Example.of(c, pays < reached ? start.plusSeconds((long) (pays * 60)) : null));
        }
        return out;
    }

    static org.fanzha.dispatch.DispatchProperties properties() {
        return new org.fanzha.dispatch.DispatchProperties(
                org.fanzha.dispatch.DispatchProperties.Policy.EXPECTED_LOSS,
                500, Duration.ofDays(365), 1_000_000, 200, 4, 0.1, Duration.ofMinutes(10), new BigDecimal("10000.00"));
    }
}
