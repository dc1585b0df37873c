package org.fanzha.funds.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The demo profile's simulated banks answer what waited long enough, and leave CCB to the hand. */
@IntegrationTest
class DemoBanksTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JdbcClient client;

    @Autowired
    FundRequests requests;

    @Autowired
    BankAnswers answers;

    @Autowired
    Clock clock;

    @Test
    void simulatedBanksAnswerAndCcbWaits() throws Exception {
        long caseId = json.readTree(mvc.perform(
                                post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"9000\",\"occurredAt\":\"2021-06-01T20:15:00+08:00\"}"))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        var created = json.readTree(mvc.perform(post("/api/v1/funds/stop-payments")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"caseId":%d,"transfers":[
                                 {"time":"2021-06-01T20:20:00+08:00","toAccount":"6222000011112222","toBank":"ICBC","amount":"6000"},
                                 {"time":"2021-06-01T20:21:00+08:00","toAccount":"6217000011112222","toBank":"CCB","amount":"3000"}]}""".formatted(caseId)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        long icbc = created.get("requests").get(0).get("id").asLong();
        long ccb = created.get("requests").get(1).get("id").asLong();
        jdbc.update("UPDATE fund_request SET sent_at = sent_at - INTERVAL '10' MINUTE WHERE id IN (?, ?)", icbc, ccb);
        new DemoBanks(requests, answers, client, clock).answer();
        assertThat(jdbc.queryForObject("SELECT state FROM fund_request WHERE id = ?", String.class, icbc))
                .isIn("STOPPED", "PARTIAL", "FAILED");
        assertThat(jdbc.queryForObject("SELECT state FROM fund_request WHERE id = ?", String.class, ccb))
                .isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT answered_by FROM fund_request WHERE id = ?", String.class, icbc))
                .isEqualTo("demo-icbc");
    }
}
