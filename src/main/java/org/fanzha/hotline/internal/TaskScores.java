package org.fanzha.hotline.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fanzha.warning.DispatchAdvice;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the open call tasks' expected loss fresh (the probability of paying before being reached
 * grows while a person waits), a batch at a time, those scored longest ago first; the hotline's next
 * task goes by it while the dispatch model is in charge.
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
        List<Map.Entry<Long, Long>> open = tasks.toScore(BATCH);
        if (open.isEmpty()) {
            return 0;
        }
        Map<Long, BigDecimal> scores = advice.expectedLosses(
                open.stream().map(Map.Entry::getValue).distinct().toList());
        Instant now = clock.instant();
        for (Map.Entry<Long, Long> t : open) {
            tasks.scored(t.getKey(), scores.get(t.getValue()), now);
        }
        return open.size();
    }
}
