package org.fanzha.dispatch.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's calls waiting for an operator, one queue per city-level unit and one for the
 * province desk, each in a dispatch policy's order: as they came (FIFO), by the rules, or as the
 * hotline orders them by expected loss — the calls about to miss their deadline first, then the
 * highest expected loss as last rescored (2,000 every 30 s, those scored longest ago first; a new
 * call ranks last until scored), then the rules ({@link DispatchOrder}). A city's operators take
 * from their city's queue; the province's take the first of all queues, as the hotline's query
 * reads a jurisdiction.
 */
class Waiting {

    /** A human call waiting for an operator. */
    static final class Task {
        Simulator.Person person;
        int queue;
        Urgency urgency;
        double created;
        long seq;
        int attempts;
        boolean taken;
        boolean late;
        /** The expected loss as last scored; minus infinity until scored (the hotline ranks unscored last). */
        double loss = Double.NEGATIVE_INFINITY;
    }

    private final List<TreeSet<Task>> queues = new ArrayList<>();
    private final Comparator<Task> order;
    private int total;

    Waiting(int queues, Comparator<Task> order) {
        this.order = order;
        for (int q = 0; q < queues; q++) {
            this.queues.add(new TreeSet<>(order));
        }
    }

    static Waiting fifo(int queues) {
        return new Waiting(
                queues,
                (a, b) -> a.created != b.created ? Double.compare(a.created, b.created) : Long.compare(a.seq, b.seq));
    }

    static Waiting rules(int queues) {
        return new Waiting(
                queues, (a, b) -> DispatchOrder.byRules(a.urgency, a.created, a.seq, b.urgency, b.created, b.seq));
    }

    static Waiting byExpectedLoss(int queues, Survival model, WarningProperties warnings) {
        return new ByLoss(queues, model, warnings);
    }

    void add(Task t) {
        queues.get(t.queue).add(t);
        total++;
    }

    /** The next call for an operator of the queue; for the province's operators ({@code queue < 0}), the first of all. */
    @Nullable
    Task next(double now, int queue) {
        before(now);
        TreeSet<Task> from = queue >= 0 ? queues.get(queue) : null;
        if (from == null) {
            for (TreeSet<Task> q : queues) {
                if (!q.isEmpty() && (from == null || order.compare(q.first(), from.first()) < 0)) {
                    from = q;
                }
            }
        }
        if (from == null || from.isEmpty()) {
            return null;
        }
        Task t = from.pollFirst();
        t.taken = true;
        total--;
        return t;
    }

    int size(int queue) {
        return queue < 0 ? total : queues.get(queue).size();
    }

    /** Before a call is given: the order's own housekeeping. */
    void before(double now) {}

    /** Every 30 s: the hotline's rescoring, each queue's person reached after that queue's wait (seconds). */
    void rescore(double now, double[] reachSeconds) {}

    /** Re-places a task whose order changes. */
    void update(Task t, Runnable change) {
        TreeSet<Task> q = queues.get(t.queue);
        q.remove(t);
        change.run();
        q.add(t);
    }

    private static final class ByLoss extends Waiting {

        private final Survival model;
        private final WarningProperties warnings;
        private final Map<Urgency, ArrayDeque<Task>> byAge = new EnumMap<>(Urgency.class);
        private final ArrayDeque<Task> scoring = new ArrayDeque<>();

        ByLoss(int queues, Survival model, WarningProperties warnings) {
            super(
                    queues,
                    (a, b) -> DispatchOrder.byExpectedLoss(
                            a.late, a.loss, a.urgency, a.created, a.seq, b.late, b.loss, b.urgency, b.created, b.seq));
            this.model = model;
            this.warnings = warnings;
            for (Urgency u : Urgency.values()) {
                byAge.put(u, new ArrayDeque<>());
            }
        }

        @Override
        void add(Task t) {
            super.add(t);
            byAge.get(t.urgency).addLast(t);
            scoring.addFirst(t); // never scored: first in the next rescoring
        }

        /** The calls that have come close to missing their deadline move to the front, once each. */
        @Override
        void before(double now) {
            for (Urgency u : Urgency.values()) {
                ArrayDeque<Task> q = byAge.get(u);
                double before = now - warnings.deadline(u).close().toSeconds() * 0.8;
                while (!q.isEmpty() && (q.peekFirst().taken || q.peekFirst().created <= before)) {
                    Task t = q.pollFirst();
                    if (!t.taken) {
                        update(t, () -> t.late = true);
                    }
                }
            }
        }

        @Override
        void rescore(double now, double[] reachSeconds) {
            for (int n = 0; n < 2000 && !scoring.isEmpty(); n++) {
                Task t = scoring.pollFirst();
                if (t.taken) {
                    n--;
                    continue;
                }
                Simulator.Person p = t.person;
                update(
                        t,
                        () -> t.loss = Double.isNaN(p.margin)
                                ? 0
                                : p.loss
                                        * model.paysWithin(
                                                p.margin,
                                                Math.max(0.5, (now - p.arrival) / 60),
                                                reachSeconds[t.queue] / 60));
                scoring.addLast(t);
            }
        }
    }
}
