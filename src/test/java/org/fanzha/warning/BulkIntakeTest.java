package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A batch is filed set-based, with exactly the rules of one lead at a time. */
@IntegrationTest
class BulkIntakeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    JsonNode batch(String body) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/leads/batch")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("rows");
    }

    @Test
    void joinsWithinTheBatchAndWithOpenWarningsAndAnswersRetriesAsDuplicates() throws Exception {
        String run = Long.toString(System.nanoTime());
        // an open yellow warning for phone A from an earlier lead
        var earlier = batch("""
                [{"source":"TELECOM","sourceId":"BK-%1$s-0","phone":"13703715501","amountAtRisk":1000}]""".formatted(run));
        long warningA = earlier.get(0).get("accepted").get("warningId").asLong();

        var rows = batch("""
                [{"source":"TELECOM","sourceId":"BK-%1$s-1","phone":"13703715502","amountAtRisk":2000},
                 {"source":"BANK","sourceId":"BK-%1$s-2","phone":"13703715502","amountAtRisk":9000,
                  "signals":[{"type":"TRANSFER_TO_FLAGGED_ACCOUNT"}]},
                 {"source":"BANK","sourceId":"BK-%1$s-3","phone":"13703715501","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER"}]},
                 {"source":"TELECOM","sourceId":"BK-%1$s-1","phone":"13703715502"},
                 {"source":"TELECOM","sourceId":"BK-%1$s-0","phone":"13703715501"}]""".formatted(run));

        long warningB = rows.get(0).get("accepted").get("warningId").asLong();
        assertThat(rows.get(0).get("accepted").get("duplicate").asBoolean()).isFalse();
        assertThat(rows.get(1).get("accepted").get("warningId").asLong()).isEqualTo(warningB);
        assertThat(rows.get(2).get("accepted").get("warningId").asLong()).isEqualTo(warningA);
        assertThat(rows.get(3).get("accepted").get("duplicate").asBoolean()).isTrue();
        assertThat(rows.get(3).get("accepted").get("leadId").asLong())
                .isEqualTo(rows.get(0).get("accepted").get("leadId").asLong());
        assertThat(rows.get(4).get("accepted").get("duplicate").asBoolean()).isTrue();
        assertThat(rows.get(4).get("accepted").get("warningId").asLong()).isEqualTo(warningA);

        var b = jdbc.sql("SELECT lead_count, urgency, amount_at_risk FROM warning WHERE id = ?")
                .param(warningB)
                .query()
                .singleRow();
        assertThat(b.get("lead_count")).isEqualTo(2);
        assertThat(b.get("urgency")).isEqualTo("RED");
        assertThat(((Number) b.get("amount_at_risk")).intValue()).isEqualTo(9000);
        var a = jdbc.sql("SELECT lead_count, urgency, amount_at_risk FROM warning WHERE id = ?")
                .param(warningA)
                .query()
                .singleRow();
        assertThat(a.get("lead_count")).isEqualTo(2);
        assertThat(a.get("urgency")).isEqualTo("RED");
        assertThat(((Number) a.get("amount_at_risk")).intValue()).isEqualTo(1000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE source_id LIKE ?")
                        .param("BK-" + run + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("SELECT kind FROM warning_event WHERE warning_id = ? ORDER BY at, id")
                        .param(warningB)
                        .query(String.class)
                        .list())
                .containsExactly("LEAD", "ASSIGNED", "LEAD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notice WHERE subject = ? AND kind = 'RED_WARNING'")
                        .param("warning " + warningA)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
