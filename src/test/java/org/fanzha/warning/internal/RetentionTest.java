package org.fanzha.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class RetentionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Retention retention;

    long closedTwoYearsAgo(String phone, String outcome) throws Exception {
        String body = """
                {"source":"TELECOM","sourceId":"RET-%d","phone":"%s","name":"李四","idNumber":"41010519900307123X",
                 "address":"郑州市金水区某路1号","amountAtRisk":12000}""".formatted(System.nanoTime(), phone);
        long id = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        api.warningAction("duty", id, "acknowledge", "{}");
        api.warningAction("duty", id, "close", "{\"outcome\":\"" + outcome + "\"}");
        jdbc.sql("UPDATE warning SET closed_at = closed_at - INTERVAL '730' DAY WHERE id = ?")
                .param(id)
                .update();
        return id;
    }

    @Test
    void theNeverDefraudedLosePersonalDataAfterTheRetentionAndTheStatisticsStay() throws Exception {
        long dissuaded = closedTwoYearsAgo("13703719101", "DISSUADED");
        long defrauded = closedTwoYearsAgo("13703719102", "ALREADY_DEFRAUDED");
        retention.anonymiseDue();
        Map<String, Object> gone = jdbc.sql(
                        "SELECT phone, name, id_number, address, outcome, amount_at_risk FROM warning WHERE id = ?")
                .param(dissuaded)
                .query()
                .singleRow();
        assertThat(gone.get("phone")).isEqualTo("-");
        assertThat(gone.get("name")).isNull();
        assertThat(gone.get("id_number")).isNull();
        assertThat(gone.get("address")).isNull();
        assertThat(gone.get("outcome")).isEqualTo("DISSUADED");
        assertThat(((Number) gone.get("amount_at_risk")).intValue()).isEqualTo(12000);
        assertThat(jdbc.sql("SELECT phone FROM lead WHERE warning_id = ?")
                        .param(dissuaded)
                        .query(String.class)
                        .single())
                .isEqualTo("-");
        assertThat(jdbc.sql("SELECT name FROM warning WHERE id = ?")
                        .param(defrauded)
                        .query(String.class)
                        .single())
                .isEqualTo("李四");
    }

    @Test
    void recentlyClosedWarningsKeepTheirData() throws Exception {
        long id = closedTwoYearsAgo("13703719103", "DISSUADED");
        jdbc.sql("UPDATE warning SET closed_at = CURRENT_TIMESTAMP WHERE id = ?")
                .param(id)
                .update();
        retention.anonymiseDue();
        assertThat(jdbc.sql("SELECT phone FROM warning WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("13703719103");
    }
}
