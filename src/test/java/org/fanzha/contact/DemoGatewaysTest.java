package org.fanzha.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without an SMSC or a call centre configured, the demo's simulated ones take the platform's
 * bind and submits, and its signed call orders, and answer as real ones do (receipts; signed
 * results posted back), so the plans can be watched end to end.
 */
@IntegrationTest
@org.springframework.test.context.TestPropertySource(
        properties = {"fanzha.demo.smsc=true", "fanzha.demo.call-centre=true", "fanzha.demo.call-pace=0.05"})
class DemoGatewaysTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWarningTextIsSubmittedToTheDemoSmscAndItsReceiptComesBack() throws Exception {
        String phone = "1360371" + String.format("%04d", (int) (System.nanoTime() % 10000));
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"source":"NATIONAL_CENTRE","sourceId":"DEMO-SMSC-%d","phone":"%s","divisionCode":"410105","fraudType":"LOAN"}""".formatted(System.nanoTime(), phone)))
                .andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT state FROM sms_message WHERE recipient = ?")
                        .param(phone)
                        .query(String.class)
                        .optional()
                        .filter(s -> s.equals("DELIVERED") || s.equals("FAILED"))
                        .isPresent());
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM sms_part p JOIN sms_message m ON m.id = p.sms_id WHERE m.recipient = ?")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void aRobotCallIsOrderedFromTheDemoCallCentreWhichPostsASignedResultBack() throws Exception {
        String phone = "1360372" + String.format("%04d", (int) (System.nanoTime() % 10000));
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"source":"NATIONAL_CENTRE","sourceId":"DEMO-CALL-%d","phone":"%s","divisionCode":"410105","fraudType":"IMPERSONATE_POLICE"}""".formatted(System.nanoTime(), phone)))
                .andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT state FROM voice_call WHERE callee = ?")
                        .param(phone)
                        .query(String.class)
                        .optional()
                        .filter(s -> s.equals("ENDED"))
                        .isPresent());
        String result = jdbc.sql("SELECT result FROM voice_call WHERE callee = ?")
                .param(phone)
                .query(String.class)
                .single();
        assertThat(result).isIn("ANSWERED_SAFE", "ANSWERED_AT_RISK", "NO_ANSWER", "BUSY", "HUNG_UP", "FAILED");
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM warning_event e JOIN voice_call c ON c.warning_id = e.warning_id
                        WHERE c.callee = ? AND e.method = 'ROBOT_CALL' AND e.result = ?""").params(phone, result).query(Long.class).single())
                .isOne();
    }
}
