package org.fanzha.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The demo's simulated officers work other cities' warnings in time and leave 郑州's and 洛阳's to people. */
@IntegrationTest
class DemoOfficersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarningActions actions;

    @Autowired
    Clock clock;

    long lead(String division) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"source\":\"POLICE\",\"sourceId\":\"DEMO-OFF-" + System.nanoTime()
                                        + "\",\"phone\":\"1393790" + String.format("%04d", System.nanoTime() % 10_000)
                                        + "\",\"divisionCode\":\"" + division + "\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    String state(long id) {
        return jdbc.sql("SELECT state FROM warning WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void otherCitiesWarningsAreAcknowledgedThenWorkedToAnOutcome() throws Exception {
        long kaifeng = lead("410202");
        long luoyang = lead("410302");
        // assigned long before anything else of the run, so these are the oldest the officers take
        jdbc.sql("UPDATE warning SET assigned_at = assigned_at - INTERVAL '2' HOUR WHERE id IN (?, ?)")
                .params(kaifeng, luoyang)
                .update();
        var officers = new DemoOfficers(actions, jdbc, clock);
        officers.work();
        assertThat(state(kaifeng)).isEqualTo("ACKNOWLEDGED");
        assertThat(state(luoyang)).as("left to the demo's people").isEqualTo("ASSIGNED");
        jdbc.sql("UPDATE warning SET acknowledged_at = acknowledged_at - INTERVAL '2' HOUR WHERE id = ?")
                .param(kaifeng)
                .update();
        officers.work();
        assertThat(state(kaifeng)).isEqualTo("CLOSED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'CLOSED'")
                        .param(kaifeng)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
