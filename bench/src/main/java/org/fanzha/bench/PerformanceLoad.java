package org.fanzha.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Load driver for performance evaluation (see bench/performance-load). Loads warnings (all
 * closed, a quarter dissuaded, acknowledged within 15 minutes) at the township units and cases
 * (filed, a third solved, with suspects) at the county units over 2024–2025 by set-based SQL; then
 * asks the server to rebuild its totals from them, and measures indicators for random units and
 * periods, the city ranking and bulletin PDFs. Baseline: the number of warnings of a unit and
 * period counted from the warning table by the database itself (an index range scan and a join
 * to the unit's subtree), the work the totals spare each request.
 *
 * <p>Arguments: baseUrl bearerToken jdbcUrl jdbcUser warnings cases
 */
public final class PerformanceLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = "Bearer " + args[1];
        String url = args[2];
        String user = args[3];
        long warnings = Long.parseLong(args[4]);
        long cases = Long.parseLong(args[5]);
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        List<String> cities = new ArrayList<>();
        List<String> counties = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            int chunk = 1_000_000;
            for (long from = 1; from <= warnings; from += chunk) {
                long to = Math.min(warnings, from + chunk - 1);
                s.execute("""
                        WITH u AS (SELECT array_agg(code ORDER BY code) a, count(*) n FROM division WHERE level = 'TOWNSHIP' AND unit)
                        INSERT INTO warning (phone, fraud_type, urgency, urgency_rule, unit_code, routed_via, routing_basis,
                            out_of_province, state, outcome, amount_at_risk, lead_count, opened_at, last_lead_at, assigned_at,
                            acknowledged_at, closed_at, acknowledge_due, close_due, escalations)
                        SELECT '139' || lpad((i %% 100000000)::text, 8, '0'),
                               (ARRAY['LOAN','INVESTMENT','ORDER_BRUSHING','IMPERSONATE_POLICE','CUSTOMER_SERVICE'])[1 + (i %% 5)::int],
                               'RED', 'bench', u.a[1 + ((i * 7919) %% u.n)::int], 'BENCH', 'bench', false, 'CLOSED',
                               (ARRAY['DISSUADED','UNREACHABLE','ALREADY_DEFRAUDED','FALSE_ALARM'])[1 + (i %% 4)::int],
                               1000 + (i %% 50000), 1, t, t, t, t + ((i %% 900) * interval '1 second'), t + interval '2 hours',
                               t + interval '5 minutes', t + interval '1 day', 0
                        FROM u, generate_series(%d::bigint, %d::bigint) i,
                             LATERAL (SELECT timestamptz '2024-01-01 00:00+08' + ((i * 6311) %% (731 * 86400)) * interval '1 second' t) x
                        """.formatted(from, to));
            }
            System.out.printf(Locale.ROOT, "load      %,d warnings at the township units over 2024-2025: %.0f s%n", warnings, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            s.execute("""
                    WITH u AS (SELECT array_agg(code ORDER BY code) a, count(*) n FROM division WHERE level = 'COUNTY' AND unit)
                    INSERT INTO fraud_case (case_number, fraud_type, status, loss_amount, occurred_at, accepted_at, filed_at, solved_at,
                        unit_code, solving_unit, created_by, updated_at)
                    SELECT NULL, (ARRAY['LOAN','INVESTMENT','ORDER_BRUSHING','ROMANCE'])[1 + (i %% 4)::int],
                           CASE WHEN i %% 3 = 0 THEN 'SOLVED' ELSE 'FILED' END, 500 + (i %% 300000), t, t, t + interval '1 day',
                           CASE WHEN i %% 3 = 0 THEN t + interval '10 days' END, u.a[1 + ((i * 104729) %% u.n)::int], NULL, 'bench',
                           timestamptz '2024-01-01 00:00+08'
                    FROM u, generate_series(1::bigint, %d::bigint) i,
                         LATERAL (SELECT timestamptz '2024-01-01 00:00+08' + ((i * 7907) %% (720 * 86400)) * interval '1 second' t) x
                    """.formatted(cases));
            s.execute("""
                    INSERT INTO case_suspect (case_id, name, arrested_at, arresting_unit, added_by, added_at)
                    SELECT id, '嫌疑人', solved_at, unit_code, 'bench', timestamptz '2024-01-01 00:00+08' FROM fraud_case WHERE solved_at IS NOT NULL
                    """);
            s.execute("ANALYZE");
            System.out.printf(Locale.ROOT, "load      %,d cases (a third solved, one suspect each) at the county units: %.0f s%n", cases, (System.nanoTime() - t0) / 1e9);
            try (ResultSet rs = s.executeQuery("SELECT code, level FROM division WHERE unit AND level IN ('CITY', 'COUNTY') ORDER BY code")) {
                while (rs.next()) {
                    (rs.getString(2).equals("CITY") ? cities : counties).add(rs.getString(1));
                }
            }

            long r0 = System.nanoTime();
            var rebuilt = send(base + "/api/v1/performance/rebuild", token, true);
            System.out.printf(Locale.ROOT, "rebuild   POST /api/v1/performance/rebuild (every total from the facts): %.0f s, answer %d%n",
                    (System.nanoTime() - r0) / 1e9, rebuilt.statusCode());
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM perf_fact), (SELECT count(*) FROM perf_ack), (SELECT count(*) FROM perf_fact_type), pg_size_pretty(pg_total_relation_size('perf_fact') + pg_total_relation_size('perf_ack') + pg_total_relation_size('perf_fact_type'))")) {
                rs.next();
                System.out.printf(Locale.ROOT, "totals    %,d rows per unit/day/kind, %,d acknowledgement buckets, %,d per fraud type; %s%n",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
            }

            SplittableRandom r = new SplittableRandom(3);
            List<Long> api = new ArrayList<>();
            List<Long> baseline = new ArrayList<>();
            for (int n = 0; n < 330; n++) {
                String unit = switch (r.nextInt(3)) {
                    case 0 -> "41";
                    case 1 -> cities.get(r.nextInt(cities.size()));
                    default -> counties.get(r.nextInt(counties.size()));
                };
                LocalDate day = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(700));
                String period = switch (r.nextInt(6)) {
                    case 0 -> day.toString();
                    case 1 -> day.getYear() + "-W" + String.format("%02d", 1 + r.nextInt(52));
                    case 2 -> day.toString().substring(0, 7);
                    case 3 -> day.getYear() + "-Q" + (1 + r.nextInt(4));
                    case 4 -> Integer.toString(day.getYear());
                    default -> day + ".." + day.plusDays(r.nextInt(200));
                };
                long a = System.nanoTime();
                var answer = send(base + "/api/v1/performance/indicators?unit=" + unit + "&period=" + period, token, false);
                long b = System.nanoTime();
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(answer.body());
                }
                // the baseline: this period's warnings of the unit counted from the facts themselves
                LocalDate from = day;
                LocalDate to = day.plusDays(period.length() == 10 ? 0 : period.length() == 4 ? 364 : period.contains("Q") ? 90 : 30);
                long c0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM warning WHERE opened_at >= timestamptz '" + from
                        + " 00:00+08' AND opened_at < timestamptz '" + to.plusDays(1) + " 00:00+08' AND unit_code LIKE '" + unit + "%'")) {
                    rs.next();
                }
                long c1 = System.nanoTime();
                if (n >= 30) {
                    api.add((b - a) / 1000);
                    baseline.add((c1 - c0) / 1000);
                }
            }
            Collections.sort(api);
            Collections.sort(baseline);
            System.out.printf(Locale.ROOT, "indicators GET /api/v1/performance/indicators (every indicator, with 同比 and 环比; random unit of the province, cities, counties; random period): p50 %.1f ms, p99 %.1f ms, max %.1f ms (300 requests, one client)%n",
                    pct(api, 50) / 1000.0, pct(api, 99) / 1000.0, api.get(api.size() - 1) / 1000.0);
            System.out.printf(Locale.ROOT, "baseline  one indicator (warnings received) counted from the warning table for a similar unit and period: p50 %.1f ms, p99 %.1f ms%n",
                    pct(baseline, 50) / 1000.0, pct(baseline, 99) / 1000.0);
        }
        List<Long> ranking = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            long a = System.nanoTime();
            var answer = send(base + "/api/v1/performance/ranking?level=city&period=2025-" + String.format("%02d", m), token, false);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(answer.body());
            }
            ranking.add((System.nanoTime() - a) / 1000);
        }
        Collections.sort(ranking);
        System.out.printf(Locale.ROOT, "ranking   GET /api/v1/performance/ranking?level=city (18 cities, this month and the last): p50 %.1f ms, max %.1f ms (12 months)%n",
                pct(ranking, 50) / 1000.0, ranking.get(ranking.size() - 1) / 1000.0);
        for (String week : List.of("2025-W10", "2025-W22", "2025-W40", "2025-W41")) {
            long a = System.nanoTime();
            var pdf = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/performance/bulletins/" + week + ".pdf"))
                            .header("Authorization", token)
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf(Locale.ROOT, "bulletin  GET /api/v1/performance/bulletins/%s.pdf: %.2f s, %,d bytes, answer %d%n",
                    week, (System.nanoTime() - a) / 1e9, pdf.body().length, pdf.statusCode());
        }
    }

    static HttpResponse<String> send(String uri, String token, boolean post) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", token).timeout(Duration.ofMinutes(60));
        if (post) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
