package org.fanzha.bench;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.contact.internal.SubmitOnlySmsc;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/**
 * Warning SMS under load, against a real SMPP server (jSMPP's server side, in this process) and
 * the platform run as its jar (PostgreSQL, the prod profile):
 *
 * <ol>
 *   <li>burst: 10,000 warnings opened at once (bulk intake); every SMS must reach the SMSC once, at
 *       the configured limit (200/s): the measured rate is compared with it;
 *   <li>under the limit: warnings opened one by one at half the limit; p50/p99 from the warning
 *       opened (its opened_at) to the submit arriving at the SMSC;
 *   <li>crash: another burst, the server killed with SIGKILL while it submits, started again; then
 *       every warning's SMS must have reached the SMSC once — or be marked UNCERTAIN (its submit
 *       was under way when the process died), never twice.
 * </ol>
 *
 * <p>Arguments: jar port jdbcUrl jdbcUser rate burst
 */
public final class SmsBurst {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Submits as the SMSC received them: destination → arrival times. */
    static final Map<String, List<Instant>> SUBMITS = new ConcurrentHashMap<>();

    static final ConcurrentLinkedQueue<Instant> ARRIVALS = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int port = Integer.parseInt(args[1]);
        String jdbcUrl = args[2];
        String jdbcUser = args[3];
        int rate = Integer.parseInt(args[4]);
        int burst = Integer.parseInt(args[5]);
        String base = "http://localhost:" + port;
        int smsc = startSmsc();

        Process server = KillTest.startWith(jar, port, jdbcUrl, jdbcUser, List.of(
                "--fanzha.contact.sms.rate-per-second=" + rate,
                "--fanzha.contact.sms.window=20",
                "--fanzha.contact.sms.uncertain-after=20s",
                "--fanzha.contact.sms.sweep-interval=5s"), Map.of(
                "FANZHA_SMS_SMPP_HOST", "127.0.0.1",
                "FANZHA_SMS_SMPP_PORT", Integer.toString(smsc),
                "FANZHA_SMS_SMPP_SYSTEM_ID", "bench",
                "FANZHA_SMS_SMPP_PASSWORD", "bench"));
        String token = KillTest.partnerToken(base);
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        int ok = 0;

        // 1. the burst
        ARRIVALS.clear();
        List<String> phones = phones(0, burst);
        Instant sent = Instant.now();
        post(base, token, phones, "BURST-" + run);
        System.out.printf("burst: %d leads stored in %.1f s%n", burst, Duration.between(sent, Instant.now()).toMillis() / 1000.0);
        awaitSubmits(phones, Duration.ofSeconds(burst / rate * 3L + 60));
        List<Instant> arrivals = new ArrayList<>(ARRIVALS);
        arrivals.sort(null);
        // the steady rate: from the end of the first second (the bucket starts full) to the last submit
        Instant first = arrivals.get(0).plusSeconds(1);
        long after = arrivals.stream().filter(a -> !a.isBefore(first)).count();
        double seconds = Duration.between(first, arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0;
        double measured = (after - 1) / seconds;
        long twice = phones.stream().filter(p -> SUBMITS.getOrDefault(p, List.of()).size() > 1).count();
        long missing = phones.stream().filter(p -> !SUBMITS.containsKey(p)).count();
        System.out.printf("burst: %d submits, %.1f/s against a limit of %d/s (%.1f %%); missing %d, twice %d%n",
                arrivals.size(), measured, rate, 100.0 * (measured - rate) / rate, missing, twice);
        boolean burstOk = missing == 0 && twice == 0 && Math.abs(measured - rate) <= rate * 0.05;
        ok += burstOk ? 1 : 0;

        // 2. under the limit: one lead at a time, at half the limit
        List<String> steady = phones(burst, rate * 10);
        long gapNanos = 1_000_000_000L / (rate / 2);
        long next = System.nanoTime();
        for (int i = 0; i < steady.size(); i++) {
            post(base, token, List.of(steady.get(i)), "STEADY-" + run + "-" + i);
            next += gapNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        awaitSubmits(steady, Duration.ofSeconds(60));
        List<Long> latencies = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, "")) {
            Map<String, Instant> opened = openedAt(db, steady);
            for (String p : steady) {
                latencies.add(Duration.between(opened.get(p), SUBMITS.get(p).get(0)).toMillis());
            }
        }
        latencies.sort(null);
        long p50 = latencies.get(latencies.size() / 2);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("under the limit (%d/s): %d warnings, opened → at the SMSC p50 %d ms, p99 %d ms, max %d ms%n",
                rate / 2, steady.size(), p50, p99, latencies.get(latencies.size() - 1));
        ok += p99 < 1000 ? 1 : 0;

