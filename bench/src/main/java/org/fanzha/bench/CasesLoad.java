package org.fanzha.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Load driver for cases (see bench/cases-load): N cases with 10 identifiers each (two of them
 * drawn from a pool shared by many cases, so links and clusters exist) and N fraud cards opened at
 * 1,000 outlets, written by JDBC batches; then, through the running server: filing a case with 10
 * identifiers (linked as it is saved) and reading its related cases, 200 times; all clusters from
 * scratch; one month's outlet ranking.
 *
 * <p>Arguments: baseUrl bearerToken jdbcUrl jdbcUser cases
 */
public final class CasesLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String card(long n) {
        String base = "622202" + String.format("%012d", n);
        for (int d = 0; d <= 9; d++) {
            String c = base + d;
            int sum = 0;
            boolean twice = false;
            for (int i = c.length() - 1; i >= 0; i--) {
                int x = c.charAt(i) - '0';
                if (twice) {
                    x = x * 2 > 9 ? x * 2 - 9 : x * 2;
                }
                sum += x;
                twice = !twice;
            }
            if (sum % 10 == 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = "Bearer " + args[1];
        String url = args[2];
        String user = args[3];
        int cases = Integer.parseInt(args[4]);
        int pool = Math.max(10, cases / 10);

        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        props.setProperty("reWriteBatchedInserts", "true");
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setAutoCommit(false);
            SplittableRandom r = new SplittableRandom(1);
            Instant june = LocalDate.of(2021, 6, 1).atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant();
            try (Statement s = c.createStatement()) {
                for (int o = 0; o < 1000; o++) {
                    s.addBatch("INSERT INTO outlet (code, name, kind, division_code, yearly_openings) VALUES ('OUT-" + o
                            + "', 'outlet " + o + "', 'BANK_BRANCH', '4101', " + (1000 + o * 10) + ")");
                }
                s.executeBatch();
            }
            try (PreparedStatement fc = c.prepareStatement("""
                            INSERT INTO fraud_case (id, fraud_type, status, loss_amount, occurred_at, accepted_at, unit_code, created_by, updated_at)
                            VALUES (?, 'LOAN', 'ACCEPTED', ?, ?, ?, '410105', 'bench', ?)""");
                    PreparedStatement ci = c.prepareStatement(
                            "INSERT INTO case_identifier (case_id, id_type, id_value, added_at, added_by) VALUES (?, ?, ?, ?, 'bench')");
                    PreparedStatement cd = c.prepareStatement(
                            "INSERT INTO card (id, kind, card_number, outlet_code, opened_on, first_seen) VALUES (?, 'BANK_CARD', ?, ?, ?, ?)");
                    PreparedStatement cc = c.prepareStatement("INSERT INTO case_card (case_id, card_id) VALUES (?, ?)")) {
                for (int i = 1; i <= cases; i++) {
                    Timestamp occurred = Timestamp.from(june.plusSeconds(r.nextInt(30 * 86400)));
                    Timestamp now = Timestamp.from(Instant.now());
                    fc.setLong(1, i);
                    fc.setBigDecimal(2, BigDecimal.valueOf(1000 + r.nextInt(100_000)));
                    fc.setTimestamp(3, occurred);
                    fc.setTimestamp(4, occurred);
                    fc.setTimestamp(5, now);
                    fc.addBatch();
                    for (int k = 0; k < 10; k++) {
                        ci.setLong(1, i);
                        if (k < 2) {
                            ci.setString(2, k == 0 ? "PHONE" : "DOMAIN");
                            ci.setString(3, k == 0 ? "+86170" + String.format("%08d", r.nextInt(pool)) : "pool-" + r.nextInt(pool) + ".example");
                        } else if (k == 2) {
                            ci.setString(2, "BANK_CARD");
                            ci.setString(3, card(i));
                        } else {
                            ci.setString(2, "BANK_ACCOUNT");
                            ci.setString(3, String.format("%d%07d", k, i));
                        }
                        ci.setTimestamp(4, now);
                        ci.addBatch();
                    }
                    cd.setLong(1, i);
                    cd.setString(2, card(i));
                    cd.setString(3, "OUT-" + r.nextInt(1000));
                    cd.setDate(4, Date.valueOf(LocalDate.of(2021, 5, 1).plusDays(r.nextInt(60))));
                    cd.setTimestamp(5, now);
                    cd.addBatch();
                    cc.setLong(1, i);
                    cc.setLong(2, i);
                    cc.addBatch();
                    if (i % 5000 == 0 || i == cases) {
                        fc.executeBatch();
                        ci.executeBatch();
                        cd.executeBatch();
                        cc.executeBatch();
                        c.commit();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('fraud_case', 'id'), " + cases + ")");
                s.execute("SELECT setval(pg_get_serial_sequence('card', 'id'), " + cases + ")");
                c.commit();
                c.setAutoCommit(true);
                s.execute("ANALYZE");
            }
        }
        System.out.printf(Locale.ROOT, "load      %,d cases, %,d identifiers (2 each from a pool of %,d), %,d cards at 1,000 outlets: %.0f s%n",
                cases, cases * 10L, pool, cases, (System.nanoTime() - t0) / 1e9);

        List<Long> file = new ArrayList<>();
        List<Long> related = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(2);
        for (int n = 0; n < 220; n++) {
            StringBuilder idents = new StringBuilder();
            idents.append("{\"type\":\"PHONE\",\"value\":\"+86170").append(String.format("%08d", r.nextInt(pool))).append("\"},");
            idents.append("{\"type\":\"DOMAIN\",\"value\":\"pool-").append(r.nextInt(pool)).append(".example\"}");
            for (int k = 0; k < 8; k++) {
                idents.append(",{\"type\":\"BANK_ACCOUNT\",\"value\":\"").append(String.format("9%03d%d%08d", n, k, r.nextInt(100_000_000))).append("\"}");
            }
            String body = "{\"fraudType\":\"LOAN\",\"lossAmount\":\"1000\",\"occurredAt\":\"2021-06-15T10:00:00+08:00\",\"unitCode\":\"410105\",\"identifiers\":["
                    + idents + "]}";
            long a = System.nanoTime();
            var created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                            .header("Authorization", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long b = System.nanoTime();
            if (created.statusCode() != 201) {
                throw new IllegalStateException(created.body());
            }
            String id = created.body().replaceAll("^\\{\"id\":(\\d+).*", "$1");
            var rel = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/" + id + "/related"))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long c = System.nanoTime();
            if (rel.statusCode() != 200) {
                throw new IllegalStateException(rel.body());
            }
            if (n >= 20) { // the first 20 warm up
                file.add((b - a) / 1000);
                related.add((c - b) / 1000);
            }
        }
        Collections.sort(file);
        Collections.sort(related);
        System.out.printf(Locale.ROOT, "link      POST /api/v1/cases with 10 identifiers (saved and linked): p50 %.1f ms, p99 %.1f ms (200 cases, one client)%n",
                pct(file, 50) / 1000.0, pct(file, 99) / 1000.0);
        System.out.printf(Locale.ROOT, "related   GET /api/v1/cases/{id}/related of that case: p50 %.1f ms, p99 %.1f ms%n",
                pct(related, 50) / 1000.0, pct(related, 99) / 1000.0);

        long k0 = System.nanoTime();
        var clusters = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/clusters?limit=5"))
                        .header("Authorization", token)
                        .timeout(Duration.ofMinutes(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf(Locale.ROOT, "clusters  GET /api/v1/cases/clusters (all clusters from scratch): %.1f s, answer %d: %s%n",
                (System.nanoTime() - k0) / 1e9, clusters.statusCode(), clusters.body().length() > 160 ? clusters.body().substring(0, 160) : clusters.body());

        for (int round = 0; round < 3; round++) {
            long o0 = System.nanoTime();
            var ranking = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cards/outlets/ranking?from=2021-06-01&to=2021-06-30&limit=20"))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf(Locale.ROOT, "ranking   GET /api/v1/cards/outlets/ranking for June over %,d cards: %.0f ms (answer %d)%n",
                    cases, (System.nanoTime() - o0) / 1e6, ranking.statusCode());
        }
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
