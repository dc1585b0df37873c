package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** An officer follows a stop-payment on the pages: the list, the chase, sending the next hop, a freeze. */
@IntegrationTest
class FundsPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theChaseOnThePages() throws Exception {
        long caseId = json.readTree(mvc.perform(
                                post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"5000\",\"occurredAt\":\"2021-06-01T20:15:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        long id = json.readTree(mvc.perform(post("/api/v1/funds/stop-payments")
                                .header("Authorization", api.bearer("jinshui"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","toAccount":"6217009988776655","toBank":"建行","amount":"5000"}]}""".formatted(caseId)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("requests")
                .get(0)
                .get("id")
                .asLong();
        mvc.perform(post("/api/v1/funds/requests/" + id + "/response")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"result":"PARTIAL","heldAmount":"2000","balance":"2000",
                                 "onward":[{"toAccount":"6222001122334455","toBank":"工行","amount":"3000","time":"2021-06-01T20:22:00+08:00"}]}"""))
                .andExpect(status().isOk());
        var session = api.session("jinshui");
        mvc.perform(get("/funds").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("6217009988776655")))
                .andExpect(content().string(containsString("中国建设银行")));
        mvc.perform(get("/funds/requests/" + id).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("6222001122334455")))
                .andExpect(content().string(containsString("freeze-form")));
        Long proposal = jdbc.queryForObject("SELECT id FROM fund_request WHERE parent_id = ?", Long.class, id);
        // the onward account's page traces from when the onward transfer reached it
        mvc.perform(get("/funds/requests/" + proposal).session(session))
                .andExpect(content().string(containsString("from=2021-06-01%2020:22:00")));
        mvc.perform(post("/funds/requests/" + proposal + "/send")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("SELECT state FROM fund_request WHERE id = ?", String.class, proposal))
                .isEqualTo("SENT");
        mvc.perform(post("/funds/requests/" + id + "/freeze")
                        .session(session)
                        .with(csrf())
                        .param("amount", "2000")
                        .param("documentNumber", "冻财〔2021〕7号")
                        .param("approvingOfficer", "李局")
                        .param("months", "6"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM fund_request WHERE parent_id = ? AND kind = 'FREEZE'", Integer.class, id))
                .isEqualTo(1);
        // a freeze without its document stays on the page with the reason
        mvc.perform(post("/funds/requests/" + id + "/freeze")
                        .session(session)
                        .with(csrf())
                        .param("amount", "2000"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM fund_request WHERE parent_id = ? AND kind = 'FREEZE'", Integer.class, id))
                .isEqualTo(1);
        // one case's requests, one account's (written with spaces as people do)
        mvc.perform(get("/funds").param("caseId", Long.toString(caseId)).session(session))
                .andExpect(content().string(containsString("6217009988776655")));
        mvc.perform(get("/funds").param("caseId", "999999999").session(session))
                .andExpect(content().string(not(containsString("6217009988776655"))));
        mvc.perform(get("/api/v1/funds/requests")
                        .param("account", "6217 0099 8877 6655")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.hasItem((int) id)))
                .andExpect(jsonPath("$[*].account")
                        .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("6217009988776655"))));
        mvc.perform(get("/api/v1/funds/requests")
                        .param("account", "<x>")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("account"));
        mvc.perform(get("/cases/" + caseId).session(session))
                .andExpect(content().string(containsString("id=\"case-funds\"")));
        // hostile and malformed input on the trace page: the reasons shown, nothing run, nothing unescaped
        mvc.perform(get("/funds/trace")
                        .param("account", "<script>alert(1)</script>")
                        .param("from", "yesterday")
                        .param("hops", "99")
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"problem\"")))
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))))
                .andExpect(content().string(not(containsString("trace-graph"))));
        mvc.perform(get("/funds/trace").param("hops", "abc").session(session)).andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/funds/webhook")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/funds").session(api.session("hotline"))).andExpect(status().isForbidden());
        mvc.perform(get("/funds/requests/" + id).session(api.session("luoyang")))
                .andExpect(status().isNotFound());
    }
}
