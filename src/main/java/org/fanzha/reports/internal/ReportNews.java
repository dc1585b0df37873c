package org.fanzha.reports.internal;

import java.time.Clock;
import java.util.List;
import org.fanzha.funds.StopPayments;
import org.fanzha.reports.ReportProgress;
import org.fanzha.reports.ReportsProperties;
import org.fanzha.warning.WarningContacted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each change a reporter can see on their status page is also told to them: reviewed (an officer
 * reached them on the report's warning), the banks holding money (each new band), a return of
 * frozen money proposed and approved. Received and stop sent are told where they happen. What the
 * banks and the commanders decide is followed every few minutes for {@code fanzha.reports.follow-for}
 * after the report; each change is told once, on whichever instance sees it first.
 */
@Component
public class ReportNews {

    private static final Logger log = LoggerFactory.getLogger(ReportNews.class);
    static final int PAGE = 200;

    private final ReportStore store;
    private final StopPayments stopPayments;
    private final ReportsProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReportNews(
            ReportStore store,
            StopPayments stopPayments,
            ReportsProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.stopPayments = stopPayments;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The first contact with the reporter on the report's warning: reviewed, and the reporter told. */
    @ApplicationModuleListener
    void on(WarningContacted contacted) {
        for (String receipt : store.reviewed(contacted.warningId(), contacted.at())) {
            events.publishEvent(new ReportProgress(receipt, "REVIEWED"));
        }
    }

    /** What the banks hold and how far a return came, for every followed report; returns the changes told. */
    @Scheduled(
            fixedDelayString = "${fanzha.reports.follow-every:2m}",
            initialDelayString = "${fanzha.reports.follow-every:2m}")
    public int follow() {
        int told = 0;
        long after = 0;
        List<ReportStore.Followed> page;
        do {
            page = store.followed(clock.instant().minus(properties.followFor()), after, PAGE);
            for (ReportStore.Followed f : page) {
                after = f.id();
                try {
                    told += follow(f);
                } catch (RuntimeException e) {
                    log.warn("Report {}: progress not followed: {}", f.receipt(), e.getMessage());
                }
            }
        } while (page.size() == PAGE);
        return told;
    }

    private int follow(ReportStore.Followed f) {
        String held = PublicReports.band(stopPayments.held(store.fundRequests(f.id())));
        String returned = stopPayments.returnOf(f.caseId()).name();
        if (held.equals(f.toldHeld()) && returned.equals(f.toldReturn())) {
            return 0;
        }
        Integer n = tx.execute(status -> {
            if (!store.told(f, held, returned)) {
                return 0;
            }
            int changes = 0;
            // a band that grew is news; one that shrank (money released to its owner) is on the status page
            if (!held.equals("NONE") && rank(held) > rank(f.toldHeld())) {
                events.publishEvent(new ReportProgress(f.receipt(), "HELD"));
                changes++;
            }
            if (!returned.equals(f.toldReturn()) && !returned.equals("NONE")) {
                events.publishEvent(new ReportProgress(f.receipt(), "RETURN_" + returned));
                changes++;
            }
            return changes;
        });
        return n == null ? 0 : n;
    }

    private static int rank(String band) {
        return List.of("NONE", "UNDER_10K", "10K_TO_100K", "OVER_100K").indexOf(band);
    }
}
