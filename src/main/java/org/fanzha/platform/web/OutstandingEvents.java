package org.fanzha.platform.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What a stopped or crashed instance left unfinished — event publications whose listener had not
 * completed — is taken up again while the instances answer, a batch a minute, instead of before an
 * instance starts (Spring Modulith's republish on restart held a restart after a crash under load
 * for over a minute). Only publications older than {@code fanzha.events.resubmit-after} (two
 * minutes) are taken, so that a listener still running on another instance finishes first; one
 * that failed {@code fanzha.events.max-attempts} times is left for an operator (the registry keeps
 * it, logged here).
 */
@Component
class OutstandingEvents {

    private static final Logger log = LoggerFactory.getLogger(OutstandingEvents.class);

    private final IncompleteEventPublications incomplete;
    private final Duration after;
    private final int batch;
    private final int maxAttempts;

    OutstandingEvents(
            IncompleteEventPublications incomplete,
            @Value("${fanzha.events.resubmit-after:2m}") Duration after,
            @Value("${fanzha.events.resubmit-batch:500}") int batch,
            @Value("${fanzha.events.max-attempts:10}") int maxAttempts) {
        this.incomplete = incomplete;
        this.after = after;
        this.batch = batch;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(
            fixedDelayString = "${fanzha.events.resubmit-every:60s}",
            initialDelayString = "${fanzha.events.resubmit-first:20s}")
    void resubmit() {
        incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults()
                .withMinAge(after)
                .withBatchSize(batch)
                .withFilter(this::retry));
    }

    private boolean retry(EventPublication p) {
        if (p.getCompletionAttempts() < maxAttempts) {
            return true;
        }
        log.warn(
                "Event publication {} ({}) failed {} times and is left for an operator",
                p.getIdentifier(),
                p.getEvent().getClass().getSimpleName(),
                p.getCompletionAttempts());
        return false;
    }
}
