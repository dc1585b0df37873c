package org.fanzha.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.fanzha.testing.Api;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A 96110 operator's job in a real browser: take the next call, dial the number (a tel: link, in
 * full once taken), record that the person answered, and finish with the outcome.
 */
@IntegrationTest
class HotlineBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theOperatorTakesTheNextCallDialsRecordsAndFinishes() throws Exception {
        mvc.perform(post("/api/v1/leads")
                .header("Authorization", api.bearer("duty"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                                {"source":"POLICE","sourceId":"HOTLINE-%d","phone":"1393798%04d","fraudType":"IMPERSONATE_POLICE",
                                 "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":20}]}""".formatted(System.nanoTime(), System.nanoTime() % 10_000)));
        signIn("hotline");
        go("/hotline");
        browser.findElement(By.id("take-next")).click();
        wait.until(ExpectedConditions.urlMatches(".*/hotline/tasks/\\d+$"));
        long task = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/hotline/tasks/", ""));
        var dial = browser.findElement(By.cssSelector("#dial a"));
        assertThat(dial.getAttribute("href")).matches("tel:\\+?[0-9]{11,14}");
        assertThat(dial.getText()).doesNotContain("*");
        screenshot("hotline-task-taken");
        browser.findElement(By.id("attempt-note")).sendKeys("本人接听，正在核实");
        browser.findElement(By.id("result-ANSWERED")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finish-form")));
        new Select(browser.findElement(By.id("finish-outcome"))).selectByValue("DISSUADED");
        browser.findElement(By.id("finish-note")).sendKeys("已劝阻，未转账");
        browser.findElement(By.cssSelector("#finish-form button[type=submit]")).click();
        wait.until(d -> "DONE"
                .equals(jdbc.sql("SELECT state FROM hotline_task WHERE id = ?")
                        .param(task)
                        .query(String.class)
                        .single()));
        assertThat(jdbc.sql("SELECT w.outcome FROM warning w JOIN hotline_task t ON t.warning_id = w.id WHERE t.id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("DISSUADED");
    }
}
