package org.fanzha.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for lead intake against a running Fanzha on PostgreSQL (see bench/intake-load):
 *
 * <ol>
 *   <li>baseline: the rows intake writes for the same number of leads, written by plain JDBC
 *       batches (1,000 leads per batch) into copies of the real tables in the same PostgreSQL;
 *   <li>batch intake: {@code POST /api/v1/leads/batch} with 1,000 leads per request, from one
 *       sender (one request after the other) and from four concurrent senders;
 *   <li>single leads: 32 concurrent clients sending {@code POST /api/v1/leads} at a target
 *       rate, latency from request to the answer that the warning is assigned.
 * </ol>
 *
 * Arguments: baseUrl bearerToken jdbcUrl jdbcUser batchLeads singleRate singleSeconds
 */
public final class IntakeLoad {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final AtomicLong PHONE = new AtomicLong(System.currentTimeMillis() % 10_000_000);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String jdbcUrl = args[2];
        String jdbcUser = args[3];
        int batchLeads = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);

        double baseline = jdbcBaseline(jdbcUrl, jdbcUser, batchLeads);
        System.out.printf(Locale.ROOT, "baseline  plain JDBC batches into copies of the tables, the 6 rows intake writes per lead, "
                        + "1,000 leads per batch and commit: %,d leads: %,.0f leads/s (%,.0f rows/s)%n",
                batchLeads, baseline, 6 * baseline);

        for (int senders : new int[] {1, 4}) {
            double batch = batchIntake(base, token, batchLeads, senders);
            System.out.printf(Locale.ROOT, "batch     POST /api/v1/leads/batch, 1,000 per request, %d sender%s: %,d leads: %,.0f leads/s (%.0f%% of baseline)%n",
                    senders, senders == 1 ? "" : "s", batchLeads, batch, 100 * batch / baseline);
        }

        single(base, token, rate, seconds);
    }

    static String phone() {
        // Zhengzhou, Luoyang and Kaifeng segments, each number new
        String[] prefixes = {"1370371", "1393790", "1350378"};
        long n = PHONE.incrementAndGet();
        return prefixes[(int) (n % 3)] + String.format("%04d", n % 10_000);
    }

    static String lead(String id) {
        return "{\"source\":\"TELECOM\",\"sourceId\":\"" + id + "\",\"phone\":\"" + phone()
                + "\",\"fraudType\":\"INVESTMENT\",\"signals\":[{\"type\":\"FRAUD_SITE_VISIT\",\"url\":\"http://x.top\"}],\"amountAtRisk\":5000}";
    }

    /** The tables one accepted lead writes to, each copied (columns, defaults, indexes, constraints) for the baseline. */
    static final String[] TABLES = {"warning", "lead", "warning_event", "warning_change", "hotline_task"};

    /**
     * The rows that intake writes for each lead of the benchmark (a warning, the lead, two
     * timeline rows, a change-feed row, a call task), written by plain JDBC batches of 1,000
     * leads into copies of the real tables, with the same driver settings as the server and a
     * commit per 1,000 leads. Answers leads/s; rows/s is six times that.
     */
    static double jdbcBaseline(String url, String user, int leads) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(url, props)) {
            try (Statement s = c.createStatement()) {
                for (String t : TABLES) {
                    s.execute("DROP TABLE IF EXISTS bench_" + t);
                    s.execute("CREATE TABLE bench_" + t + " (LIKE " + t + " INCLUDING ALL)");
                }
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement w = c.prepareStatement("""
                            INSERT INTO bench_warning (id, phone, merge_key, fraud_type, urgency, urgency_rule, unit_code, routed_via,
                                routing_basis, out_of_province, state, amount_at_risk, lead_count, opened_at, last_lead_at, assigned_at,
                                acknowledge_due, close_due, escalations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement l = c.prepareStatement("""
                            INSERT INTO bench_lead (source, source_id, warning_id, phone, fraud_type, signals, amount_at_risk, observed_at,
                                received_at, urgency, urgency_rule, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement e = c.prepareStatement("""
                            INSERT INTO bench_warning_event (warning_id, at, kind, actor, unit_code, result, note)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement ch = c.prepareStatement(
                            "INSERT INTO bench_warning_change (warning_id, unit_code, at) VALUES (?, ?, ?)");
                    PreparedStatement t = c.prepareStatement("""
                            INSERT INTO bench_hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at,
                                open_key) VALUES (?, 'CALL', ?, 'ORANGE', ?, 'OPEN', 0, ?, ?)""")) {
                for (int i = 0; i < leads; i++) {
                    long id = i + 1;
                    String phone = phone();
                    Timestamp now = Timestamp.from(Instant.now());
                    w.setLong(1, id);
                    w.setString(2, phone);
                    w.setString(3, phone);
                    w.setString(4, "INVESTMENT");
                    w.setString(5, "ORANGE");
                    w.setString(6, "fraud-site-visit");
                    w.setString(7, "4101");
                    w.setString(8, "PHONE_SEGMENT");
                    w.setString(9, "number segment 1370371 of 郑州市");
                    w.setBoolean(10, false);
                    w.setString(11, "ASSIGNED");
                    w.setBigDecimal(12, java.math.BigDecimal.valueOf(5000));
                    w.setInt(13, 1);
                    w.setTimestamp(14, now);
                    w.setTimestamp(15, now);
                    w.setTimestamp(16, now);
                    w.setTimestamp(17, now);
                    w.setTimestamp(18, now);
                    w.setInt(19, 0);
                    w.addBatch();
                    l.setString(1, "TELECOM");
                    l.setString(2, "BASE-" + i);
                    l.setLong(3, id);
                    l.setString(4, phone);
                    l.setString(5, "INVESTMENT");
                    l.setString(6, "[{\"type\":\"FRAUD_SITE_VISIT\",\"url\":\"http://x.top\"}]");
                    l.setBigDecimal(7, java.math.BigDecimal.valueOf(5000));
                    l.setTimestamp(8, now);
                    l.setTimestamp(9, now);
                    l.setString(10, "ORANGE");
                    l.setString(11, "fraud-site-visit");
                    l.setString(12, "partner:bench");
                    l.addBatch();
                    for (String kind : new String[] {"LEAD", "ASSIGNED"}) {
                        e.setLong(1, id);
                        e.setTimestamp(2, now);
                        e.setString(3, kind);
                        e.setString(4, "partner:bench");
                        e.setString(5, kind.equals("LEAD") ? null : "4101");
                        e.setString(6, kind.equals("LEAD") ? "ORANGE" : null);
                        e.setString(7, "TELECOM BASE-" + i + " (fraud-site-visit)");
                        e.addBatch();
                    }
                    ch.setLong(1, id);
                    ch.setString(2, "4101");
                    ch.setTimestamp(3, now);
                    ch.addBatch();
                    t.setLong(1, id);
                    t.setString(2, "4101");
                    t.setTimestamp(3, now);
                    t.setTimestamp(4, now);
                    t.setString(5, "CALL:" + id);
                    t.addBatch();
                    if ((i + 1) % 1000 == 0 || i == leads - 1) {
                        for (PreparedStatement p : new PreparedStatement[] {w, l, e, ch, t}) {
                            p.executeBatch();
                        }
                        c.commit();
                    }
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                for (String t : TABLES) {
                    s.execute("DROP TABLE bench_" + t);
                }
            }
            c.commit();
            return leads / secs;
        }
    }

    /** Sends the leads in batches of 1,000 from {@code senders} concurrent clients; answers leads/s. */
    static double batchIntake(String base, String token, int leads, int senders) throws Exception {
        String run = Long.toString(System.nanoTime());
        int batches = leads / 1000;
        java.util.concurrent.atomic.AtomicInteger nextBatch = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            done.add(pool.submit(() -> {
                for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < 1000; i++) {
                        body.append(i == 0 ? "" : ",").append(lead("B-" + run + "-" + b + "-" + i));
                    }
                    body.append(']');
                    var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads/batch"))
                                    .timeout(Duration.ofMinutes(5))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202 || !response.body().contains("\"accepted\":1000")) {
                        throw new IllegalStateException("batch " + b + " answered " + response.statusCode() + ": "
                                + response.body().substring(0, Math.min(300, response.body().length())));
                    }
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        return batches * 1000 / ((System.nanoTime() - start) / 1e9);
    }

    static void single(String base, String token, int rate, int seconds) throws Exception {
        String run = Long.toString(System.nanoTime());
        int total = rate * seconds;
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<Long>> latencies = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            String body = lead("S-" + run + "-" + i);
            latencies.add(clients.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long t0 = System.nanoTime();
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - t0) / 1000;
                return response.statusCode() == 202 && response.body().contains("\"status\":\"ASSIGNED\"") ? micros : -micros;
            }));
        }
        List<Long> ok = new ArrayList<>();
        int failed = 0;
        for (var f : latencies) {
            long v = f.get();
            if (v >= 0) {
                ok.add(v);
            } else {
                failed++;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        Collections.sort(ok);
        System.out.printf(Locale.ROOT, "single    POST /api/v1/leads, 32 clients, target %,d/s for %d s: %,d assigned, %d failed, achieved %,.0f/s, "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate, seconds, ok.size(), failed, ok.size() / secs, pct(ok, 50) / 1000.0, pct(ok, 99) / 1000.0,
                ok.isEmpty() ? 0 : ok.get(ok.size() - 1) / 1000.0);
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
