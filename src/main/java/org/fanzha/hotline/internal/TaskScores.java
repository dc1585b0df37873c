package org.fanzha.hotline.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.hotline.QueueWait;
import org.fanzha.warning.DispatchAdvice;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the open call tasks' expected loss fresh (the probability of paying before being reached
 * grows while a person waits), a batch at a time, those scored longest ago first; the hotline's next
 * task goes by it while the dispatch model is in charge. Each call's person counts as reached after
 * the wait its queue shows lately ({@link QueueWait}), else the dispatch setting's fixed horizon.
 */
@Component
public class TaskScores {

    static final int BATCH = 2000;

    private final TaskStore tasks;
    private final ObjectProvider<DispatchAdvice> dispatch;
    private final Clock clock;

    TaskScores(TaskStore tasks, ObjectProvider<DispatchAdvice> dispatch, Clock clock) {
        this.tasks = tasks;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** Rescores up to {@link #BATCH} open call tasks; returns how many. */
    @Scheduled(
            fixedDelayString = "${fanzha.hotline.rescore-every:30s}",
            initialDelayString = "${fanzha.hotline.rescore-every:30s}")
    public int rescore() {
        DispatchAdvice advice = dispatch.getIfAvailable();
        if (advice == null) {
            return 0;
        }
        List<TaskStore.ToScore> open = tasks.toScore(BATCH);
        if (open.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Duration> waits = waits(now);
        Map<Long, Duration> reachIn = new HashMap<>();
        for (TaskStore.ToScore t : open) {
            reachIn.putIfAbsent(t.warningId(), waits.get(QueueWait.queueOf(t.unitCode())));
        }
        reachIn.values().removeIf(java.util.Objects::isNull);
        Map<Long, BigDecimal> scores = advice.expectedLosses(
                open.stream().map(TaskStore.ToScore::warningId).distinct().toList(), reachIn);
        for (TaskStore.ToScore t : open) {
            tasks.scored(t.taskId(), scores.get(t.warningId()), now);
        }
        return open.size();
    }

    /** Per queue (city, or the province desk) with enough calls taken lately: how soon a waiting call reaches its person. */
    Map<String, Duration> waits(Instant now) {
        Map<String, double[]> byQueue = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, Double> w : tasks.waitsTakenSince(now.minus(QueueWait.WINDOW))) {
            String q = QueueWait.queueOf(w.getKey());
            int n = counts.merge(q, 1, Integer::sum);
            double[] a = byQueue.computeIfAbsent(q, k -> new double[16]);
            if (n > a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
                byQueue.put(q, a);
            }
            a[n - 1] = w.getValue();
        }
        Map<String, Duration> out = new HashMap<>();
        byQueue.forEach((q, a) -> {
            int n = counts.get(q);
            if (n >= QueueWait.AT_LEAST) {
                out.put(q, Duration.ofMillis(Math.round(1000 * QueueWait.horizonSeconds(a, n, 0))));
            }
        });
        return out;
    }
}
