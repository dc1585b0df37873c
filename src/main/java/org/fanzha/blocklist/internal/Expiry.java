package org.fanzha.blocklist.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Takes block entries whose expiry passed out of force, on every instance (rows are claimed with SKIP LOCKED). */
@Component
class Expiry {

    private static final Logger log = LoggerFactory.getLogger(Expiry.class);

    private final Blocklist blocklist;

    Expiry(Blocklist blocklist) {
        this.blocklist = blocklist;
    }

    @Scheduled(fixedDelayString = "${fanzha.blocklist.expiry-interval:5m}", initialDelayString = "30s")
    void run() {
        try {
            int n;
            do {
                n = blocklist.expire();
                if (n > 0) {
                    log.info("{} block entries expired", n);
                }
            } while (n == 1000);
        } catch (RuntimeException e) {
            log.warn("Expiring block entries failed; the next round retries: {}", e.toString());
        }
    }
}
