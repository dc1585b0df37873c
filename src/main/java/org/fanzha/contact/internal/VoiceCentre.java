package org.fanzha.contact.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Signatures;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP adapter of the call-centre platform that places robot calls. A call order is a JSON
 * body posted to the configured URL and signed with the shared secret ({@code X-Fanzha-Signature:
 * sha256=<hex>}); it carries the call id, which the call centre echoes in its result and uses to
 * place one call however often the order arrives:
 *
 * <pre>{"callId":"fz-…","callee":"13703710001","callerId":"96110","purpose":"WARNING",
 *  "script":{"id":"LOAN","version":3,"text":"您好，这里是…"},"callback":"https://…/api/v1/contact/voice-results"}</pre>
 *
 * A 2xx (or 409, an order it already has) means taken; another 4xx refused for good; a 429, a
 * 5xx or no connection means try again later. Without a configured URL the demo profile points
 * this at its simulated call centre ({@link DemoCallCentre}); otherwise robot calls are not tried.
 */
@Component
class VoiceCentre {

    /** Where orders go, the secret both sides sign with, and where results are to be posted. */
    record Target(URI orders, String secret, String callerId, String callback) {}

    /** What posting an order came to. */
    sealed interface Outcome {}

    record Taken() implements Outcome {}

    record Refused(String reason) implements Outcome {}

    record Unreachable(String reason) implements Outcome {}

    private final ContactProperties.Voice settings;
    private final JsonMapper json;
    private final HttpClient http;
    private volatile @Nullable Target target;

    VoiceCentre(ContactProperties properties, JsonMapper json) {
        this.settings = properties.voice();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.orderTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String url = settings.url();
        if (url != null && !url.isBlank()) {
            this.target =
                    new Target(URI.create(url.strip()), settings.secret(), settings.callerId(), settings.callbackUrl());
        }
    }

    /** The call centre in use, if there is one. */
    @Nullable
    Target target() {
        return target;
    }

    /** The demo's simulated call centre, used only when none is configured. */
    void useDemo(Target demo) {
        if (!settings.configured()) {
            this.target = demo;
        }
    }

    boolean available() {
        return target != null;
    }

    /** The order's body, as signed and posted. */
    String orderBody(VoiceCalls.Call call, Target to) {
        Map<String, Object> script = new LinkedHashMap<>();
        script.put("id", call.scriptTopic());
        script.put("version", call.scriptVersion());
        script.put("text", call.scriptText());
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("callId", call.callId());
        order.put("callee", call.callee());
        order.put("callerId", to.callerId());
        order.put("purpose", call.purpose());
        order.put("script", script);
        if (!to.callback().isBlank()) {
            order.put("callback", to.callback());
        }
        return json.writeValueAsString(order);
    }

    /** Posts the call's order to the call centre in use. */
    Outcome order(VoiceCalls.Call call) {
        Target to = target;
        if (to == null) {
            return new Unreachable("no call centre");
        }
        String body = orderBody(call, to);
        HttpRequest request = HttpRequest.newBuilder(to.orders())
                .timeout(settings.orderTimeout())
                .header("Content-Type", "application/json")
                .header(Signatures.HEADER, Signatures.sign(to.secret(), body))
                .header("X-Fanzha-Call-Id", call.callId())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 409) {
                return new Taken();
            }
            String reason = "HTTP " + status + first(response.body());
            return status >= 400 && status < 500 && status != 429 && status != 408
                    ? new Refused(reason)
                    : new Unreachable(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        } catch (IOException | RuntimeException e) {
            return new Unreachable(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static String first(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return " " + (line.length() > 120 ? line.substring(0, 120) : line);
    }
}
