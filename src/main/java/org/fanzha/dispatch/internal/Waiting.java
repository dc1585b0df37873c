package org.fanzha.dispatch.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's calls waiting for an operator, in a dispatch policy's order: as they came
 * (FIFO), by the rules, or as the hotline orders them by expected loss — the calls about to miss
 * their deadline first, then the highest expected loss as last rescored (2,000 every 30 s, those
 * scored longest ago first; a new call ranks last until scored), then the rules ({@link DispatchOrder}).
 */
interface Waiting {

    void add(Task t);

    @Nullable
    Task next(double now);

    int size();

    /** Every 30 s: the hotline's rescoring of up to 2,000 tasks, those scored longest ago first. */
    default void rescore(double now) {}

    /** A human call waiting for an operator. */
    final class Task {
        Simulator.Person person;
        double created;
        long seq;
        int attempts;
        boolean taken;
        boolean late;
        /** The expected loss as last scored; minus infinity until scored (the hotline ranks unscored last). */
        double loss = Double.NEGATIVE_INFINITY;
    }

    static Waiting fifo() {
        java.util.ArrayDeque<Task> q = new java.util.ArrayDeque<>();
        return new Waiting() {
            public void add(Task t) {
                q.addLast(t);
            }

            public @Nullable Task next(double now) {
                return q.pollFirst();
            }

            public int size() {
                return q.size();
            }
        };
    }

    static Waiting rules() {
        PriorityQueue<Task> q = new PriorityQueue<>((a, b) ->
                DispatchOrder.byRules(a.person.urgency, a.created, a.seq, b.person.urgency, b.created, b.seq));
        return new Waiting() {
            public void add(Task t) {
                q.add(t);
            }

            public @Nullable Task next(double now) {
                return q.poll();
            }

            public int size() {
                return q.size();
            }
        };
    }

    static Waiting byExpectedLoss(Survival model, double wait, WarningProperties warnings) {
        java.util.TreeSet<Task> byLoss = new java.util.TreeSet<>((a, b) -> DispatchOrder.byExpectedLoss(
                false, a.loss, a.person.urgency, a.created, a.seq, false, b.loss, b.person.urgency, b.created, b.seq));
        // the calls about to miss their deadline, by expected loss too: they come first
        java.util.TreeSet<Task> late = new java.util.TreeSet<>(byLoss.comparator());
        Map<Urgency, java.util.ArrayDeque<Task>> byAge = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            byAge.put(u, new java.util.ArrayDeque<>());
        }
        java.util.ArrayDeque<Task> scoring = new java.util.ArrayDeque<>();
        return new Waiting() {
            public void add(Task t) {
                byLoss.add(t);
                byAge.get(t.person.urgency).addLast(t);
                scoring.addFirst(t); // never scored: first in the next rescoring
            }

            public @Nullable Task next(double now) {
                // the calls that have come close to missing their deadline move to the front set, once each
                for (Urgency u : Urgency.values()) {
                    java.util.ArrayDeque<Task> q = byAge.get(u);
                    double before = now - warnings.deadline(u).close().toSeconds() * 0.8;
                    while (!q.isEmpty() && (q.peekFirst().taken || q.peekFirst().created <= before)) {
                        Task t = q.pollFirst();
                        if (!t.taken) {
                            byLoss.remove(t);
                            t.late = true;
                            late.add(t);
                        }
                    }
                }
                java.util.TreeSet<Task> from = !late.isEmpty() ? late : byLoss;
                if (from.isEmpty()) {
                    return null;
                }
                Task t = from.pollFirst();
                t.taken = true;
                return t;
            }

            public int size() {
                return byLoss.size() + late.size();
            }

            public void rescore(double now) {
                for (int n = 0; n < 2000 && !scoring.isEmpty(); n++) {
                    Task t = scoring.pollFirst();
                    if (t.taken) {
                        n--;
                        continue;
                    }
                    java.util.TreeSet<Task> in = t.late ? late : byLoss;
                    in.remove(t);
                    t.loss = Double.isNaN(t.person.margin)
                            ? 0
                            : t.person.loss
                                    * model.paysWithin(
                                            t.person.margin, Math.max(0.5, (now - t.person.arrival) / 60), wait / 60);
                    in.add(t);
                    scoring.addLast(t);
                }
            }
        };
    }
}
