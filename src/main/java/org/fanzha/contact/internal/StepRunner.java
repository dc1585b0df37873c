package org.fanzha.contact.internal;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the steps whose time has come (a visit 30 minutes after a red warning nobody answered).
 * The due time lives in the step's row, so a restart loses no step; plans are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so with several instances each step starts once.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
    static final int BATCH = 100;

    private final ContactPlans plans;
    private final ContactWork work;
    private final TransactionTemplate tx;
    private final Clock clock;

    StepRunner(ContactPlans plans, ContactWork work, TransactionTemplate tx, Clock clock) {
        this.plans = plans;
        this.work = work;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${fanzha.contact.tick-interval:1s}",
            initialDelayString = "${fanzha.contact.tick-interval:1s}")
    void tick() {
        try {
            int n;
            do {
                n = runDue();
            } while (n == BATCH);
        } catch (RuntimeException e) {
            log.error("Contact step round failed; the next round retries", e);
        }
    }

    /** Starts the due steps of up to {@link #BATCH} plans in one transaction; returns how many plans. */
    int runDue() {
        Integer n = tx.execute(status -> {
            var due = plans.lockDue(clock.instant(), BATCH);
            due.forEach(work::runDue);
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
