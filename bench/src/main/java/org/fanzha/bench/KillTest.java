package org.fanzha.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reliability under a crash: the server is killed with SIGKILL during sustained intake and
 * started again. Afterwards every lead that was answered 202 must be stored exactly once, no
 * overdue acknowledgement may be left unescalated, and no escalation may have fired twice.
 *
 * <p>Arguments: jar port jdbcUrl jdbcUser seconds-before-kill seconds-after-restart
 */
public final class KillTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration ACK_DEADLINE = Duration.ofSeconds(4);

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int port = Integer.parseInt(args[1]);
        String jdbcUrl = args[2];
        String jdbcUser = args[3];
        int before = Integer.parseInt(args[4]);
        int after = Integer.parseInt(args[5]);
        String base = "http://localhost:" + port;

        Process server = start(jar, port, jdbcUrl, jdbcUser);
        String token = partnerToken(base);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis());
        for (int c = 0; c < 8; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    String id = "KILL-" + run + "-" + client + "-" + n++;
                    String body = "{\"source\":\"TELECOM\",\"sourceId\":\"" + id + "\",\"phone\":\"1370371" + String.format("%04d", (client * 1250 + n) % 10_000)
                            + "\",\"divisionCode\":\"410105\"}";
                    try {
                        var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            acked.add(id);
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        sleep(200);
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        sleep(before * 1000L);
        long ackedBeforeKill = acked.size();
        server.destroyForcibly().waitFor();
        Instant killedAt = Instant.now();
        System.out.printf("killed the server (SIGKILL) after %d s, %d leads acknowledged so far%n", before, ackedBeforeKill);
        server = start(jar, port, jdbcUrl, jdbcUser);
        System.out.printf("restarted in %.1f s%n", Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);
        sleep(after * 1000L);
        running.set(false);
        for (Thread t : clients) {
            t.join();
        }
        // let every acknowledgement that is due come due and be escalated
        sleep(ACK_DEADLINE.toMillis() + 3000);
        Instant checkedAt = Instant.now();
        boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
        if (h2) {
            // the embedded database is the server's own file: read it once the server has stopped
            server.destroy();
            server.waitFor();
        }
        // the checker reads the database quietly (the server logs H2's messages, the checker need not)
        try (Connection db = DriverManager.getConnection(jdbcUrl.replace(";TRACE_LEVEL_FILE=4", ""), jdbcUser, "")) {
            Map<String, Integer> stored = new HashMap<>();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT source_id, COUNT(*) FROM lead WHERE source_id LIKE 'KILL-" + run + "-%' GROUP BY source_id")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2));
                }
            }
            // every stored lead has its audit record: in the chain, or in the outbox it is appended from
            Set<String> audited = new java.util.HashSet<>();
            for (String table : List.of("audit_record", "audit_outbox")) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT entity_id FROM " + table
                        + " WHERE action = 'INTAKE' AND entity_id LIKE 'TELECOM/KILL-" + run + "-%'")) {
                    while (rs.next()) {
                        audited.add(rs.getString(1).substring("TELECOM/".length()));
                    }
                }
            }
            long unaudited = stored.keySet().stream().filter(id -> !audited.contains(id)).count();
            long missing = acked.stream().filter(id -> !stored.containsKey(id)).count();
            long twice = stored.values().stream().filter(n -> n > 1).count();
            long unanswered = stored.keySet().stream().filter(id -> !acked.contains(id)).count();
            long overdue;
            try (var ps = db.prepareStatement("SELECT COUNT(*) FROM warning WHERE state = 'ASSIGNED' AND acknowledge_due < ?")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(checkedAt.minusSeconds(3)));
                ResultSet rs = ps.executeQuery();
                rs.next();
                overdue = rs.getLong(1);
            }
            // two escalations of one warning less than 2 s apart: one deadline fired twice
            long doubled = 0;
            long escalations = 0;
            try (ResultSet rs = db.createStatement().executeQuery(
                    "SELECT warning_id, at FROM warning_event WHERE kind = 'ESCALATED' ORDER BY warning_id, at")) {
                long lastWarning = -1;
                Instant lastAt = null;
                while (rs.next()) {
                    escalations++;
                    long warning = rs.getLong(1);
                    Instant at = rs.getTimestamp(2).toInstant();
                    if (warning == lastWarning && Duration.between(lastAt, at).toMillis() < 2000) {
                        doubled++;
                    }
                    lastWarning = warning;
                    lastAt = at;
                }
            }
            System.out.printf("leads answered 202: %d; stored: %d; answered but missing: %d; stored twice: %d; stored but unanswered (killed before the answer): %d; failed requests: %d%n",
                    acked.size(), stored.size(), missing, twice, unanswered, failures.get());
            System.out.printf("escalations fired: %d; overdue and not escalated: %d; fired twice for one deadline: %d%n", escalations, overdue, doubled);
            System.out.printf("stored leads without their audit record: %d%n", unaudited);
            boolean ok = missing == 0 && twice == 0 && overdue == 0 && doubled == 0 && unaudited == 0
                    && acked.size() > ackedBeforeKill;
            System.out.println(ok ? "PASS" : "FAIL");
            if (!h2) {
                server.destroy();
                server.waitFor();
            }
            System.exit(ok ? 0 : 1);
        }
    }

    static Process start(String jar, int port, String jdbcUrl, String user) throws Exception {
        return startWith(jar, port, jdbcUrl, user, List.of(
                "--fanzha.warning.deadlines.YELLOW.acknowledge=" + ACK_DEADLINE.toSeconds() + "s",
                "--fanzha.warning.escalation-interval=1s"), Map.of());
    }

    /** The server as its jar, with these settings and environment variables besides the database's. */
    static Process startWith(String jar, int port, String jdbcUrl, String user, List<String> settings, Map<String, String> env)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar, "--server.port=" + port));
        command.addAll(settings);
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            // the embedded default, as `java -jar` runs it, on a file of its own
            command.add("--spring.datasource.url=" + jdbcUrl);
        } else {
            command.add("--spring.profiles.active=prod");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("FANZHA_DB_URL", jdbcUrl);
        pb.environment().put("FANZHA_DB_USER", user);
        pb.environment().put("FANZHA_DB_PASSWORD", "");
        pb.environment().put("FANZHA_BOOTSTRAP_ADMIN_PASSWORD", "kill-test-secret");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/kill-test-server.log")));
        Process p = pb.start();
        for (int i = 0; i < 360; i++) { // up to three minutes: a restart first files what was left unfiled
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return p;
                }
            } catch (Exception notYet) {
                // starting
            }
            sleep(500);
        }
        throw new IllegalStateException("the server did not start; see target/kill-test-server.log");
    }

    static String partnerToken(String base) throws Exception {
        String admin = field(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"kill-test-secret\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body(), "token");
        return field(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kill-test\",\"permissions\":[\"leads:submit\"],\"sources\":[\"TELECOM\"]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body(), "token");
    }

    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
