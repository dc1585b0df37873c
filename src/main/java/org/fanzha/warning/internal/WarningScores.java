package org.fanzha.warning.internal;

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
 * Keeps the open warnings' expected loss fresh for the duty board's order, a batch every half
 * minute, those scored longest ago first (the dispatch module gives the scores; without it nothing
 * is scored and the board orders by the rules).
 */
@Component
public class WarningScores {

    static final int BATCH = 5000;

    private final WarningStore store;
    private final ObjectProvider<DispatchAdvice> dispatch;
    private final Clock clock;

    WarningScores(WarningStore store, ObjectProvider<DispatchAdvice> dispatch, Clock clock) {
        this.store = store;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** Rescores up to {@link #BATCH} open warnings; returns how many. */
    @Scheduled(
            fixedDelayString = "${fanzha.warning.rescore-every:30s}",
            initialDelayString = "${fanzha.warning.rescore-every:30s}")
    public int rescore() {
        DispatchAdvice advice = dispatch.getIfAvailable();
        if (advice == null) {
            return 0;
        }
        List<Long> open = store.toScore(BATCH);
        if (open.isEmpty()) {
            return 0;
        }
        Map<Long, BigDecimal> scores = advice.expectedLosses(open);
        Instant now = clock.instant();
        for (long id : open) {
            store.scored(id, scores.get(id), now);
        }
        return open.size();
    }
}
