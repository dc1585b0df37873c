package org.fanzha.reports.internal;

import java.time.Clock;
import java.util.List;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseWithdrawn;
import org.fanzha.reports.ReportsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A report's evidence is kept as long as its case: when the case is withdrawn the files go with it.
 * A report that made no case keeps its files and its reporter's phone for
 * {@code fanzha.reports.retention} (a year) after it came, then both are removed; the receipt, the
 * transfers and the times stay for the statistics. Every removal is audited.
 */
@Component
public class ReportRetention {

    private static final Logger log = LoggerFactory.getLogger(ReportRetention.class);
    static final int BATCH = 200;

    private final ReportStore store;
    private final ReportsProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReportRetention(
            ReportStore store, ReportsProperties properties, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CaseWithdrawn withdrawn) {
        for (long report : store.ofCase(withdrawn.caseId())) {
            int files = store.removeEvidence(report, false, clock.instant());
            audit.record(
                    "DELETE",
                    "public_report_evidence",
                    Long.toString(report),
                    files + " evidence files removed with case " + withdrawn.caseId());
        }
    }

    @Scheduled(cron = "${fanzha.reports.retention-cron:0 27 3 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        int total = 0;
        int n;
        do {
            n = removeExpired();
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            log.info("Retention: evidence and reporter phone removed from {} reports that made no case", total);
        }
    }

    /** Clears up to {@link #BATCH} reports past retention that made no case, in one transaction; how many. */
    public int removeExpired() {
        Integer n = tx.execute(status -> {
            List<Long> due = store.expired(clock.instant().minus(properties.retention()), BATCH);
            for (long report : due) {
                int files = store.removeEvidence(report, true, clock.instant());
                audit.record(
                        "DELETE",
                        "public_report_evidence",
                        Long.toString(report),
                        files + " evidence files and the reporter's phone removed after retention (no case)");
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
