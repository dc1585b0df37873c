package org.fanzha.warning.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Signatures;
import org.fanzha.platform.Source;
import org.fanzha.warning.WarningClosed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * 预警反馈 by webhook. When a warning closes, each lead in it from a source that a partner's
 * webhook speaks for gets a delivery: a JSON POST signed with HMAC-SHA256 of the body under the
 * webhook's secret ({@code X-Fanzha-Signature: sha256=<hex>}). A delivery is retried, with
 * delays growing to an hour, until the partner answers 2xx; deliveries are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so with several instances each goes out once at a time.
 */
@Component
class Webhooks implements org.fanzha.warning.PartnerWebhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final int BATCH = 50;
    static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Webhook(long id, long tokenId, String url, List<Source> sources) {}

    private final JdbcClient jdbc;
    private final WarningStore store;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final org.fanzha.audit.AuditLog audit;
    private final WebhookTargets targets;

    Webhooks(
            JdbcClient jdbc,
            WarningStore store,
            TransactionTemplate tx,
            JsonMapper json,
            Clock clock,
            org.fanzha.audit.AuditLog audit,
            WebhookTargets targets) {
        this.targets = targets;
        this.audit = audit;
        this.jdbc = jdbc;
        this.store = store;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String register(Actor partner, String url) {
        validate(url);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sources = String.join(
                ",", partner.sources().stream().map(Source::name).sorted().toList());
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM webhook WHERE token_id = ?")
                    .param(partner.id())
                    .update();
            jdbc.sql("INSERT INTO webhook (token_id, url, secret, sources, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(partner.id(), url, secret, sources, WarningStore.ts(clock.instant()))
                    .update();
            audit.record("UPDATE", "webhook", Long.toString(partner.id()), "webhook registered: " + url);
        });
        return secret;
    }

    /** An http(s) URL with a host, without credentials, at most 500 characters, to a public address. */
    void validate(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new org.fanzha.platform.InvalidInput("url", "error.httpUrl", null);
        }
        if (url.length() > 500
                || uri.getHost() == null
                || uri.getUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new org.fanzha.platform.InvalidInput("url", "error.webhookUrl", null);
        }
        String refusal = targets.refusal(uri.getHost());
        if (refusal != null) {
            throw new org.fanzha.platform.InvalidInput("url", refusal, null);
        }
    }

    @Override
    public Optional<String> urlOf(Actor partner) {
        return of(partner).map(Webhook::url);
    }

    @Override
    public int queueForBank(String bankCode, long fundRequestId, Map<String, Object> payload) {
        Instant now = clock.instant();
        List<Long> hooks = jdbc.sql("""
                SELECT w.id FROM webhook w JOIN api_token t ON t.id = w.token_id
                WHERE t.bank_code = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
                """)
                .params(bankCode, WarningStore.ts(now))
                .query(Long.class)
                .list();
        for (long hook : hooks) {
            jdbc.sql("""
                    INSERT INTO webhook_delivery (webhook_id, fund_request_id, payload, status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'PENDING', 0, ?, ?)
                    """)
                    .params(
                            hook,
                            fundRequestId,
                            json.writeValueAsString(payload),
                            WarningStore.ts(now),
                            WarningStore.ts(now))
                    .update();
        }
        return hooks.size();
    }

    Optional<Webhook> of(Actor partner) {
        return jdbc.sql("SELECT id, token_id, url, sources FROM webhook WHERE token_id = ?")
                .param(partner.id())
                .query((rs, i) -> new Webhook(rs.getLong(1), rs.getLong(2), rs.getString(3), sources(rs.getString(4))))
                .optional();
    }

    @Override
    public void remove(Actor partner) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM webhook WHERE token_id = ?")
                    .param(partner.id())
                    .update();
            audit.record("DELETE", "webhook", Long.toString(partner.id()), "webhook removed");
        });
    }

    /** Queues the deliveries of a closed warning, after its transaction committed. */
    @ApplicationModuleListener
    public void on(WarningClosed closed) {
        // each partner hears of the leads it submitted itself, never of another's with the same source
        Map<Long, String> owners = new java.util.HashMap<>();
        List<Webhook> hooks = jdbc.sql("""
                SELECT w.id, w.token_id, w.url, w.sources, t.name FROM webhook w JOIN api_token t ON t.id = w.token_id
                WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
                """)
                .param(WarningStore.ts(clock.instant()))
                .query((rs, i) -> {
                    owners.put(rs.getLong(1), "partner:" + rs.getString(5));
                    return new Webhook(rs.getLong(1), rs.getLong(2), rs.getString(3), sources(rs.getString(4)));
                })
                .list();
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (var lead : store.leads(closed.warningId())) {
            for (Webhook hook : hooks) {
                if (!hook.sources().contains(Source.valueOf(lead.source()))
                        || !lead.enteredBy().equals(owners.get(hook.id()))) {
                    continue;
                }
                var payload = Map.of(
                        "event", "LEAD_OUTCOME",
                        "source", lead.source(),
                        "sourceId", lead.sourceId(),
                        "leadId", lead.id(),
                        "warningId", closed.warningId(),
                        "outcome", closed.outcome().name(),
                        "unitCode", closed.unitCode(),
                        "closedAt", closed.closedAt().toString());
                jdbc.sql("""
                        INSERT INTO webhook_delivery (webhook_id, lead_id, payload, status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, 'PENDING', 0, ?, ?)
                        """)
                        .params(
                                hook.id(),
                                lead.id(),
                                json.writeValueAsString(payload),
                                WarningStore.ts(now),
                                WarningStore.ts(now))
                        .update();
            }
        }
    }

    @Scheduled(
            fixedDelayString = "${fanzha.warning.webhook-interval:5s}",
            initialDelayString = "${fanzha.warning.webhook-interval:5s}")
    void tick() {
        try {
            while (deliverDue() == BATCH) {
                // next batch
            }
        } catch (RuntimeException e) {
            log.warn("Webhook round failed; the next round retries: {}", e.getMessage());
        }
    }

    private record Due(long id, String url, String secret, String payload, int attempts) {}

    /** Sends up to {@link #BATCH} due deliveries; returns how many were tried. */
    int deliverDue() {
        Integer n = tx.execute(status -> {
            Instant now = clock.instant();
            record Claimed(long id, long webhookId, String payload, int attempts) {}
            List<Claimed> claimed = jdbc.sql("""
                    SELECT id, webhook_id, payload, attempts FROM webhook_delivery
                    WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED
                    """)
                    .params(WarningStore.ts(now), BATCH)
                    .query((rs, i) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
                    .list();
            List<Due> due = claimed.stream()
                    .map(c -> jdbc.sql("SELECT url, secret FROM webhook WHERE id = ?")
                            .param(c.webhookId())
                            .query((rs, i) ->
                                    new Due(c.id(), rs.getString(1), rs.getString(2), c.payload(), c.attempts()))
                            .single())
                    .toList();
            for (Due d : due) {
                String error = send(d);
                if (error == null) {
                    jdbc.sql(
                                    "UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?")
                            .params(d.attempts() + 1, WarningStore.ts(clock.instant()), d.id())
                            .update();
                } else {
                    jdbc.sql(
                                    "UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                            .params(
                                    d.attempts() + 1,
                                    WarningStore.ts(clock.instant().plus(delay(d.attempts() + 1))),
                                    error.length() > 500 ? error.substring(0, 500) : error,
                                    d.id())
                            .update();
                }
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }

    /** 10 s, 20 s, 40 s … up to an hour between attempts. */
    static Duration delay(int attempts) {
        Duration d = Duration.ofSeconds(10L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private String send(Due d) {
        try {
            String refusal = targets.refusal(URI.create(d.url()).getHost());
            if (refusal != null) {
                return refusal;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(Signatures.HEADER, Signatures.sign(d.secret(), d.payload()))
                    .header("X-Fanzha-Delivery", Long.toString(d.id()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<Source> sources(String text) {
        return Arrays.stream(text.split(","))
                .filter(s -> !s.isBlank())
                .map(Source::valueOf)
                .toList();
    }
}
