package org.fanzha.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Drives the risk list of two running servers on one PostgreSQL database (bench/risk-load):
 * 10,000-item checks through the first server's API (half listed values, half not), beside a
 * one-item check (the round trip's own cost); then, 50 times, a partner's confirmed fraud posted
 * to the first server and the time until the second server answers the new level.
 *
 * <p>Arguments: firstUrl secondUrl bearerToken entries
 */
public final class RiskLoad {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static String phone(long i) {
        return "+8613" + String.format("%09d", i);
    }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(2))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String items(long from, int n, long entries) {
        StringBuilder b = new StringBuilder("{\"items\":[");
        for (int i = 0; i < n; i++) {
            long k = (from + i * 7919L) % (entries * 2); // half of them beyond the listed range
            b.append(i == 0 ? "" : ",").append("{\"type\":\"PHONE\",\"value\":\"").append(phone(k)).append("\"}");
        }
        return b.append("]}").toString();
    }

    static String percentiles(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d runs)",
                s.get(s.size() / 2) / 1e6, s.get((int) Math.ceil(s.size() * 0.9) - 1) / 1e6,
                s.get((int) Math.ceil(s.size() * 0.99) - 1) / 1e6, s.get(s.size() - 1) / 1e6, s.size());
    }

    public static void main(String[] args) throws Exception {
        String first = args[0];
        String second = args[1];
        String token = "Bearer " + args[2];
        long entries = Long.parseLong(args[3]);

        // warm both servers up
        for (int i = 0; i < 20; i++) {
            post(first + "/api/v1/risk/check", token, items(i * 10_000L, 10_000, entries));
            post(second + "/api/v1/risk/check", token, items(i, 1, entries));
        }
        List<Long> batch = new ArrayList<>();
        List<Long> single = new ArrayList<>();
        int listed = 0;
        for (int run = 0; run < 50; run++) {
            String body = items(run * 104_729L, 10_000, entries);
            long t = System.nanoTime();
            var r = post(first + "/api/v1/risk/check", token, body);
            batch.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("check answered " + r.statusCode() + ": " + r.body());
            }
            if (run == 0) {
                listed = r.body().split("\"level\":\"HIGH\"", -1).length - 1
                        + r.body().split("\"level\":\"VERY_HIGH\"", -1).length - 1
                        + r.body().split("\"level\":\"MEDIUM\"", -1).length - 1;
            }
            String one = items(run, 1, entries);
            t = System.nanoTime();
            post(first + "/api/v1/risk/check", token, one);
            single.add(System.nanoTime() - t);
        }
        System.out.printf(Locale.ROOT, "list of %,d phones; a 10,000-item check found %,d listed%n", entries, listed);
        System.out.println("10,000-item check: " + percentiles(batch));
        System.out.println("1-item check (round trip): " + percentiles(single));

        List<Long> visible = new ArrayList<>();
        for (int run = 0; run < 50; run++) {
            String value = phone(entries * 3 + run + System.nanoTime() % 1_000_000);
            String check = "{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + value + "\"}]}";
            long t = System.nanoTime();
            var fed = post(first + "/api/v1/risk/feedback", token,
                    "{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + value + "\",\"result\":\"CONFIRMED_FRAUD\",\"reference\":\"bench-" + run + "\"}]}");
            if (fed.statusCode() != 200) {
                throw new IllegalStateException("feedback answered " + fed.statusCode() + ": " + fed.body());
            }
            while (!post(second + "/api/v1/risk/check", token, check).body().contains("\"level\":\"HIGH\"")) {
                if (System.nanoTime() - t > 10_000_000_000L) {
                    throw new IllegalStateException("not visible on the second server after 10 s");
                }
                Thread.sleep(5);
            }
            visible.add(System.nanoTime() - t);
        }
        System.out.println("confirmed fraud posted to the first → HIGH on the second: " + percentiles(visible));
    }
}
