package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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

/** A city commander's duty board shows a red warning the moment a partner sends its lead, and acknowledges it in one click. */
@IntegrationTest
class BoardBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void aNewRedLeadAppearsOnTheOpenBoardWithoutReloadAndIsAcknowledgedInOneClick() throws Exception {
        signIn("luoyang");
        go("/board");
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));

        String body = """
                {"source":"TELECOM","sourceId":"LIVE-%d","phone":"13937908%03d","fraudType":"IMPERSONATE_POLICE",
                 "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":4}],"amountAtRisk":80000}""".formatted(System.nanoTime(), (int) (System.nanoTime() % 1000));
        long id = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("w-" + id)));
        var row = browser.findElement(By.id("w-" + id));
        assertThat(row.getAttribute("class")).contains("u-RED");
        assertThat(row.getText()).contains("红色").contains("139****").contains("签收剩余");

        screenshot("duty-board");
        browser.findElement(By.id("ack-" + id)).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("ack-" + id)));
        assertThat(browser.findElement(By.id("w-" + id)).getText())
                .contains("已签收")
                .contains("办结剩余");
    }
}
