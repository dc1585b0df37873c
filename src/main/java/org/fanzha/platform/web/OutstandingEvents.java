package org.fanzha.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * What a stopped or crashed instance left unfinished — event publications whose listener had not
 * completed when it stopped — is taken up again once this instance answers, in the background,
 * instead of before it starts: Spring Modulith's republish on restart
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}, off) ran during start-up
 * and held a restart after a crash under load for over a minute. The same publications are taken
 * as Modulith would take — those published before this instance started — except one that failed
 * {@code fanzha.events.max-attempts} times, which is left in the registry for an operator.
 * ({@code fanzha.events.resubmit-on-start=false} turns it off: the tests' application contexts share
 * one database in one JVM and are no restarts of a crashed instance.)
 */
@Component
class OutstandingEvents {

    private static final Logger log = LoggerFactory.getLogger(OutstandingEvents.class);

    private final IncompleteEventPublications incomplete;
    private final Clock clock;
    private final int maxAttempts;
    private final boolean onStart;

    OutstandingEvents(
            IncompleteEventPublications incomplete,
            Clock clock,
            @Value("${fanzha.events.max-attempts:10}") int maxAttempts,
            @Value("${fanzha.events.resubmit-on-start:true}") boolean onStart) {
        this.onStart = onStart;
        this.incomplete = incomplete;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (!onStart) {
            return;
        }
        Instant started = clock.instant();
        Thread t = new Thread(() -> resubmit(started), "outstanding-events");
        t.setDaemon(true);
        t.start();
    }

    /** Resubmits the publications left incomplete before {@code before}; returns how many. */
    int resubmit(Instant before) {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger left = new AtomicInteger();
        try {
            incomplete.resubmitIncompletePublications(p -> {
                if (!p.getPublicationDate().isBefore(before)) {
                    return false;
                }
                if (p.getCompletionAttempts() >= maxAttempts) {
                    left.incrementAndGet();
                    return false;
                }
                taken.incrementAndGet();
                return true;
            });
        } catch (RuntimeException e) {
            log.warn("Outstanding event publications not resubmitted: {}", e.getMessage(), e);
        }
        if (taken.get() > 0 || left.get() > 0) {
            log.info(
                    "Resubmitted {} event publications left incomplete before this instance started; {} failed {} times and are left for an operator",
                    taken.get(),
                    left.get(),
                    maxAttempts);
        }
        return taken.get();
    }
}
