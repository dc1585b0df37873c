package org.fanzha.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fanzha.testing.Api;
import org.fanzha.testing.Concurrently;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class EscalationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Escalation escalation;

    static int next = 5000;

    long warningIn(String divisionCode) throws Exception {
        String body = """
                {"source":"POLICE","sourceId":"ESC-%d","phone":"1370371%04d","divisionCode":"%s",
                 "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":3}]}""".formatted(System.nanoTime(), next++, divisionCode);
        String ack = mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(ack).get("warningId").asLong();
    }

    void overdue(long id) {
        jdbc.sql("UPDATE warning SET acknowledge_due = acknowledge_due - INTERVAL '1' HOUR WHERE id = ?")
                .param(id)
                .update();
    }

    String unitOf(long id) {
        return jdbc.sql("SELECT unit_code FROM warning WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void aRedWarningNotAcknowledgedInTimeEscalatesToTheParentUnitOnceAndItIsTold() throws Exception {
        long id = warningIn("410105");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM notice WHERE unit_code = '410105' AND kind = 'RED_WARNING' AND subject = ?")
                        .param("warning " + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        escalation.escalateDue();
        assertThat(unitOf(id)).isEqualTo("410105");

        overdue(id);
        escalation.escalateDue();
        escalation.escalateDue();
        assertThat(unitOf(id)).isEqualTo("4101");
        assertThat(jdbc.sql("SELECT escalations FROM warning WHERE id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'ESCALATED'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM notice WHERE unit_code = '4101' AND kind = 'ESCALATED' AND subject = ?")
                        .param("warning " + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        overdue(id);
        escalation.escalateDue();
        assertThat(unitOf(id)).isEqualTo("41");
        overdue(id);
        escalation.escalateDue();
        assertThat(unitOf(id)).isEqualTo("41");
        assertThat(jdbc.sql("SELECT escalations FROM warning WHERE id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void anAcknowledgedWarningDoesNotEscalate() throws Exception {
        long id = warningIn("410105");
        api.warningAction("jinshui", id, "acknowledge", "{}");
        overdue(id);
        escalation.escalateDue();
        assertThat(unitOf(id)).isEqualTo("410105");
    }

    @Test
    void escalationsRunningConcurrentlyFireEachOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long id = warningIn("410102");
            overdue(id);
            ids.add(id);
        }
        List<Callable<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rounds.add(escalation::escalateDue);
        }
        Concurrently.run(rounds);
        for (long id : ids) {
            assertThat(unitOf(id)).isEqualTo("4101");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'ESCALATED'")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
