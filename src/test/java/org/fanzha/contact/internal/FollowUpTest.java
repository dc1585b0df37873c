package org.fanzha.contact.internal;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Repeat targets are graded a level higher; the warned are followed up at days 3, 14 and 30 against recovery scams. */
@IntegrationTest
class FollowUpTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    FollowUps followUps;

    JsonNode lead(String phone, String extra) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"source":"NATIONAL_CENTRE","sourceId":"REPEAT-%d","phone":"%s","divisionCode":"410105","fraudType":"LOAN"%s}""".formatted(System.nanoTime(), phone, extra)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    void close(long warning, String outcome) throws Exception {
        api.warningAction("duty", warning, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("duty", warning, "close", "{\"outcome\":\"" + outcome + "\"}")
                .andExpect(status().isOk());
    }

    String rule(long warning) {
        return jdbc.sql("SELECT urgency || ' ' || urgency_rule FROM warning WHERE id = ?")
                .param(warning)
                .query(String.class)
                .single();
    }

    @Test
    void aPersonDissuadedBeforeIsGradedALevelHigherByPhoneOrIdNumberAlsoInBulk() throws Exception {
        String phone = "13703719901";
        long first = lead(phone, ",\"idNumber\":\"410105199001011233\"")
                .get("warningId")
                .asLong();
        assertThat(rule(first)).startsWith("YELLOW ");
        close(first, "DISSUADED");

        JsonNode again = lead(phone, "");
        assertThat(again.get("warningId").asLong()).isNotEqualTo(first);
        assertThat(rule(again.get("warningId").asLong())).isEqualTo("ORANGE repeat-target");

        // the same person under another number, known by the ID number
        JsonNode byId = lead("13703719902", ",\"idNumber\":\"410105199001011233\"");
        assertThat(rule(byId.get("warningId").asLong())).isEqualTo("ORANGE repeat-target");

        // bulk intake grades the same way
        String batch = """
                [{"source":"NATIONAL_CENTRE","sourceId":"REPEAT-B-%d","phone":"%s","divisionCode":"410105","fraudType":"LOAN"},
                 {"source":"NATIONAL_CENTRE","sourceId":"REPEAT-C-%d","phone":"13703719909","divisionCode":"410105","fraudType":"LOAN"}]""".formatted(System.nanoTime(), phone, System.nanoTime());
        close(again.get("warningId").asLong(), "FALSE_ALARM");
        JsonNode rows = json.readTree(mvc.perform(post("/api/v1/leads/batch")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(batch))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("rows");
        assertThat(rule(rows.get(0).at("/accepted/warningId").asLong())).isEqualTo("ORANGE repeat-target");
        assertThat(rule(rows.get(1).at("/accepted/warningId").asLong()))
                .startsWith("YELLOW ")
                .doesNotContain("repeat");

        // a false alarm makes nobody a repeat target
        String other = "13703719903";
        close(lead(other, "").get("warningId").asLong(), "FALSE_ALARM");
        assertThat(rule(lead(other, "").get("warningId").asLong()))
                .startsWith("YELLOW ")
                .doesNotContain("repeat");
    }

    @Test
    void theWarnedAreFollowedUpAtDays3And14And30WithTheRecoveryScamTextAndACall() throws Exception {
        String phone = "13703719911";
        long w = lead(phone, "").get("warningId").asLong();
        close(w, "ALREADY_DEFRAUDED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM contact_follow_up WHERE warning_id = ?")
                                .param(w)
                                .query(Long.class)
                                .single()
                        == 3);
        assertThat(jdbc.sql("""
                        SELECT f.round FROM contact_follow_up f JOIN warning w ON w.id = f.warning_id
                        WHERE f.warning_id = ? ORDER BY f.due_at""").param(w).query(Integer.class).list()).containsExactly(1, 2, 3);
        long days = jdbc.sql("SELECT due_at FROM contact_follow_up WHERE warning_id = ? AND round = 3")
                        .param(w)
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant()
                        .getEpochSecond()
                - java.time.Instant.now().getEpochSecond();
        assertThat(days).isBetween(30L * 86_400 - 600, 30L * 86_400 + 600);

        // the first one comes due
        jdbc.sql("UPDATE contact_follow_up SET due_at = CURRENT_TIMESTAMP WHERE warning_id = ? AND round = 1")
                .param(w)
                .update();
        followUps.run();
        assertThat(jdbc.sql("SELECT state FROM contact_follow_up WHERE warning_id = ? ORDER BY round")
                        .param(w)
                        .query(String.class)
                        .list())
                .containsExactly("DONE", "PENDING", "PENDING");
        String text = jdbc.sql(
                        "SELECT template || ' ' || body FROM sms_message WHERE warning_id = ? AND purpose = 'FOLLOW_UP'")
                .param(w)
                .query(String.class)
                .single();
        assertThat(text).startsWith("sms/FOLLOW_UP@").contains("追回", "手续费", "96110");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM hotline_task WHERE warning_id = ? AND kind = 'FOLLOW_UP' AND state = 'OPEN'")
                                .param(w)
                                .query(Long.class)
                                .single()
                        == 1);
        // run again: nothing twice
        followUps.run();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE warning_id = ? AND purpose = 'FOLLOW_UP'")
                        .param(w)
                        .query(Long.class)
                        .single())
                .isOne();
    }
}
