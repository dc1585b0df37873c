package org.fanzha.risk.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's {@link RiskIndex} in step with the database: a full load first, then the
 * changes stamped with a serial above the last one applied, every {@code fanzha.risk.feed-interval}
 * and right after this instance's own changes commit. Changes carry the whole new state of an
 * entry, so applying one twice, or after a load that already saw it, changes nothing.
 */
@Component
class RiskFeed {

    private static final Logger log = LoggerFactory.getLogger(RiskFeed.class);
    private static final int PAGE = 10_000;

    private final RiskStore store;
    private final RiskIndex index;
    private volatile long applied = -1;

    RiskFeed(RiskStore store, RiskIndex index) {
        this.store = store;
        this.index = index;
    }

    /** The serial this instance's index shows (loading it first if it never was). */
    long applied() {
        if (applied < 0) {
            catchUp();
        }
        return applied;
    }

    /** Applies every change committed since the last call; returns the serial now in force. */
    synchronized long catchUp() {
        if (applied < 0) {
            long serial = store.serial();
            RiskIndex.Loader loader = index.loader(1024);
            int[] n = {0};
            store.listed(null, e -> {
                loader.add(e.type(), e.value(), e.level(), e.rule());
                n[0]++;
            });
            loader.install();
            applied = serial;
            log.info("Risk list loaded at serial {}: {} entries", serial, n[0]);
        }
        long from = applied;
        while (true) {
            List<RiskStore.Change> changes = store.changes(from, PAGE);
            for (RiskStore.Change c : changes) {
                index.apply(c.type(), c.value(), c.level(), c.rule());
                from = c.serial();
            }
            if (changes.size() < PAGE) {
                break;
            }
        }
        if (from != applied) {
            index.publish();
            applied = from;
        }
        return applied;
    }

    @Scheduled(fixedDelayString = "${fanzha.risk.feed-interval:250ms}")
    void poll() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("Risk list feed: {}", e.toString());
        }
    }
}
