package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bank's webhook receives each request sent to the bank, signed, retried until the bank takes it; other banks' requests never. */
@IntegrationTest
class BankWebhookTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    HttpServer bank;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> signatures = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startBank() throws Exception {
        bank = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bank.createContext("/requests", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Fanzha-Signature"));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        bank.start();
    }

    @AfterEach
    void stopBank() {
        bank.stop(0);
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    long stop(String toBank) throws Exception {
        long caseId = json.readTree(mvc.perform(
                                post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"100\",\"occurredAt\":\"2021-06-01T20:00:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        return json.readTree(mvc.perform(post("/api/v1/funds/stop-payments")
                                .header("Authorization", api.bearer("jinshui"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","toAccount":"%s","toBank":"%s","amount":"1000"}]}""".formatted(caseId, StopPaymentTest.account(), toBank)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("requests")
                .get(0)
                .get("id")
                .asLong();
    }

    @Test
    void eachRequestSentToTheBankIsPostedSignedAndRetriedUntilTaken() throws Exception {
        String token = "Bearer "
                + json.readTree(mvc.perform(
                                        post("/api/v1/tokens")
                                                .header("Authorization", api.bearer("admin"))
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .content(
                                                        "{\"name\":\"工商银行河南分行\",\"permissions\":[\"funds:respond\"],\"bank\":\"ICBC\"}"))
                                .andExpect(status().isCreated())
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        mvc.perform(get("/api/v1/funds/webhook").header("Authorization", token)).andExpect(status().isNotFound());
        for (String bad : new String[] {"ftp://bank.example/x", "http://user:pw@bank.example/x", "not a url", ""}) {
            mvc.perform(put("/api/v1/funds/webhook")
                            .header("Authorization", token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(java.util.Map.of("url", bad))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("url"));
        }
        mvc.perform(put("/api/v1/funds/webhook")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"https://example.org/hook\"}"))
                .andExpect(status().isForbidden());
        String url = "http://127.0.0.1:" + bank.getAddress().getPort() + "/requests";
        String secret = json.readTree(mvc.perform(put("/api/v1/funds/webhook")
                                .header("Authorization", token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"url\":\"" + url + "\"}"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.bank").value("ICBC"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("secret")
                .asText();

        long toIcbc = stop("中国工商银行");
        long toCcb = stop("中国建设银行");
        String state =
                "SELECT d.status FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.fund_request_id = ? AND w.url = ?";
        assertThat(jdbc.queryForList(state, String.class, toIcbc, url)).containsExactly("PENDING");
        assertThat(jdbc.queryForList(state, String.class, toCcb, url)).isEmpty();

        Object webhooks = context.getBean(Class.forName("org.fanzha.warning.internal.Webhooks"));
        Method deliverDue = webhooks.getClass().getDeclaredMethod("deliverDue");
        deliverDue.setAccessible(true);
        deliverDue.invoke(webhooks);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(jdbc.queryForList(state, String.class, toIcbc, url)).containsExactly("PENDING");
        jdbc.update(
                "UPDATE webhook_delivery SET next_attempt_at = next_attempt_at - INTERVAL '1' HOUR WHERE fund_request_id = ?",
                toIcbc);
        deliverDue.invoke(webhooks);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(jdbc.queryForList(state, String.class, toIcbc, url)).containsExactly("DELIVERED");
        JsonNode body = json.readTree(bodies.get(1));
        assertThat(body.get("event").asText()).isEqualTo("FUND_REQUEST");
        assertThat(body.get("requestId").asLong()).isEqualTo(toIcbc);
        assertThat(body.get("kind").asText()).isEqualTo("STOP_PAYMENT");
        assertThat(body.get("bank").asText()).isEqualTo("ICBC");
        assertThat(body.get("amount").asText()).isEqualTo("1000.00");
        assertThat(signatures.get(1)).isEqualTo("sha256=" + hmac(secret, bodies.get(1)));

        mvc.perform(get("/api/v1/funds/webhook").header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value(url))
                .andExpect(jsonPath("$.secret").doesNotExist());
        mvc.perform(delete("/api/v1/funds/webhook").header("Authorization", token))
                .andExpect(status().isNoContent());
        String tokenId = jdbc.queryForObject(
                "SELECT entity_id FROM audit_record WHERE entity = 'webhook' AND detail = ?",
                String.class,
                "webhook registered: " + url);
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_record WHERE entity = 'webhook' AND entity_id = ? ORDER BY seq",
                        String.class,
                        tokenId))
                .containsExactly("UPDATE", "DELETE");
        stop("ICBC");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE w.url = ?",
                        Integer.class,
                        url))
                .isZero();
    }
}