        // 3. killed while submitting
        List<String> crash = phones(burst + rate * 10, burst / 2);
        post(base, token, crash, "CRASH-" + run);
        while (crash.stream().filter(SUBMITS::containsKey).count() < crash.size() / 4) {
            Thread.sleep(50);
        }
        server.destroyForcibly().waitFor();
        long atKill = crash.stream().filter(SUBMITS::containsKey).count();
        System.out.printf("crash: killed (SIGKILL) with %d of %d submitted%n", atKill, crash.size());
        server = KillTest.startWith(jar, port, jdbcUrl, jdbcUser, List.of(
                "--fanzha.contact.sms.rate-per-second=" + rate,
                "--fanzha.contact.sms.uncertain-after=20s",
                "--fanzha.contact.sms.sweep-interval=5s"), Map.of(
                "FANZHA_SMS_SMPP_HOST", "127.0.0.1",
                "FANZHA_SMS_SMPP_PORT", Integer.toString(smsc),
                "FANZHA_SMS_SMPP_SYSTEM_ID", "bench",
                "FANZHA_SMS_SMPP_PASSWORD", "bench"));
        // everything queued goes out; what was mid-submit becomes UNCERTAIN after uncertain-after
        Instant deadline = Instant.now().plusSeconds(crash.size() / rate + 90);
        Map<String, String> states = Map.of();
        try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, "")) {
            while (Instant.now().isBefore(deadline)) {
                states = smsStates(db, crash);
                if (states.size() == crash.size() && states.values().stream().noneMatch(s -> s.equals("QUEUED") || s.equals("SENDING"))) {
                    break;
                }
                Thread.sleep(1000);
            }
        }
        Map<String, String> finalStates = states;
        long crashTwice = crash.stream().filter(p -> SUBMITS.getOrDefault(p, List.of()).size() > 1).count();
        long uncertain = finalStates.values().stream().filter("UNCERTAIN"::equals).count();
        long lost = crash.stream()
                .filter(p -> !SUBMITS.containsKey(p) && !"UNCERTAIN".equals(finalStates.get(p)))
                .count();
        long noMessage = crash.stream().filter(p -> !finalStates.containsKey(p)).count();
        long uncertainArrived = crash.stream()
                .filter(p -> "UNCERTAIN".equals(finalStates.get(p)) && SUBMITS.containsKey(p))
                .count();
        System.out.printf("crash: %d warnings; at the SMSC once %d, twice %d; UNCERTAIN %d (of which at the SMSC %d); lost %d; without a message %d%n",
                crash.size(), crash.stream().filter(p -> SUBMITS.getOrDefault(p, List.of()).size() == 1).count(),
                crashTwice, uncertain, uncertainArrived, lost, noMessage);
        ok += crashTwice == 0 && lost == 0 && noMessage == 0 ? 1 : 0;
        server.destroy();
        server.waitFor();
        System.out.println(ok == 3 ? "PASS" : "FAIL (" + ok + " of 3)");
        System.exit(ok == 3 ? 0 : 1);
    }

    static List<String> phones(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add("1390" + String.format("%07d", i));
        }
        return out;
    }

    /** Leads in batches of up to 1,000: a loan fraud type, whose text is one part. */
    static void post(String base, String token, List<String> phones, String prefix) throws Exception {
        for (int from = 0; from < phones.size(); from += 1000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(phones.size(), from + 1000); i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"source\":\"TELECOM\",\"sourceId\":\"").append(prefix).append('-').append(i)
                        .append("\",\"phone\":\"").append(phones.get(i))
                        .append("\",\"divisionCode\":\"410105\",\"fraudType\":\"LOAN\"}");
            }
            body.append(']');
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads/batch"))
                            .timeout(Duration.ofSeconds(120))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("intake answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    static void awaitSubmits(List<String> phones, Duration atMost) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (Instant.now().isBefore(until) && !phones.stream().allMatch(SUBMITS::containsKey)) {
            Thread.sleep(200);
        }
        // a little longer: anything sent twice would arrive now
        Thread.sleep(2000);
    }

    static Map<String, Instant> openedAt(Connection db, List<String> phones) throws Exception {
        Map<String, Instant> out = new HashMap<>();
        try (var ps = db.prepareStatement("SELECT phone, opened_at FROM warning WHERE phone = ANY (?)")) {
            ps.setArray(1, db.createArrayOf("varchar", phones.toArray()));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
        return out;
    }

    static Map<String, String> smsStates(Connection db, List<String> phones) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (var ps = db.prepareStatement("SELECT recipient, state FROM sms_message WHERE purpose = 'WARNING' AND recipient = ANY (?)")) {
            ps.setArray(1, db.createArrayOf("varchar", phones.toArray()));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The SMSC: a real SMPP 3.4 server on loopback; it keeps the arrival time of every submit. */
    static int startSmsc() throws Exception {
        AtomicInteger port = new AtomicInteger();
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int p) throws java.io.IOException {
                return listen(p, 0, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout) throws java.io.IOException {
                return listen(p, timeout, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout, int backlog) throws java.io.IOException {
                ServerSocket socket = new ServerSocket(p, backlog, InetAddress.getLoopbackAddress());
                socket.setSoTimeout(timeout);
                port.set(socket.getLocalPort());
                return new ServerSocketConnection(socket);
            }
        };
        AtomicLong ids = new AtomicLong(0x100000);
        var server = new SMPPServerSessionListener(0, loopback);
        server.setMessageReceiverListener(new SubmitOnlySmsc() {
            @Override
            public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
                Instant at = Instant.now();
                ARRIVALS.add(at);
                SUBMITS.computeIfAbsent(submit.getDestAddress(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(at);
                try {
                    return new SubmitSmResult(new MessageId(Long.toHexString(ids.incrementAndGet())), new OptionalParameter[0]);
                } catch (org.jsmpp.PDUStringException e) {
                    throw new ProcessRequestException("id", SMPPConstant.STAT_ESME_RSYSERR);
                }
            }
        });
        Thread accept = new Thread(() -> {
            while (true) {
                try {
                    SMPPServerSession session = server.accept();
                    var bind = session.waitForBind(10_000);
                    if (bind.getBindType() == BindType.BIND_TRX) {
                        bind.accept("bench");
                    } else {
                        bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                    }
                } catch (Exception e) {
                    // the next bind
                }
            }
        }, "bench-smsc");
        accept.setDaemon(true);
        accept.start();
        return port.get();
    }
}
