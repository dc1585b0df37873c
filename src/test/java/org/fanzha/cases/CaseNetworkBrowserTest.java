package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A case with linked cases draws its network (ECharts graph) in the browser. */
@IntegrationTest
class CaseNetworkBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    long file(String body) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/cases")
                                .header("Authorization", api.bearer("zhengzhou"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
    }

    @Test
    void theNetworkOfLinkedCasesIsDrawn() throws Exception {
        String domain = "net-" + Long.toString(System.nanoTime(), 36) + ".example";
        String body = """
                {"fraudType":"INVESTMENT","lossAmount":"100","occurredAt":"2021-06-01T10:00:00+08:00","unitCode":"4101",
                 "identifiers":[{"type":"DOMAIN","value":"%s"}]}""".formatted(domain);
        long a = file(body);
        file(body);
        signIn("zhengzhou");
        go("/cases/" + a);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#network canvas")));
        wait.until(ExpectedConditions.attributeToBe(By.id("network"), "data-drawn", "yes"));
    }
}
