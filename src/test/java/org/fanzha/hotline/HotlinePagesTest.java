package org.fanzha.hotline;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class HotlinePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    MockHttpSession signIn(String username) throws Exception {
        return api.session(username);
    }

    @Test
    void anOperatorTakesTheNextCallSeesNumberAndScriptAndClosesItDissuaded() throws Exception {
        jdbc.sql("UPDATE hotline_task SET state = 'CANCELLED', open_key = NULL WHERE state IN ('OPEN', 'TAKEN')")
                .update();
        String phone = "13703718899";
        mvc.perform(post("/api/v1/leads")
                .header("Authorization", api.bearer("duty"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"source\":\"BANK\",\"sourceId\":\"HP-" + System.nanoTime() + "\",\"phone\":\"" + phone
                        + "\",\"fraudType\":\"INVESTMENT\",\"signals\":[{\"type\":\"TRANSFER_TO_FLAGGED_ACCOUNT\"}]}"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM hotline_task t JOIN warning w ON w.id = t.warning_id WHERE w.phone = ? AND t.state = 'OPEN'")
                                .param(phone)
                                .query(Long.class)
                                .single()
                        == 1);
        var session = signIn("hotline");
        mvc.perform(get("/hotline").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("take-next")));
        String task = mvc.perform(post("/hotline/next").session(session).with(csrf()))
                .andExpect(redirectedUrlPattern("/hotline/tasks/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(task).session(session))
                .andExpect(content().string(containsString(phone)))
                .andExpect(content().string(containsString("投资理财")));
        mvc.perform(post(task + "/attempts").session(session).with(csrf()).param("result", "ANSWERED"))
                .andExpect(redirectedUrl(task));
        mvc.perform(post(task + "/finish")
                        .session(session)
                        .with(csrf())
                        .param("outcome", "DISSUADED")
                        .param("note", "已劝阻"))
                .andExpect(redirectedUrl("/hotline"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT outcome FROM warning WHERE phone = ?")
                        .param(phone)
                        .query(String.class)
                        .single())
                .isEqualTo("DISSUADED");
    }

    @Test
    void officersSeeTheirVisitsPage() throws Exception {
        mvc.perform(get("/hotline/visits").session(signIn("jinshui"))).andExpect(status().isOk());
        mvc.perform(get("/hotline").session(signIn("jinshui"))).andExpect(status().isForbidden());
    }
}
