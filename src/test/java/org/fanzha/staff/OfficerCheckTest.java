package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * 身份核验: a police number and a name answer whether such an officer exists and their unit's
 * name, nothing more; checks are counted per day, never who asked; limited per address.
 */
@IntegrationTest
class OfficerCheckTest {

    static final AtomicLong next = new AtomicLong();

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder b, String address) {
        return b.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    long checks(String outcome) {
        return jdbc.sql("SELECT COALESCE(SUM(checks), 0) FROM officer_check_day WHERE outcome = ?")
                .param(outcome)
                .query(Long.class)
                .single();
    }

    @Test
    void aNumberAndANameSayWhetherSuchAnOfficerExistsAndTheirUnitOnly() throws Exception {
        long matched = checks("MATCHED");
        long notFound = checks("NOT_FOUND");
        String a = "203.0.113.10";
        String body = mvc.perform(from(
                        get("/api/v1/public/officers/check")
                                .param("number", "010502")
                                .param("name", "金水分局民警"),
                        a))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.exists").value(true))
                .andExpect(jsonPath("$.unit").value("金水区公安分局"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        // nothing but the answer: no phone, no username
        assertThat(body).doesNotContain("1370371", "jinshui");
        mvc.perform(from(
                        get("/api/v1/public/officers/check")
                                .param("number", "010502")
                                .param("name", "王警官"),
                        a))
                .andExpect(jsonPath("$.exists").value(false))
                .andExpect(jsonPath("$.unit").value(Matchers.nullValue()));
        mvc.perform(from(get("/api/v1/public/officers/check").param("number", "12ab"), a))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("number", "name")));
        assertThat(checks("MATCHED")).isEqualTo(matched + 1);
        assertThat(checks("NOT_FOUND")).isEqualTo(notFound + 1);
        // the page says the same, escaped
        String page = mvc.perform(
                        from(get("/public/check").param("number", "010502").param("name", "<b>金水</b>"), a))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("没有警号与姓名相符的民警").contains("&lt;b&gt;").doesNotContain("<b>金水");
    }

    @Test
    void onlyStaffManagersGivePoliceNumbersAndEachIsOnePersons() throws Exception {
        long luoyang = jdbc.sql("SELECT id FROM staff WHERE username = 'luoyang'")
                .query(Long.class)
                .single();
        long analyst = jdbc.sql("SELECT id FROM staff WHERE username = 'analyst'")
                .query(Long.class)
                .single();
        String n = String.format("%08d", 20_000_000 + next.incrementAndGet());
        mvc.perform(put("/api/v1/staff/" + analyst + "/police-number")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"policeNumber\":\"" + n + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.policeNumber").value(n));
        mvc.perform(put("/api/v1/staff/" + luoyang + "/police-number")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"policeNumber\":\"" + n + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("policeNumber"));
        mvc.perform(put("/api/v1/staff/" + luoyang + "/police-number")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"policeNumber\":\"12-34\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/staff/" + luoyang + "/police-number")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"policeNumber\":\"99999999\"}"))
                .andExpect(status().isForbidden());
        // taken away: no longer answered
        mvc.perform(put("/api/v1/staff/" + analyst + "/police-number")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"policeNumber\":\"\"}"))
                .andExpect(jsonPath("$.policeNumber").value(""));
        mvc.perform(from(
                        get("/api/v1/public/officers/check").param("number", n).param("name", "研判分析员"), "203.0.113.11"))
                .andExpect(jsonPath("$.exists").value(false));
    }

    @Test
    void checksAreLimitedPerAddress() throws Exception {
        int refused = 0;
        for (int i = 0; i < 32; i++) {
            int code = mvc.perform(from(
                            get("/api/v1/public/officers/check")
                                    .param("number", "123456")
                                    .param("name", "某某"),
                            "203.0.113.99"))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            refused += code == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(2);
    }
}
