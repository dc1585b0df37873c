package org.fanzha.blocklist.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.fanzha.blocklist.BlockHitRecorded;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records visits that landed on the warning page: queued by the listeners (which answer at once)
 * and written in batches, each hit with its entry, counted per entry and day, and — where the
 * operators' subscriber mapping names the visitor's phone — handed to early warning as
 * {@link BlockHitRecorded} in the same transaction.
 */
@Component
class Hits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Hits.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** One visit. */
    record Hit(
            @Nullable Long entryId,
            @Nullable FraudType category,
            String host,
            @Nullable String path,
            String scheme,
            String clientAddress,
            int clientPort,
            Instant at) {}

    private final BlockingQueue<Hit> queue = new ArrayBlockingQueue<>(100_000);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private @Nullable Thread writer;

    Hits(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    void record(Hit hit) {
        if (!queue.offer(hit)) {
            log.warn("Hit queue full; a visit to {} was not recorded", hit.host());
        }
    }

    /** Writes what is queued now (the writer thread calls this; tests may too). */
    synchronized int flush() {
        List<Hit> batch = new ArrayList<>();
        queue.drainTo(batch, 5_000);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            write(batch);
        } catch (RuntimeException e) {
            // back in the queue (what fits), so a database hiccup loses no visit
            batch.forEach(queue::offer);
            throw e;
        }
        return batch.size();
    }

    private void write(List<Hit> batch) {
        tx.executeWithoutResult(status -> {
            for (Hit h : batch) {
                String phone =
                        subscriber(h.clientAddress(), h.clientPort(), h.at()).orElse(null);
                var keys = new GeneratedKeyHolder();
                jdbc.sql("""
                                INSERT INTO block_hit (entry_id, host, path, scheme, client_address, client_port, at, phone)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                h.entryId(),
                                h.host(),
                                h.path() == null
                                        ? null
                                        : h.path().length() > 2048 ? h.path().substring(0, 2048) : h.path(),
                                h.scheme(),
                                h.clientAddress(),
                                h.clientPort(),
                                Timestamp.from(h.at()),
                                phone)
                        .update(keys, "id");
                long id = keys.getKeyAs(Number.class).longValue();
                if (h.entryId() != null) {
                    jdbc.sql("""
                                    MERGE INTO block_hit_day t
                                    USING (VALUES (CAST(? AS BIGINT), CAST(? AS DATE))) AS s (entry_id, hit_day)
                                    ON t.entry_id = s.entry_id AND t.hit_day = s.hit_day
                                    WHEN MATCHED THEN UPDATE SET hits = t.hits + 1
                                    WHEN NOT MATCHED THEN INSERT (entry_id, hit_day, hits) VALUES (s.entry_id, s.hit_day, 1)""")
                            .params(h.entryId(), java.sql.Date.valueOf(LocalDate.ofInstant(h.at(), CHINA)))
                            .update();
                }
                if (phone != null) {
                    String url = h.scheme() + "://" + h.host() + (h.path() == null ? "/" : h.path());
                    events.publishEvent(new BlockHitRecorded(
                            id, url.length() > 2000 ? url.substring(0, 2000) : url, h.category(), phone, h.at()));
                }
            }
        });
    }

    /** The phone behind a public address and port at a moment, from the operators' mapping. */
    Optional<String> subscriber(String address, int port, Instant at) {
        return jdbc.sql("""
                        SELECT phone FROM subscriber_mapping WHERE address = ? AND port_from <= ? AND port_to >= ?
                        AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC LIMIT 1""")
                .params(address, port, port, Timestamp.from(at), Timestamp.from(at))
                .query(String.class)
                .optional();
    }

    private void work() {
        while (running || !queue.isEmpty()) {
            try {
                if (queue.isEmpty()) {
                    Thread.sleep(200);
                } else {
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Writing hits failed; retrying: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::work, "block-hits");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
