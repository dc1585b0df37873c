package org.fanzha.contact.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Signatures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's simulated call centre, so that robot calls can be watched end to end without one: an
 * HTTP server on a free loopback port that takes the platform's signed call orders, "rings" for
 * a few seconds and posts a signed result back to {@code /api/v1/contact/voice-results}, as a real
 * call centre does, with the mix of outcomes such centres report (about half answered, one in
 * sixteen of those at risk; the rest unanswered, busy, hung up, a few failed). It runs only under
 * the demo profile, only when no call centre is configured, and with a secret of its own made at
 * start.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty(name = "fanzha.demo.call-centre", matchIfMissing = true)
class DemoCallCentre implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoCallCentre.class);

    private final VoiceCentre centre;
    private final JsonMapper json;
    private final boolean wanted;
    private final String secret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService calls = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-call-centre");
        t.setDaemon(true);
        return t;
    });
    private @Nullable HttpServer server;

    /** How long the simulated phones ring and talk, as a share of real time (tests speed it up). */
    private final double pace;

    DemoCallCentre(
            VoiceCentre centre,
            JsonMapper json,
            ContactProperties properties,
            @org.springframework.beans.factory.annotation.Value("${fanzha.demo.call-pace:1.0}") double pace) {
        this.centre = centre;
        this.json = json;
        this.pace = pace;
        this.wanted = !properties.voice().configured();
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.secret = HexFormat.of().formatHex(key);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!wanted || server != null || event.getApplicationContext().getParent() != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/calls", this::order);
            s.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "demo-call-centre-http");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            server = s;
            String callback = "http://127.0.0.1:" + event.getWebServer().getPort() + "/api/v1/contact/voice-results";
            centre.useDemo(new VoiceCentre.Target(
                    URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/calls"), secret, "96110", callback));
            log.info("Demo: simulated call centre on port {}", s.getAddress().getPort());
        } catch (IOException e) {
            log.warn("Demo: the simulated call centre could not start; robot calls go to operators", e);
        }
    }

    private void order(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())
                    || !Signatures.verify(
                            secret, body, exchange.getRequestHeaders().getFirst(Signatures.HEADER))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode order = json.readTree(body);
            String callId = order.path("callId").asString();
            String callback = order.path("callback").asString();
            Outcome outcome = Outcome.draw(ThreadLocalRandom.current().nextInt(100));
            long after = outcome.ringSeconds + ThreadLocalRandom.current().nextLong(2, 8);
            calls.schedule(
                    () -> report(callback, callId, outcome), (long) (after * 1000 * pace), TimeUnit.MILLISECONDS);
            exchange.sendResponseHeaders(202, -1);
        } catch (RuntimeException e) {
            log.warn("Demo call centre: an order could not be read", e);
        }
    }

    private void report(String callback, String callId, Outcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("callId", callId);
        result.put("result", outcome.name());
        result.put("durationSeconds", outcome.talk());
        if (!outcome.keys.isEmpty()) {
            result.put("keypresses", outcome.keys);
        }
        if (outcome.talk() > 0) {
            result.put("recordingRef", "demo://recordings/" + callId + ".wav");
        }
        String body = json.writeValueAsString(result);
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(callback))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header(Signatures.HEADER, Signatures.sign(secret, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                log.warn("Demo call centre: result for {} answered HTTP {}", callId, response.statusCode());
            }
        } catch (IOException e) {
            log.warn("Demo call centre: result for {} not delivered: {}", callId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outcomes, with their share in a hundred calls, how long the phone rings and is talked on. */
    enum Outcome {
        ANSWERED_SAFE(42, 8, 25, 60, "1"),
        ANSWERED_AT_RISK(6, 8, 30, 80, "2"),
        NO_ANSWER(28, 30, 0, 0, ""),
        BUSY(8, 2, 0, 0, ""),
        HUNG_UP(12, 8, 2, 10, ""),
        FAILED(4, 1, 0, 0, "");

        final int share;
        final int ringSeconds;
        final int minTalk;
        final int maxTalk;
        final String keys;

        Outcome(int share, int ringSeconds, int minTalk, int maxTalk, String keys) {
            this.share = share;
            this.ringSeconds = ringSeconds;
            this.minTalk = minTalk;
            this.maxTalk = maxTalk;
            this.keys = keys;
        }

        int talk() {
            return maxTalk == 0 ? 0 : ThreadLocalRandom.current().nextInt(minTalk, maxTalk + 1);
        }

        /** The outcome of a draw from 0 to 99. */
        static Outcome draw(int percent) {
            int sum = 0;
            for (Outcome o : values()) {
                sum += o.share;
                if (percent < sum) {
                    return o;
                }
            }
            return FAILED;
        }
    }

    @Override
    public void destroy() {
        HttpServer s = server;
        if (s != null) {
            s.stop(0);
        }
        calls.shutdownNow();
    }
}
