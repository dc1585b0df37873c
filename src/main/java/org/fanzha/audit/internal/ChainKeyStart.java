package org.fanzha.audit.internal;

import org.fanzha.audit.AuditLog;
import org.fanzha.audit.AuditProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With a chain key set, the chain's newest record is always keyed: at start, if it is not (the key
 * was just set, or the log is empty), a record says the chain is keyed from here on. A chain later
 * rewritten without the key then shows an unkeyed record where a keyed one must be.
 */
@Component
class ChainKeyStart {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChainKeyStart.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AuditProperties properties;
    private final TransactionTemplate tx;

    ChainKeyStart(JdbcClient jdbc, AuditLog audit, AuditProperties properties, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void keyed() {
        if (properties.chainKey() == null || properties.chainKey().isBlank()) {
            log.warn("The audit chain is not keyed: set fanzha.audit.chain-key (FANZHA_AUDIT_CHAIN_KEY) in production");
            return;
        }
        String newest = jdbc.sql("SELECT algorithm FROM audit_record ORDER BY seq DESC LIMIT 1")
                .query(String.class)
                .optional()
                .orElse("");
        if (!ChainHash.isKeyed(newest)) {
            tx.executeWithoutResult(
                    s -> audit.record("KEY_ENABLED", "audit-chain", "1", "the chain is keyed from here on"));
        }
    }
}
