package org.fanzha.dispatch.internal;

import java.time.Duration;
import java.time.Instant;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.jspecify.annotations.Nullable;

/**
 * One closed warning as a survival observation, in minutes from its first sign: paid at a known
 * time (the victim's first transfer), paid at some time before the close (defrauded, no transfer
 * recorded), or not paid by the time they were reached or the warning closed (censored).
 *
 * @param lower the time after which the payment came (minutes)
 * @param upper the time by which it came; infinite when it had not come (censored)
 */
record Example(
        long warningId,
        WarningHistory.Features features,
        Urgency urgency,
        double lower,
        double upper,
        java.math.@Nullable BigDecimal loss) {

    /** Half a minute: a payment made before the first sign counts as made at once. */
    static final double SOON = 0.5;

    boolean censored() {
        return Double.isInfinite(upper);
    }

    /** Paid by {@code t} (1), known not paid by then (0), or not known (null). */
    @Nullable
    Integer paidBy(double t) {
        if (upper <= t) {
            return 1;
        }
        if (lower > t) {
            return 0;
        }
        return null;
    }

    /** The moment the observation ends, for counting the contacts attempted before it. */
    Instant end() {
        double m = censored() ? lower : upper;
        return features.firstLeadAt().plusMillis((long) (m * 60_000));
    }

    static @Nullable Example of(WarningHistory.Closed c, @Nullable Instant firstTransfer) {
        WarningHistory.Features f = c.features();
        Instant start = f.firstLeadAt();
        if (c.outcome() == Outcome.ALREADY_DEFRAUDED) {
            if (firstTransfer != null) {
                double t = Math.max(SOON, minutes(start, firstTransfer));
                return new Example(f.warningId(), f, f.urgency(), t, t, f.amountAtRisk());
            }
            double by = Math.max(SOON * 2, minutes(start, c.closedAt()));
            return new Example(f.warningId(), f, f.urgency(), SOON, by, f.amountAtRisk());
        }
        Instant seen = c.contactedAt() != null ? c.contactedAt() : c.closedAt();
        double t = Math.max(SOON, minutes(start, seen));
        return new Example(f.warningId(), f, f.urgency(), t, Double.POSITIVE_INFINITY, null);
    }

    static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }
}
