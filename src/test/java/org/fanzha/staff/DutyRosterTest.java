package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class DutyRosterTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void aRedWarningNotifiesTheOfficersOnDutyInItsUnit() throws Exception {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        mvc.perform(put("/api/v1/duty-roster/410105/{day}", today)
                        .header("Authorization", api.bearer("zhengzhou"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"staff\":[\"jinshui\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].username").value("jinshui"));
        mvc.perform(get("/api/v1/duty-roster/410105")
                        .param("from", today)
                        .param("to", today)
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$[0].displayName").value("金水分局民警"));
        long id = json.readTree(mvc.perform(
                                post("/api/v1/leads")
                                        .header("Authorization", api.bearer("duty"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"source\":\"POLICE\",\"sourceId\":\"DR-" + System.nanoTime()
                                                        + "\",\"phone\":\"13703716601\",\"divisionCode\":\"410105\",\"signals\":[{\"type\":\"ACTIVE_CALL_WITH_FRAUD_NUMBER\"}]}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        assertThat(jdbc.sql("SELECT recipients FROM notice WHERE subject = ? AND kind = 'RED_WARNING'")
                        .param("warning " + id)
                        .query(String.class)
                        .single())
                .isEqualTo("jinshui");
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(
                post("/login")
                        .session(session)
                        .param("username", "jinshui")
                        .param("password", "fanzha-demo")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf()));
        long notice = jdbc.sql("SELECT id FROM notice WHERE subject = ? AND kind = 'RED_WARNING'")
                .param("warning " + id)
                .query(Long.class)
                .single();
        mvc.perform(get("/notices").session(session))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("/notices/" + notice + "/open")));
        // opening the notice leads to the warning
        mvc.perform(get("/notices/{n}/open", notice).session(session))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/warnings/" + id));
    }

    @Test
    void onlyCommandersOfTheJurisdictionSetTheRosterAndOnlyWithTheUnitsOwnStaff() throws Exception {
        String day = "2026-12-24";
        mvc.perform(put("/api/v1/duty-roster/410105/{day}", day)
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"staff\":[\"jinshui\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/duty-roster/4103/{day}", day)
                        .header("Authorization", api.bearer("zhengzhou"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"staff\":[\"luoyang\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unit"));
        mvc.perform(put("/api/v1/duty-roster/410105/{day}", day)
                        .header("Authorization", api.bearer("zhengzhou"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"staff\":[\"zhengzhou\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("staff"));
    }
}
