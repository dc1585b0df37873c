package org.fanzha.dispatch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo profile: the dispatch model is fitted on the demo's four weeks of worked warnings a minute
 * after start (instead of waiting for the nightly refit), so its advice and calibration can be seen
 * at once; whether it qualifies is up to the demo's outcomes, as in production.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty(name = "fanzha.demo.dispatch", matchIfMissing = true)
class DemoDispatch {

    private static final Logger log = LoggerFactory.getLogger(DemoDispatch.class);

    private final Models models;
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.scheduling.TaskScheduler>
            scheduler;

    DemoDispatch(
            Models models,
            org.springframework.beans.factory.ObjectProvider<org.springframework.scheduling.TaskScheduler> scheduler) {
        this.models = models;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fitSoon() {
        var timer = scheduler.getIfAvailable();
        if (timer == null) {
            return; // no timers on this instance
        }
        // a minute on, the demo's officers have closed their first warnings
        timer.schedule(
                () -> {
                    try {
                        models.refit("system:demo")
                                .ifPresent(
                                        v -> log.info("Demo profile: dispatch model {}: {}", v.version(), v.reason()));
                    } catch (RuntimeException e) {
                        log.warn("Demo profile: dispatch model not fitted: {}", e.getMessage());
                    }
                },
                java.time.Instant.now().plusSeconds(60));
    }
}
