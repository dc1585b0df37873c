package org.fanzha.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public's reports at a sustained rate through {@code POST /api/v1/public/reports} on
 * PostgreSQL, with the server killed (SIGKILL) halfway and started again: the answer times of the
 * reports, and afterwards that every receipt answered 202 is stored exactly once and has its lead.
 * The baseline, measured in the same run: plain single-row inserts of the same width into
 * PostgreSQL, one transaction each, from as many connections as the driver has clients.
 *
 * <p>Arguments: jar port jdbcUrl jdbcUser reportsPerSecond seconds
 */
public final class ReportsLoad {

    /** HTTP/1.1: no h2c upgrade attempted on requests with a body. */
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int port = Integer.parseInt(args[1]);
        String jdbcUrl = args[2];
        String user = args[3];
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String base = "http://localhost:" + port;
        List<String> settings = List.of(
                // one client address drives it all: its hourly limit is lifted for the run
                "--fanzha.reports.per-address-per-hour=0",
                "--fanzha.reports.lead-retry=10s");
        Process server = KillTest.startWith(jar, port, jdbcUrl, user, settings, Map.of());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        int clients = 64;
        var pool = Executors.newFixedThreadPool(clients);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        // paced: one report every 1/rate s, whoever of the clients is free sends it
        pacer.scheduleAtFixedRate(() -> pool.submit(() -> {
                    long n = sent.incrementAndGet();
                    String phone = "13" + String.format("%09d", (Long.parseLong(run) * 1_000_000 + n) % 1_000_000_000L);
                    String when = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(10).withNano(0).toString();
                    String body = "{\"reporterPhone\":\"" + phone + "\",\"victim\":true,\"fraudType\":\"LOAN\","
                            + "\"fraudster\":[{\"type\":\"QQ\",\"value\":\"" + (10_000_000 + n % 9_000_000) + "\"}],"
                            + "\"transfers\":[{\"time\":\"" + when + "\",\"toAccount\":\"6217" + String.format("%015d", n)
                            + "\",\"toBank\":\"中国建设银行\",\"amount\":\"3000\"}],\"text\":\"基准测试举报\"}";
                    long start = System.nanoTime();
                    try {
                        var response = HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/public/reports"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            micros.add((System.nanoTime() - start) / 1000);
                            accepted.add(KillTest.field(response.body(), "receipt"));
                        } else if (response.statusCode() == 429) {
                            refused.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception down) {
                        failed.incrementAndGet(); // the server is down (killed): not answered, not counted
                    }
                }),
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        KillTest.sleep(seconds * 500L);
        long beforeKill = accepted.size();
        server.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        server = KillTest.startWith(jar, port, jdbcUrl, user, settings, Map.of());
        long downMillis = (System.nanoTime() - killedAt) / 1_000_000;
        KillTest.sleep(seconds * 500L);
        pacer.shutdownNow();
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS); // every answer in before anything is counted

        // every receipt answered 202 stored once, and its lead filed (the retry files what the kill interrupted)
        long stored = 0;
        long twice = 0;
        long withoutLead = Long.MAX_VALUE;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            for (int i = 0; i < 60 && withoutLead > 0; i++) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM public_report WHERE lead_id IS NULL")) {
                    rs.next();
                    withoutLead = rs.getLong(1);
                }
                if (withoutLead > 0) {
                    KillTest.sleep(2000);
                }
            }
            Set<String> receipts = new java.util.HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT receipt FROM public_report")) {
                while (rs.next()) {
                    if (!receipts.add(rs.getString(1))) {
                        twice++;
                    }
                }
            }
            for (String r : accepted) {
                if (receipts.contains(r)) {
                    stored++;
                }
            }
        }
        server.destroy();
        server.waitFor();

        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        double secondsRun = seconds;
        System.out.printf(
                "reports: %d sent at %d/s for %d s, %d answered 202 (%.1f/s), %d refused 429, %d failed (%d of them while the server was down %d ms)%n",
                sent.get(), rate, seconds, accepted.size(), accepted.size() / secondsRun, refused.get(), failed.get(), failed.get(), downMillis);
        System.out.printf(
                "answer time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
        System.out.printf(
                "after SIGKILL at %d accepted: %d of %d accepted receipts stored, %d stored twice, %d without a lead%n",
                beforeKill, stored, accepted.size(), twice, withoutLead);
        System.out.printf("baseline: plain PostgreSQL single-row inserts, %d connections: %.0f/s%n", clients / 4, baseline(jdbcUrl, user, clients / 4));
        boolean ok = stored == accepted.size() && twice == 0 && withoutLead == 0;
        System.out.println(ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    /** Rows of the report's width inserted one per transaction for five seconds. */
    static double baseline(String jdbcUrl, String user, int connections) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_insert (id BIGSERIAL PRIMARY KEY, receipt VARCHAR(20), phone VARCHAR(20), text VARCHAR(4000), at TIMESTAMPTZ)");
        }
        AtomicLong rows = new AtomicLong();
        long until = System.nanoTime() + 5_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            Thread thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
                        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_insert (receipt, phone, text, at) VALUES (?, ?, ?, now())")) {
                    while (System.nanoTime() < until) {
                        ps.setString(1, "R-20261203-" + rows.get() % 1_000_000);
                        ps.setString(2, "13700000000");
                        ps.setString(3, "基准测试举报");
                        ps.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return rows.get() / 5.0;
    }
}
