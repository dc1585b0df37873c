package org.fanzha.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CasePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    long file(String user, String identifiers) throws Exception {
        String location = mvc.perform(post("/cases")
                        .session(api.session(user))
                        .with(csrf())
                        .param("fraudType", "ORDER_BRUSHING")
                        .param("victimName", "张三")
                        .param("victimPhone", "13703710000")
                        .param("lossAmount", "38000.00")
                        .param("occurredAt", "2021-06-01T20:15")
                        .param("divisionCode", "410105")
                        .param("identifiers", identifiers))
                .andExpect(redirectedUrlPattern("/cases/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring("/cases/".length()));
    }

    @Test
    void anOfficerFilesACaseOnThePageAndSeesItsLinksAndNetwork() throws Exception {
        String card = CasesApiTest.card("622848" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        String phone = "171" + String.format("%08d", System.nanoTime() % 100_000_000);
        long a = file("jinshui", "BANK_CARD " + card + "\nphone " + phone.substring(0, 3) + " " + phone.substring(3));
        long b = file("jinshui", "BANK_CARD " + card);
        var session = api.session("jinshui");
        mvc.perform(get("/cases/{id}", a).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("137****0000")))
                .andExpect(content().string(containsString(card)))
                .andExpect(content().string(containsString("+86" + phone)))
                .andExpect(content().string(containsString("关联案件（1）")))
                .andExpect(content().string(containsString("金水区 (410105)")))
                .andExpect(content().string(containsString("network.json")));
        mvc.perform(get("/cases/{id}/network.json", a).session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodes[?(@.id == 'c:" + b + "')]").exists());
        mvc.perform(post("/cases/{id}/status", a)
                        .session(session)
                        .with(csrf())
                        .param("target", "FILED")
                        .param(
                                "caseNumber",
                                "A410105000000202108"
                                        + String.format(
                                                "%04d", System.nanoTime() % 10_000))) // a month no other test numbers
                .andExpect(redirectedUrlPattern("/cases/*"));
        mvc.perform(get("/cases/{id}", a).session(session)).andExpect(content().string(containsString("已立案")));
        mvc.perform(get("/cases/clusters").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/cases/" + Math.min(a, b))));
        mvc.perform(get("/cases").session(session)).andExpect(content().string(containsString("/cases/" + b)));
        // bad lines come back as a message, nothing filed
        String problem = mvc.perform(post("/cases")
                        .session(session)
                        .with(csrf())
                        .param("fraudType", "LOAN")
                        .param("occurredAt", "2021-06-01T20:15")
                        .param("identifiers", "BANK_CARD 1234"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/cases"))
                .andReturn()
                .getFlashMap()
                .get("problem")
                .toString();
        assertThat(problem).contains("涉案要素 1 · 值：应为 16 到 19 位数字");
        mvc.perform(get("/cases").session(api.session("hotline"))).andExpect(status().isForbidden());
    }
}
