package org.fanzha.warning;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BoardPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    MockHttpSession signIn(String username) throws Exception {
        return api.session(username);
    }

    long lead(String phone, String extra) throws Exception {
        String body = "{\"source\":\"HOTLINE_REPORT\",\"sourceId\":\"BD-" + System.nanoTime() + "\",\"phone\":\""
                + phone + "\"" + extra + "}";
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    @Test
    void theBoardShowsOpenWarningsOfTheJurisdictionMaskedAndColoured() throws Exception {
        long luoyang = lead(
                "13937907001",
                ",\"fraudType\":\"IMPERSONATE_POLICE\",\"signals\":[{\"type\":\"ACTIVE_CALL_WITH_FRAUD_NUMBER\"}]");
        long zhengzhou = lead("13703717002", "");
        var session = signIn("luoyang");
        mvc.perform(get("/board").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"w-" + luoyang + "\"")))
                .andExpect(content().string(containsString("139****7001")))
                .andExpect(content().string(not(containsString("13937907001"))))
                .andExpect(content().string(containsString("冒充公检法")))
                .andExpect(content().string(containsString("u-RED")))
                .andExpect(content().string(not(containsString("id=\"w-" + zhengzhou + "\""))));
        mvc.perform(get("/board/rows").param("urgency", "YELLOW").session(session))
                .andExpect(content().string(not(containsString("id=\"w-" + luoyang + "\""))));
    }

    @Test
    void aWarningIsAcknowledgedFromTheBoardAndWorkedOnItsPage() throws Exception {
        long id = lead("13937907003", "");
        var session = signIn("luoyang");
        mvc.perform(post("/board/warnings/{id}/acknowledge", id)
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"w-" + id + "\"")))
                .andExpect(content().string(not(containsString("id=\"ack-" + id + "\""))));
        mvc.perform(post("/warnings/{id}/contact", id)
                        .session(session)
                        .with(csrf())
                        .param("method", "PHONE")
                        .param("result", "ANSWERED")
                        .param("note", "已劝阻"))
                .andExpect(redirectedUrl("/warnings/" + id));
        // a note longer than allowed is refused with the limit, and the warning stays open
        mvc.perform(post("/warnings/{id}/close", id)
                        .session(session)
                        .with(csrf())
                        .param("outcome", "DISSUADED")
                        .param("note", "很".repeat(1001)))
                .andExpect(redirectedUrl("/warnings/" + id))
                .andExpect(result -> org.assertj.core.api.Assertions.assertThat(
                                (String) result.getFlashMap().get("problem"))
                        .isEqualTo("备注：最多 1000 个字（现有 1001 个字）"));
        mvc.perform(post("/warnings/{id}/close", id)
                        .session(session)
                        .with(csrf())
                        .param("outcome", "DISSUADED"))
                .andExpect(redirectedUrl("/warnings/" + id));
        mvc.perform(post("/warnings/{id}/close", id)
                        .session(session)
                        .with(csrf())
                        .param("outcome", "DISSUADED"))
                .andExpect(redirectedUrl("/warnings/" + id))
                .andExpect(result -> org.assertj.core.api.Assertions.assertThat(
                                result.getFlashMap().get("problem"))
                        .isNotNull());
        mvc.perform(get("/warnings/{id}", id).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("劝阻成功")))
                .andExpect(content().string(containsString("已劝阻")))
                .andExpect(content().string(containsString("class=\"watermark\"")));
    }

    @Test
    void chosenWarningsAreAcknowledgedTogetherFromTheBoard() throws Exception {
        long a = lead("1393790" + String.format("%04d", 8000 + System.nanoTime() % 1000), "");
        long b = lead("1393790" + String.format("%04d", 9000 + System.nanoTime() % 1000), "");
        var session = signIn("luoyang");
        mvc.perform(get("/board").session(session))
                .andExpect(content().string(containsString("pick-" + a)))
                .andExpect(content().string(containsString("bulk-ack")));
        mvc.perform(post("/board/acknowledge")
                        .session(session)
                        .with(csrf())
                        .param("ids", Long.toString(a), Long.toString(b)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已签收 2 条预警")));
        for (long id : new long[] {a, b}) {
            org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT state FROM warning WHERE id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("ACKNOWLEDGED");
        }
    }

    @Test
    void aUnitAWarningWasEscalatedAwayFromStillReadsItReadOnly() throws Exception {
        long id = lead(
                "1370371" + String.format("%04d", 6000 + System.nanoTime() % 1000), ",\"divisionCode\":\"410105\"");
        // escalated to the city: the county no longer holds it
        jdbc.sql("UPDATE warning SET unit_code = '4101' WHERE id = ?").param(id).update();
        mvc.perform(get("/warnings/{id}", id).session(signIn("jinshui")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("read-only")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(containsString("/warnings/" + id + "/acknowledge"))));
        mvc.perform(post("/warnings/{id}/close", id)
                        .session(signIn("jinshui"))
                        .with(csrf())
                        .param("outcome", "DISSUADED"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/warnings/{id}", id).session(signIn("luoyang"))).andExpect(status().isNotFound());
        mvc.perform(get("/warnings/{id}", id).session(signIn("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("read-only"))))
                .andExpect(content().string(containsString("/warnings/" + id + "/acknowledge")));
    }

    @Test
    void anotherCitysWarningPageIsNotFound() throws Exception {
        long id = lead("13937907004", "");
        mvc.perform(get("/warnings/{id}", id).session(signIn("zhengzhou"))).andExpect(status().isNotFound());
    }

    @Test
    void theAdminHasNoBoard() throws Exception {
        mvc.perform(get("/board").session(signIn("admin"))).andExpect(status().isForbidden());
    }
}
