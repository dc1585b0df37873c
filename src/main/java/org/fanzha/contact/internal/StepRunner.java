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

    private final org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch;

    StepRunner(
            ContactPlans plans,
            ContactWork work,
            TransactionTemplate tx,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch) {
        this.dispatch = dispatch;
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

    /**
     * The due plans in the order their messages and calls go out: by expected loss, highest first,
     * while the dispatch model is in charge (the texts and calls of a burst reach first those about
     * to pay); else as they came.
     */
    java.util.List<ContactPlans.Plan> ordered(java.util.List<ContactPlans.Plan> due) {
        var advice = dispatch.getIfAvailable();
        if (due.size() < 2 || advice == null || !advice.deciding().equals("EXPECTED_LOSS")) {
            return due;
        }
        var scores =
                advice.adviseAll(due.stream().map(ContactPlans.Plan::warningId).toList());
        java.util.List<ContactPlans.Plan> out = new java.util.ArrayList<>(due);
        out.sort(java.util.Comparator.comparingDouble((ContactPlans.Plan p) -> {
                    var a = scores.get(p.warningId());
                    return a == null ? 0 : Double.parseDouble(a.expectedLoss());
                })
                .reversed());
        return out;
    }

    /** Starts the due steps of up to {@link #BATCH} plans in one transaction; returns how many plans. */
    int runDue() {
        Integer n = tx.execute(status -> {
            var due = plans.lockDue(clock.instant(), BATCH);
            ordered(due).forEach(work::runDue);
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
