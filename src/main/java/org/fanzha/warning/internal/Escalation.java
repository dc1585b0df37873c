package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Notifier;
import org.fanzha.warning.WarningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A warning not acknowledged by its deadline escalates to the parent unit (county → city →
 * province), which gets a new acknowledgement deadline and a notice; at the province it stays
 * and is flagged again. The due time lives in the warning row, so a restart loses no timer, and
 * due warnings are claimed with {@code FOR NO KEY UPDATE SKIP LOCKED} (a call task being inserted for
 * a warning does not hide it), so with several instances each
 * escalation fires once.
 */
@Component
class Escalation {

    private static final Logger log = LoggerFactory.getLogger(Escalation.class);
    static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final WarningStore store;
    private final Divisions divisions;
    private final WarningProperties properties;
    private final Notifier notifier;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final String rowLock;

    Escalation(
            JdbcClient jdbc,
            WarningStore store,
            Divisions divisions,
            WarningProperties properties,
            Notifier notifier,
            TransactionTemplate tx,
            Clock clock,
            org.fanzha.platform.Database database) {
        this.rowLock = database.forNoKeyUpdate();
        this.jdbc = jdbc;
        this.store = store;
        this.divisions = divisions;
        this.properties = properties;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${fanzha.warning.escalation-interval:10s}",
            initialDelayString = "${fanzha.warning.escalation-interval:10s}")
    void tick() {
        try {
            int n;
            do {
                n = escalateDue();
            } while (n == BATCH);
        } catch (RuntimeException e) {
            log.error("Escalation round failed; the next round retries", e);
        }
    }

    /** Escalates up to {@link #BATCH} overdue warnings in one transaction; returns how many. */
    int escalateDue() {
        Integer n = tx.execute(status -> {
            Instant now = clock.instant();
            List<Warning> due = jdbc.sql("""
                    SELECT * FROM warning WHERE state = 'ASSIGNED' AND acknowledge_due <= ?
                    ORDER BY acknowledge_due LIMIT ?
                    """ + rowLock + " SKIP LOCKED")
                    .params(WarningStore.ts(now), BATCH)
                    .query(WarningStore::map)
                    .list();
            for (Warning w : due) {
                escalate(w, now);
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }

    private void escalate(Warning w, Instant now) {
        String parent = divisions.find(w.unitCode()).map(d -> d.parentCode()).orElse(null);
        String target = parent == null ? w.unitCode() : parent;
        Warning escalated = w.escalate(target, now, properties.deadline(w.urgency()));
        store.update(escalated);
        store.changed(w.id(), w.unitCode());
        String fromName = divisions.find(w.unitCode()).map(d -> d.name()).orElse(w.unitCode());
        String why = org.fanzha.platform.Texts.encode(
                "warning.why.notAcknowledged",
                fromName,
                "#urgency." + w.urgency().name());
        store.event(w.id(), now, "ESCALATED", "system", target, null, null, why);
        String unitName = divisions.find(target).map(d -> d.name()).orElse(target);
        notifier.notify(new Notifier.Notice(
                target,
                "ESCALATED",
                "warning " + w.id(),
                org.fanzha.platform.Texts.encode(
                        "notices.text.escalated", "#urgency." + w.urgency().name(), w.id(), unitName, fromName),
                "/warnings/" + w.id()));
    }
}
