package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.contact.Gateways;
import org.fanzha.contact.GatewaysTest;
import org.fanzha.contact.TestSmsc;
import org.fanzha.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A public reporter is told by SMS, over the real SMPP bind, that their report was received and,
 * once the desk's one click went out, that the banks were told to stop the payments — from the
 * service number, naming the receipt, with no link.
 */
@GatewaysTest
class ReporterSmsTest {

    static final TestSmsc SMSC = Gateways.SMSC;
    static final AtomicLong next = new AtomicLong(System.nanoTime() % 10_000);

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    String body(String template, String receipt) {
        return jdbc.sql("SELECT body FROM sms_message WHERE purpose = 'REPORT' AND template = ? AND body LIKE ?")
                .params(template, "%" + receipt + "%")
                .query(String.class)
                .optional()
                .orElse("");
    }

    @Test
    void theReporterIsToldTheReportCameAndThatTheStopWentOut() throws Exception {
        String phone = "1370373" + String.format("%04d", next.incrementAndGet() % 10_000);
        String when = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(15)
                .withNano(0)
                .toString();
        // SMS is configured: the phone is proven by a code texted to it
        mvc.perform(post("/api/v1/public/reports/codes")
                        .with(r -> {
                            r.setRemoteAddr("192.0.2.250");
                            return r;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\"}"))
                .andExpect(status().isAccepted());
        String code = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql(
                                        "SELECT body FROM sms_message WHERE purpose = 'REPORT' AND template = 'report/CODE' AND recipient = ?")
                                .param(phone)
                                .query(String.class)
                                .optional()
                                .map(b -> b.replaceAll(".*验证码是 (\\d{6}).*", "$1"))
                                .orElse(""),
                        c -> c.matches("\\d{6}"));
        String report = """
                {"reporterPhone":"%s","victim":true,"code":"%s","transfers":[{"time":"%s","toAccount":"62170000%011d","toBank":"建设银行","amount":"800"}]}""";
        long account = next.incrementAndGet();
        String wrong = code.equals("000000") ? "111111" : "000000";
        mvc.perform(post("/api/v1/public/reports")
                        .with(r -> {
                            r.setRemoteAddr("192.0.2.250");
                            return r;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(report.formatted(phone, wrong, when, account)))
                .andExpect(status().isBadRequest())
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors[0].field")
                                .value("code"));
        String receipt = json.readTree(mvc.perform(post("/api/v1/public/reports")
                                .with(r -> {
                                    r.setRemoteAddr("192.0.2.250");
                                    return r;
                                })
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(report.formatted(phone, code, when, account)))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("receipt")
                .asString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(body("report/RECEIVED", receipt))
                    .contains("已收到", "96110")
                    .doesNotContain("http");
            assertThat(jdbc.sql(
                                    "SELECT state FROM sms_message WHERE purpose = 'REPORT' AND template = 'report/RECEIVED' AND body LIKE ?")
                            .param("%" + receipt + "%")
                            .query(String.class)
                            .single())
                    .isIn("SUBMITTED", "DELIVERED");
        });
        // a code is used once
        mvc.perform(post("/api/v1/public/reports")
                        .with(r -> {
                            r.setRemoteAddr("192.0.2.250");
                            return r;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(report.formatted(phone, code, when, account + 1)))
                .andExpect(status().isBadRequest());
        assertThat(SMSC.submitsTo(phone))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.source()).isEqualTo("96110"));
        // the desk's click (the report's lead first)
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT lead_id FROM public_report WHERE receipt = ?")
                        .param(receipt)
                        .query(Long.class)
                        .optional()
                        .isPresent());
        long request = json.readTree(mvc.perform(post("/api/v1/reports/" + receipt + "/stop-payments")
                                .header("Authorization", api.bearer("duty")))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .at("/requests/0/requestId")
                .asLong();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(body("report/STOP_SENT", receipt)).contains("止付"));
        // the bank holds the money: the reporter is told that too, once
        mvc.perform(post("/api/v1/funds/requests/" + request + "/response")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"STOPPED\",\"heldAmount\":\"800\"}"))
                .andExpect(status().isOk());
        news.follow();
        news.follow();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(body("report/HELD", receipt)).contains("冻结", "96110"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE template = 'report/HELD' AND body LIKE ?")
                        .param("%" + receipt + "%")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.fanzha.reports.internal.ReportNews news;
}
