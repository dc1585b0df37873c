package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data protection: once a warning closed longer ago than the retention period
 * ({@code fanzha.warning.retention}, default one year) and its person was never defrauded, the
 * phone, ID number, name and address of the warning and its leads are removed. Outcome, unit,
 * urgency, amounts and times stay, so the statistics do not change. Warnings closed
 * ALREADY_DEFRAUDED or PERSISTS are kept whole: a case or a stop-payment may need them.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 500;
    static final String REMOVED = "-";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;

    private final String rowLock;

    Retention(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${fanzha.warning.retention:365d}") Duration retention,
            org.fanzha.platform.Database database) {
        this.rowLock = database.forNoKeyUpdate();
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(cron = "${fanzha.warning.retention-cron:0 17 3 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        int total = 0;
        int n;
        do {
            n = anonymiseDue();
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            log.info(
                    "Retention: removed the personal data of {} warnings closed before {}",
                    total,
                    clock.instant().minus(retention));
        }
    }

    /** Anonymises up to {@link #BATCH} due warnings in one transaction; returns how many. */
    int anonymiseDue() {
        Integer n = tx.execute(status -> {
            Instant before = clock.instant().minus(retention);
            List<Long> ids = jdbc.sql("""
                    SELECT id FROM warning WHERE state = 'CLOSED' AND anonymised_at IS NULL AND closed_at < ?
                    AND outcome NOT IN ('ALREADY_DEFRAUDED', 'PERSISTS') ORDER BY closed_at LIMIT ?
                    """ + rowLock + " SKIP LOCKED")
                    .params(WarningStore.ts(before), BATCH)
                    .query(Long.class)
                    .list();
            for (Long id : ids) {
                jdbc.sql("""
                        UPDATE warning SET phone = ?, merge_key = NULL, id_number = NULL, name = NULL, address = NULL, anonymised_at = ?
                        WHERE id = ?
                        """)
                        .params(REMOVED, WarningStore.ts(clock.instant()), id)
                        .update();
                jdbc.sql(
                                "UPDATE lead SET phone = ?, id_number = NULL, name = NULL, address = NULL WHERE warning_id = ?")
                        .params(REMOVED, id)
                        .update();
            }
            return ids.size();
        });
        return n == null ? 0 : n;
    }
}
