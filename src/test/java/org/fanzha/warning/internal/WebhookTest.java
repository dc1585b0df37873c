package org.fanzha.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A partner's webhook receives the outcome of its lead, signed, and a failed delivery is retried until it is taken. */
@IntegrationTest
class WebhookTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Webhooks webhooks;

    HttpServer partner;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> signatures = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startPartner() throws Exception {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Fanzha-Signature"));
            int status = calls.incrementAndGet() == 1 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        partner.start();
    }

    @AfterEach
    void stopPartner() {
        partner.stop(0);
    }

    @Test
    void theOutcomeIsPostedSignedAndRetriedUntilTaken() throws Exception {
        String created = mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"移动河南\",\"permissions\":[\"leads:submit\"],\"sources\":[\"TELECOM\"]}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String token = "Bearer " + json.readTree(created).get("token").asText();
        String url = "http://127.0.0.1:" + partner.getAddress().getPort() + "/hook";
        String secret = json.readTree(mvc.perform(put("/api/v1/leads/webhook")
                                .header("Authorization", token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"url\":\"" + url + "\"}"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.sources[0]").value("TELECOM"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("secret")
                .asText();

        // another partner of the same source hears nothing of this partner's leads
        String other = "Bearer "
                + json.readTree(mvc.perform(post("/api/v1/tokens")
                                        .header("Authorization", api.bearer("admin"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"name\":\"另一运营商-" + System.nanoTime()
                                                + "\",\"permissions\":[\"leads:submit\"],\"sources\":[\"TELECOM\"]}"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        mvc.perform(put("/api/v1/leads/webhook")
                        .header("Authorization", other)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"" + url + "-other\"}"))
                .andExpect(status().isOk());

        String sourceId = "CMCC-" + System.nanoTime();
        long warning = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"source\":\"TELECOM\",\"sourceId\":\"" + sourceId
                                        + "\",\"phone\":\"13937909101\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        api.warningAction("duty", warning, "acknowledge", "{}");
        api.warningAction("duty", warning, "close", "{\"outcome\":\"DISSUADED\"}")
                .andExpect(status().isOk());

        String byLead = "SELECT d.status FROM webhook_delivery d JOIN lead l ON l.id = d.lead_id WHERE l.source_id = ?";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !jdbc.sql(byLead)
                        .param(sourceId)
                        .query(String.class)
                        .list()
                        .isEmpty());

        webhooks.deliverDue();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(jdbc.sql(byLead).param(sourceId).query(String.class).single())
                .isEqualTo("PENDING");

        jdbc.sql(
                        "UPDATE webhook_delivery SET next_attempt_at = next_attempt_at - INTERVAL '1' HOUR WHERE status = 'PENDING'")
                .update();
        webhooks.deliverDue();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(jdbc.sql(byLead).param(sourceId).query(String.class).single())
                .isEqualTo("DELIVERED");

        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM webhook_delivery d JOIN lead l ON l.id = d.lead_id WHERE l.source_id = ?")
                        .param(sourceId)
                        .query(Long.class)
                        .single())
                .as("one delivery, to the submitting partner only")
                .isEqualTo(1);
        var body = json.readTree(bodies.get(1));
        assertThat(body.get("sourceId").asText()).isEqualTo(sourceId);
        assertThat(body.get("outcome").asText()).isEqualTo("DISSUADED");
        assertThat(signatures.get(1)).isEqualTo(org.fanzha.platform.Signatures.sign(secret, bodies.get(1)));
    }

    @Test
    void onlyPartnersRegisterWebhooksAndOnlyForHttpUrls() throws Exception {
        mvc.perform(put("/api/v1/leads/webhook")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"https://example.org/hook\"}"))
                .andExpect(status().isForbidden());
        String created = mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"permissions\":[\"leads:submit\"],\"sources\":[\"BANK\"]}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String token = "Bearer " + json.readTree(created).get("token").asText();
        for (String bad : List.of(
                "file:///etc/passwd",
                "ftp://x/y",
                "http://user:pw@host/x",
                "not a url",
                "",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3:8080/hook",
                "http://127.0.0.2/hook",
                "http://[::1]/hook",
                "https://no-such-host.invalid/hook")) {
            mvc.perform(put("/api/v1/leads/webhook")
                            .header("Authorization", token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(java.util.Map.of("url", bad))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("url"));
        }
    }

    @Test
    void retryDelaysGrowToAnHour() {
        assertThat(Webhooks.delay(1)).hasSeconds(10);
        assertThat(Webhooks.delay(2)).hasSeconds(20);
        assertThat(Webhooks.delay(30)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void webhooksGoToPublicAddressesOnlyUnlessANetworkIsAllowed() {
        WebhookTargets none = new WebhookTargets(List.of());
        for (String inward : List.of(
                "127.0.0.1",
                "10.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "[::1]",
                "[fd00::1]",
                "[fe80::1]")) {
            assertThat(none.refusal(inward)).as(inward).contains("internal address");
        }
        assertThat(none.refusal("8.8.8.8")).isNull();
        assertThat(none.refusal("[2001:4860:4860::8888]")).isNull();
        assertThat(none.refusal("no-such-host.invalid")).contains("does not resolve");
        WebhookTargets leased = new WebhookTargets(List.of("10.20.0.0/16"));
        assertThat(leased.refusal("10.20.3.4")).isNull();
        assertThat(leased.refusal("10.21.3.4")).isNotNull();
    }
}
