package org.fanzha.audit.internal;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the audit chain's head (sequence number and hash) to the application log every hour, for
 * the log to carry out of the database (a log server, the operations journal). An anchor written
 * down there is checked by {@code GET /api/v1/audit/verify?seq=…&hash=…}: removing the newest
 * records and rewinding the head, which the chain alone cannot show, breaks it.
 */
@Component
class AuditAnchor {

    private static final Logger log = LoggerFactory.getLogger("org.fanzha.audit.anchor");

    private final JdbcClient jdbc;

    AuditAnchor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(
            fixedDelayString = "${fanzha.audit.anchor-interval:1h}",
            initialDelayString = "${fanzha.audit.anchor-interval:1h}")
    void anchor() {
        Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1")
                .query()
                .singleRow();
        log.info("audit anchor seq={} hash={}", head.get("last_seq"), head.get("last_hash"));
    }
}
