package org.fanzha.bench;

import java.io.BufferedWriter;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Load driver for fund tracing and statement import (see bench/funds-load).
 *
 * <p>Tracing: N background transactions (default 10 million) between 2 million accounts over 2021
 * are written by set-based SQL; then 50 planted fraud chains, each a victim's transfer to a
 * first-level account that splits onward to 3 accounts per level for 5 levels (121 accounts, every
 * account also busy with unrelated transactions of its own before and after), and the trace of each
 * is asked of the server: {@code GET /api/v1/funds/trace?hops=5}. Every answer is checked (121
 * accounts, all of the chain's money at the fifth level). Baseline in the same run: the same five
 * hops walked by PostgreSQL itself as one recursive query (no first-in-first-out attribution).
 *
 * <p>Import: a statement of R rows (default 1 million) written as a bank delivers it (.csv, Chinese
 * headers) and uploaded to {@code POST /api/v1/funds/statements}. Baseline in the same run: the same
 * file copied into a bare table by PostgreSQL's COPY.
 *
 * <p>Arguments: baseUrl bearerToken jdbcUrl jdbcUser transactions statementRows
 */
public final class FundsLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int CHAINS = 50;
    static final int FAN = 3;
    static final int LEVELS = 5;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = "Bearer " + args[1];
        String url = args[2];
        String user = args[3];
        long transactions = Long.parseLong(args[4]);
        long statementRows = Long.parseLong(args[5]);
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            int chunk = 1_000_000;
            for (long from = 1; from <= transactions; from += chunk) {
                long to = Math.min(transactions, from + chunk - 1);
                s.execute("""
                        INSERT INTO fund_transaction (account, bank_code, at, direction, amount, balance, counterpart_account,
                            counterpart_name, counterpart_bank, channel, txn_id, source, imported_at)
                        SELECT '6217' || lpad(((i * 7919) %% 2000000)::text, 15, '0'), 'CCB',
                               timestamptz '2021-01-01 00:00+08' + ((i * 6311) %% (365 * 86400)) * interval '1 second',
                               CASE WHEN i %% 2 = 0 THEN 'D' ELSE 'C' END, 10 + (i %% 5000), 1000 + (i %% 90000),
                               '6222' || lpad(((i * 104729) %% 2000000)::text, 15, '0'), '某某', 'ICBC',
                               (ARRAY['网银转账','手机银行','ATM取款','快捷支付'])[1 + (i %% 4)::int], 'BG' || i, 'STATEMENT',
                               timestamptz '2022-01-01 00:00+08'
                        FROM generate_series(%d::bigint, %d::bigint) i
                        """.formatted(from, to));
            }
            System.out.printf(Locale.ROOT, "load      %,d background transactions between 2 million accounts over 2021: %.0f s%n",
                    transactions, (System.nanoTime() - t0) / 1e9);

            // the planted chains: level k has FAN^k accounts; each passes on what it received, split in FAN
            t0 = System.nanoTime();
            SplittableRandom r = new SplittableRandom(7);
            List<String> firstLevel = new ArrayList<>();
            List<Instant> arrived = new ArrayList<>();
            List<BigDecimal> sent = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO fund_transaction (account, bank_code, at, direction, amount, balance, counterpart_account,
                        counterpart_name, counterpart_bank, channel, txn_id, source, imported_at)
                    VALUES (?, 'ABC', ?, ?, ?, ?, ?, '某某', 'ABC', '网银转账', ?, 'STATEMENT', now())""")) {
                long txn = 0;
                for (int chain = 0; chain < CHAINS; chain++) {
                    Instant start = Instant.parse("2021-03-01T02:00:00Z").plus(Duration.ofHours(chain * 100L + r.nextInt(50)));
                    BigDecimal amount = BigDecimal.valueOf(81_000L * 4 + r.nextInt(1000) * 81L * 100).setScale(2);
                    String victim = "6228" + String.format("%015d", 900_000_000L + chain);
                    String l1 = account(chain, 0, 0);
                    firstLevel.add(l1);
                    arrived.add(start);
                    sent.add(amount);
                    // the victim's transfer, as the first-level bank's statement shows it
                    add(ps, l1, start, "C", amount, amount, victim, "CH" + txn++);
                    List<String> level = List.of(l1);
                    List<BigDecimal> held = List.of(amount);
                    List<Instant> at = List.of(start);
                    for (int k = 1; k < LEVELS; k++) {
                        List<String> next = new ArrayList<>();
                        List<BigDecimal> nextHeld = new ArrayList<>();
                        List<Instant> nextAt = new ArrayList<>();
                        for (int a = 0; a < level.size(); a++) {
                            BigDecimal part = held.get(a).divide(BigDecimal.valueOf(FAN));
                            BigDecimal balance = held.get(a);
                            // unrelated traffic of the account a day before and a week after
                            for (int n = 0; n < 20; n++) {
                                Instant when = at.get(a).plus(Duration.ofHours(n < 10 ? -24 - n : 24 * 7 + n));
                                add(ps, level.get(a), when, n % 2 == 0 ? "C" : "D", BigDecimal.valueOf(50), null,
                                        "6229" + String.format("%015d", r.nextInt(1_000_000)), "CH" + txn++);
                            }
                            for (int f = 0; f < FAN; f++) {
                                String to = account(chain, k, a * FAN + f);
                                Instant when = at.get(a).plus(Duration.ofMinutes(3 + f * 2 + r.nextInt(3)));
                                balance = balance.subtract(part);
                                add(ps, level.get(a), when, "D", part, balance, to, "CH" + txn++);
                                add(ps, to, when, "C", part, part, level.get(a), "CH" + txn++);
                                next.add(to);
                                nextHeld.add(part);
                                nextAt.add(when);
                            }
                        }
                        level = next;
                        held = nextHeld;
                        at = nextAt;
                    }
                }
                ps.executeBatch();
            }
            s.execute("ANALYZE fund_transaction");
            try (ResultSet rs = s.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('fund_transaction')) FROM fund_transaction")) {
                rs.next();
                System.out.printf(Locale.ROOT, "load      %d planted chains (victim -> 1 -> 3 -> 9 -> 27 -> 81 accounts, each with unrelated traffic): %.1f s; fund_transaction now %,d rows, %s%n",
                        CHAINS, (System.nanoTime() - t0) / 1e9, rs.getLong(1), rs.getString(2));
            }

            List<Long> api = new ArrayList<>();
            List<Long> baseline = new ArrayList<>();
            int expected = 1 + 3 + 9 + 27 + 81;
            for (int round = 0; round < 3; round++) {
                for (int chain = 0; chain < CHAINS; chain++) {
                    String from = OffsetDateTime.ofInstant(arrived.get(chain), ZoneOffset.ofHours(8)).toString();
                    long a = System.nanoTime();
                    var answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/funds/trace?hops=5&account="
                                            + firstLevel.get(chain) + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8)))
                                    .header("Authorization", token)
                                    .timeout(Duration.ofMinutes(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    long b = System.nanoTime();
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                    }
                    int nodes = answer.body().split("\"level\"", -1).length - 1;
                    if (nodes != expected) {
                        throw new IllegalStateException("chain " + chain + ": " + nodes + " accounts, expected " + expected + ": " + answer.body());
                    }
                    long c0 = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement("""
                            WITH RECURSIVE hop(account, at, level) AS (
                                SELECT ?::varchar, ?::timestamptz, 0
                                UNION ALL
                                SELECT t.counterpart_account, t.at, h.level + 1 FROM hop h JOIN fund_transaction t
                                  ON t.account = h.account AND t.direction = 'D' AND t.at >= h.at AND t.at <= h.at + interval '72 hours'
                                WHERE h.level < 5)
                            SELECT count(DISTINCT account) FROM hop""")) {
                        ps.setString(1, firstLevel.get(chain));
                        ps.setTimestamp(2, Timestamp.from(arrived.get(chain)));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) != expected) {
                                throw new IllegalStateException("baseline chain " + chain + ": " + rs.getInt(1));
                            }
                        }
                    }
                    long c1 = System.nanoTime();
                    if (round > 0) {
                        api.add((b - a) / 1000);
                        baseline.add((c1 - c0) / 1000);
                    }
                }
            }
            Collections.sort(api);
            Collections.sort(baseline);
            System.out.printf(Locale.ROOT, "trace     GET /api/v1/funds/trace?hops=5 (121 accounts, first in first out, balances, banks, cash-out marks): p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d traces, one client)%n",
                    pct(api, 50) / 1000.0, pct(api, 99) / 1000.0, api.get(api.size() - 1) / 1000.0, api.size());
            System.out.printf(Locale.ROOT, "baseline  the same 5 hops as one recursive query in PostgreSQL (accounts only): p50 %.1f ms, p99 %.1f ms%n",
                    pct(baseline, 50) / 1000.0, pct(baseline, 99) / 1000.0);

            // returns: 20,000 victims' transfers over 2021 into background accounts, and each chain's victim;
            // the fifth-level account of 10 chains frozen, and the return of each worked out by the server
            long v0 = System.nanoTime();
            s.execute("""
                    INSERT INTO fund_transfer (unit_code, transferred_at, from_account, to_account, bank_code, amount, channel, created_by, created_at)
                    SELECT '4101', timestamptz '2021-01-01 00:00+08' + ((i * 7331) % (365 * 86400)) * interval '1 second',
                           '6228' || lpad(i::text, 15, '0'), '6217' || lpad(((i * 7919) % 2000000)::text, 15, '0'), 'CCB',
                           1000 + (i % 50000), 'BANK_TRANSFER', 'bench', now()
                    FROM generate_series(1, 20000) i""");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO fund_transfer (unit_code, transferred_at, from_account, to_account, bank_code, amount, channel, created_by, created_at)
                    VALUES ('4101', ?, ?, ?, 'ABC', ?, 'BANK_TRANSFER', 'bench', now())""")) {
                for (int chain = 0; chain < CHAINS; chain++) {
                    ps.setTimestamp(1, Timestamp.from(arrived.get(chain)));
                    ps.setString(2, "6228" + String.format("%015d", 900_000_000L + chain));
                    ps.setString(3, firstLevel.get(chain));
                    ps.setBigDecimal(4, sent.get(chain));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<Long> freezes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO fund_request (kind, state, account, bank_code, amount, unit_code, hop, requested_at, sent_at, answered_at,
                        answered_by, held_amount, document_number, approving_officer, freeze_months, freeze_from, freeze_until, renewals, created_by)
                    VALUES ('FREEZE', 'FROZEN', ?, 'ABC', ?, '4101', 4, ?, ?, ?, 'bench', ?, 'bench', 'bench', 6, ?, ?, 0, 'bench')
                    RETURNING id""")) {
                for (int chain = 0; chain < 10; chain++) {
                    BigDecimal part = sent.get(chain).divide(BigDecimal.valueOf(81));
                    Instant at = arrived.get(chain).plus(Duration.ofDays(1));
                    ps.setString(1, account(chain, LEVELS - 1, 0));
                    ps.setBigDecimal(2, part);
                    ps.setTimestamp(3, Timestamp.from(at));
                    ps.setTimestamp(4, Timestamp.from(at));
                    ps.setTimestamp(5, Timestamp.from(at));
                    ps.setBigDecimal(6, part);
                    ps.setDate(7, java.sql.Date.valueOf("2021-06-01"));
                    ps.setDate(8, java.sql.Date.valueOf("2099-06-01"));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        freezes.add(rs.getLong(1));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "load      20,050 victims' transfers and 10 freezes: %.1f s%n", (System.nanoTime() - v0) / 1e9);
            List<Long> proposals = new ArrayList<>();
            for (int chain = 0; chain < 10; chain++) {
                long a = System.nanoTime();
                var answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/funds/requests/" + freezes.get(chain) + "/returns"))
                                .header("Authorization", token)
                                .timeout(Duration.ofMinutes(5))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                proposals.add((System.nanoTime() - a) / 1000);
                String share = sent.get(chain).divide(BigDecimal.valueOf(81)).setScale(2).toPlainString();
                if (answer.statusCode() != 201 || !answer.body().contains("\"share\":" + share)) {
                    throw new IllegalStateException("return of chain " + chain + ", expected a share of " + share + ": "
                            + answer.statusCode() + " " + answer.body());
                }
            }
            Collections.sort(proposals);
            System.out.printf(Locale.ROOT, "return    POST /api/v1/funds/requests/{id}/returns (a fifth-level account; 20,050 victims' transfers in the table, those of the 30 days before sifted by walking 5 levels back, the one that reaches it traced): p50 %.1f ms, max %.1f ms (10 returns), each victim's share checked%n",
                    pct(proposals, 50) / 1000.0, proposals.get(proposals.size() - 1) / 1000.0);

            // a bank statement of statementRows rows
            Path csv = Path.of("target/statement-" + statementRows + ".csv");
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("交易时间,交易卡号,对手账号,对手户名,对手行名,交易金额,借贷标志,交易余额,交易流水号,交易渠道\n");
                OffsetDateTime t = OffsetDateTime.parse("2022-01-01T00:00:00+08:00");
                for (long i = 0; i < statementRows; i++) {
                    w.write(f.format(t.plusSeconds(i * 7)) + ",6217" + String.format("%015d", 5_000_000 + i % 1000) + ",6222"
                            + String.format("%015d", i % 700_001) + ",某某," + (i % 2 == 0 ? "中国工商银行" : "建设银行") + ","
                            + (10 + i % 9000) + ".00," + (i % 2 == 0 ? "借" : "贷") + "," + (100_000 + i % 50_000) + ".00,ST"
                            + i + ",手机银行\n");
                }
            }
            long size = Files.size(csv);
            long i0 = System.nanoTime();
            String boundary = "fanzha-bench-" + System.nanoTime();
            var upload = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/funds/statements"))
                            .header("Authorization", token)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .timeout(Duration.ofMinutes(30))
                            .POST(HttpRequest.BodyPublishers.concat(
                                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bank\"\r\n\r\nCCB\r\n--"
                                            + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"statement.csv\"\r\n"
                                            + "Content-Type: text/csv\r\n\r\n"),
                                    HttpRequest.BodyPublishers.ofFile(csv),
                                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double importSeconds = (System.nanoTime() - i0) / 1e9;
            if (upload.statusCode() != 200 || !upload.body().contains("\"imported\":" + statementRows)) {
                throw new IllegalStateException(upload.statusCode() + " " + upload.body());
            }
            System.out.printf(Locale.ROOT, "import    POST /api/v1/funds/statements, %,d rows (.csv, %,d MB): %.1f s, %,.0f rows/s, every row imported%n",
                    statementRows, size >> 20, importSeconds, statementRows / importSeconds);
            s.execute("CREATE UNLOGGED TABLE copy_baseline (t text, account text, counterpart text, name text, bank text, amount numeric, direction text, balance numeric, id text, channel text)");
            long b0 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                new CopyManager(c.unwrap(BaseConnection.class))
                        .copyIn("COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            double copySeconds = (System.nanoTime() - b0) / 1e9;
            s.execute("DROP TABLE copy_baseline");
            System.out.printf(Locale.ROOT, "baseline  the same file by COPY into a bare unlogged table: %.1f s, %,.0f rows/s%n",
                    copySeconds, statementRows / copySeconds);
            Files.delete(csv);
        }
    }

    static String account(int chain, int level, int index) {
        return "6230" + String.format("%03d%d%011d", chain, level, index);
    }

    static void add(PreparedStatement ps, String account, Instant at, String direction, BigDecimal amount, BigDecimal balance,
            String counterpart, String txn) throws Exception {
        ps.setString(1, account);
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setString(3, direction);
        ps.setBigDecimal(4, amount);
        ps.setBigDecimal(5, balance);
        ps.setString(6, counterpart);
        ps.setString(7, txn);
        ps.addBatch();
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
