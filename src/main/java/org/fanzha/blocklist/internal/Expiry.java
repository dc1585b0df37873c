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
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final long journalSerials;

    Expiry(
            Blocklist blocklist,
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            @org.springframework.beans.factory.annotation.Value("${fanzha.blocklist.dns.journal-serials:100000}")
                    long journalSerials) {
        this.blocklist = blocklist;
        this.jdbc = jdbc;
        this.journalSerials = journalSerials;
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
            // the IXFR journal keeps the last serials; a secondary further behind takes the whole zone
            Long serial = jdbc.queryForObject("SELECT serial FROM blocklist_serial WHERE id = 1", Long.class);
            if (serial != null && serial > journalSerials) {
                jdbc.update("DELETE FROM rpz_delta WHERE serial <= ?", serial - journalSerials);
                jdbc.update("DELETE FROM rpz_serial WHERE serial <= ?", serial - journalSerials);
            }
        } catch (RuntimeException e) {
            log.warn("Expiring block entries failed; the next round retries: {}", e.toString());
        }
    }
}
