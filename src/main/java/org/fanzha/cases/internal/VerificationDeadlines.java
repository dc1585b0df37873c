package org.fanzha.cases.internal;

import org.fanzha.platform.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Moves card verifications past their deadline to the parent unit, every few minutes. */
@Component
class VerificationDeadlines {

    private static final Logger log = LoggerFactory.getLogger(VerificationDeadlines.class);

    private final CardRegistry cards;
    private final Notifier notifier;

    VerificationDeadlines(CardRegistry cards, Notifier notifier) {
        this.cards = cards;
        this.notifier = notifier;
    }

    @Scheduled(fixedDelayString = "${fanzha.cards.escalation-interval:5m}", initialDelayString = "60s")
    void run() {
        try {
            int n;
            do {
                n = cards.escalateDue(notifier);
                if (n > 0) {
                    log.info("{} card verifications past their deadline moved to the parent unit", n);
                }
            } while (n == 100);
        } catch (RuntimeException e) {
            log.warn("Escalating card verifications failed; the next round retries: {}", e.toString());
        }
    }
}
