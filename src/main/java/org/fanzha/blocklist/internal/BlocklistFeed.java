package org.fanzha.blocklist.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's {@link Matcher} in step with the database: at start it loads every entry;
 * afterwards it reads the rows stamped with a serial above the last one applied — after each
 * change made here (so the change is in force when its request returns) and every
 * {@code fanzha.blocklist.feed-interval} for the changes of other instances.
 */
@Component
class BlocklistFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BlocklistFeed.class);

    /** The blocklist serial moved on (published on the instance that noticed). */
    record Changed(long serial) {}

    private final BlockStore store;
    private final Matcher matcher;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile long applied;
    private volatile boolean running;

    BlocklistFeed(BlockStore store, Matcher matcher, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.matcher = matcher;
    }

    long applied() {
        return applied;
    }

    /** Applies every change committed since the last call; returns the serial now in force. */
    synchronized long catchUp() {
        return catchUpTo(store.serial());
    }

    /**
     * Applies the changes up to a serial. A transaction that holds the serial lock calls it with
     * the serial before its own, so the matcher shows the blocklist exactly as it was before.
     */
    synchronized long catchUpTo(long upTo) {
        long from = applied;
        if (upTo <= from) {
            return from;
        }
        boolean initial = from == 0;
        List<Matcher.Change> changes = new ArrayList<>();
        store.changes(from, upTo, c -> {
            if (c.active() || !initial) {
                changes.add(new Matcher.Change(c.scope(), c.value(), Math.toIntExact(c.id()), c.active()));
            }
        });
        List<Matcher.AllowChange> allows = new ArrayList<>();
        store.allowChanges(
                from, upTo, a -> allows.add(new Matcher.AllowChange(a.domain(), Math.toIntExact(a.id()), a.active())));
        if (!allows.isEmpty()) {
            matcher.applyAllow(allows);
        }
        if (!changes.isEmpty()) {
            matcher.apply(changes);
        }
        applied = upTo;
        events.publishEvent(new Changed(upTo));
        if (initial) {
            log.info("Blocklist loaded at serial {}: {} entries in the matcher", upTo, changes.size());
        }
        return upTo;
    }

    @Scheduled(fixedDelayString = "${fanzha.blocklist.feed-interval:500ms}")
    void poll() {
        if (!running) {
            return;
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("Reading the blocklist changes failed; the next round retries: {}", e.toString());
        }
    }

    @Override
    public void start() {
        catchUp();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
