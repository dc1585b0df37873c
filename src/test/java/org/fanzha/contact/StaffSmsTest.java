package org.fanzha.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The officers on duty hear of a new red warning by SMS as well as in the app, once per burst. */
@IntegrationTest
class StaffSmsTest {

    /** 信阳市浉河区: no other test files warnings there. */
    static final String UNIT = "411502";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    long redWarning(String phone) throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"STAFF-SMS-%d","phone":"%s","divisionCode":"%s","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":12}]}""".formatted(System.nanoTime(), phone, UNIT);
        var answer = json.readTree(mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(answer.get("urgency").asString()).isEqualTo("RED");
        assertThat(answer.get("unitCode").asString()).isEqualTo(UNIT);
        return answer.get("warningId").asLong();
    }

    List<String> texts(String phone) {
        return jdbc.sql(
                        "SELECT template || ' ' || body FROM sms_message WHERE recipient = ? AND purpose = 'STAFF' ORDER BY id")
                .param(phone)
                .query(String.class)
                .list();
    }

    @Test
    void aNewRedWarningIsTextedToTheOfficersOnDutyOncePerBurst() throws Exception {
        String officerPhone = "13803760001";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"shihe-duty","displayName":"浉河分局值班民警","unitCode":"%s","roles":["OFFICER"],"phone":"%s","password":"river-night-watch-1"}""".formatted(UNIT, officerPhone)))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"shihe-nophone","displayName":"浉河分局民警","unitCode":"%s","roles":["OFFICER"],"password":"river-night-watch-2"}""".formatted(UNIT)))
                .andExpect(status().isCreated());

        long first = redWarning("13903760011");
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(officerPhone).size() == 1);
        String text = texts(officerPhone).get(0);
        assertThat(text)
                .startsWith("staff/RED_WARNING 【河南省公安厅反诈中心】红色预警：红色预警 " + first)
                .endsWith("请尽快登录反诈平台处理。")
                .doesNotContain("13903760011", "http", "{");
        // the in-app notice is there too, for both officers
        assertThat(jdbc.sql("SELECT recipients FROM notice WHERE subject = ? AND kind = 'RED_WARNING'")
                        .param("warning " + first)
                        .query(String.class)
                        .single())
                .contains("shihe-duty", "shihe-nophone");

        // a second red warning minutes later is in the app, not another text
        long second = redWarning("13903760012");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM notice WHERE subject = ?")
                                .param("warning " + second)
                                .query(Long.class)
                                .single()
                        == 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> texts(officerPhone).size() == 1);
    }
}
