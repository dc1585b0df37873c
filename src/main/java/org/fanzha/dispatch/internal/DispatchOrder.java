package org.fanzha.dispatch.internal;

import org.fanzha.warning.Urgency;

/**
 * The hotline's order of waiting calls, as the simulator applies it and the hotline's query
 * ({@code TaskStore.next}) reads it: under the rules red before orange before yellow, then the
 * longest waiting; by expected loss the calls about to miss their deadline first, then (among those
 * too) the highest
 * expected loss (so a red warning never ranks below an orange one of lower expected loss), then
 * the rules. Negative when the first comes before the second.
 */
final class DispatchOrder {

    private DispatchOrder() {}

    static int rank(Urgency u) {
        return switch (u) {
            case RED -> 0;
            case ORANGE -> 1;
            case YELLOW -> 2;
        };
    }

    static int byRules(Urgency a, double dueA, long seqA, Urgency b, double dueB, long seqB) {
        int c = Integer.compare(rank(a), rank(b));
        if (c != 0) {
            return c;
        }
        c = Double.compare(dueA, dueB);
        return c != 0 ? c : Long.compare(seqA, seqB);
    }

    static int byExpectedLoss(
            boolean lateA,
            double lossA,
            Urgency a,
            double dueA,
            long seqA,
            boolean lateB,
            double lossB,
            Urgency b,
            double dueB,
            long seqB) {
        if (lateA != lateB) {
            return lateA ? -1 : 1;
        }
        int c = Double.compare(lossB, lossA);
        return c != 0 ? c : byRules(a, dueA, seqA, b, dueB, seqB);
    }
}
