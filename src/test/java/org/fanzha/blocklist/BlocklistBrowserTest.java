package org.fanzha.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
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

/** Anyone checks a URL on the public page; a reviewer sees the blocking overview with its charts drawn. */
@IntegrationTest
class BlocklistBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Test
    void thePublicLookupWarnsAboutABlockedSiteAndTheOverviewDrawsItsCharts() throws Exception {
        String domain = "browser-" + Long.toString(System.nanoTime(), 36) + ".com";
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"%s\",\"category\":\"INVESTMENT\",\"source\":\"POLICE\"}"
                                .formatted(domain)))
                .andExpect(status().isCreated());

        go("/risk");
        browser.findElement(By.name("target")).sendKeys("https://app." + domain + "/invite?code=8");
        browser.findElement(By.cssSelector("#risk-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-result")));
        String result = browser.findElement(By.id("risk-result")).getText();
        assertThat(result).contains("高风险").contains("虚假网络投资理财").contains("110");
        assertThat(browser.findElement(By.id("appeal-form")).isDisplayed()).isTrue();

        signIn("duty");
        go("/blocklist?q=" + domain);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-categories canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-hits canvas")));
        assertThat(browser.findElement(By.id("entries")).getText())
                .contains(domain)
                .contains("封堵中");
    }

    @Test
    void aReviewerApprovesAPendingEntryOnItsPage() throws Exception {
        String partner = "Bearer "
                + json.readTree(mvc.perform(
                                        post("/api/v1/tokens")
                                                .header("Authorization", api.bearer("admin"))
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .content(
                                                        "{\"name\":\"浏览器测试运营商-" + System.nanoTime()
                                                                + "\",\"permissions\":[\"blocklist:submit\"],\"sources\":[\"TELECOM\"]}"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        String domain = "pending-" + Long.toString(System.nanoTime(), 36) + ".com";
        long id = json.readTree(mvc.perform(post("/api/v1/blocklist/entries")
                                .header("Authorization", partner)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"value\":\"%s\",\"category\":\"INVESTMENT\",\"source\":\"TELECOM\"}"
                                        .formatted(domain)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("entry")
                .get("id")
                .asLong();
        signIn("duty");
        go("/blocklist/entries/" + id);
        browser.findElement(By.id("review-note")).sendKeys("证据充分");
        screenshot("reviewer-entry-review");
        browser.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("remove-form")));
        assertThat(browser.getPageSource()).doesNotContain("您的角色无权进行此操作");
    }
}
