package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
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

/**
 * The duty desk under load: a county officer turns alerts on in this browser; a new red warning
 * alerts it (the badge, the desktop notice's text), the notices list shows the warning once, as
 * awaiting acknowledgement, and after it is acknowledged the "awaiting" view no longer lists it.
 */
@IntegrationTest
class NoticeAlertsBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void aNewRedWarningAlertsTheBrowserThatOptedInAndWaitsInTheAwaitingView() throws Exception {
        signIn("jinshui");
        go("/notices");
        browser.findElement(By.id("alerts-toggle")).click();
        assertThat(browser.findElement(By.id("alerts-toggle")).getText()).isEqualTo("关闭声音和桌面提醒");
        // the first round only learns where the unit's notices stand
        wait.until(d -> ((Number) browser.executeScript(
                                "return localStorage.getItem('fanzha-alerts-after') === null ? -1 : 1;"))
                        .intValue()
                > 0);
        long warning = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"source":"POLICE","sourceId":"ALERT-%d","phone":"1393797%04d","divisionCode":"410105",
                                         "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":5}]}""".formatted(System.nanoTime(), System.nanoTime() % 10_000)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        browser.executeScript("window.fanzhaPollAlerts();");
        wait.until(d -> !((List<?>) browser.executeScript("return window.fanzhaAlerted;")).isEmpty());
        @SuppressWarnings("unchecked")
        List<String> alerted = (List<String>) browser.executeScript("return window.fanzhaAlerted;");
        assertThat(alerted).anyMatch(t -> t.startsWith("红色预警 " + warning + "（正与涉诈号码通话）"));
        assertThat(browser.findElement(By.id("notices")).getText()).matches("未读通知 [1-9][0-9]*");

        go("/notices?view=OPEN");
        var row = browser.findElement(By.cssSelector("#notice-list tr[data-subject='warning " + warning + "']"));
        assertThat(row.getText()).contains("红色预警", "待签收", "未读");
        screenshot("duty-notices-awaiting");
        row.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.urlMatches(".*/warnings/" + warning + "$"));
        var acknowledge = browser.findElement(By.id("acknowledge"));
        acknowledge.click();
        // the acknowledgement's page arrives before the next is asked for
        wait.until(ExpectedConditions.stalenessOf(acknowledge));
        go("/notices?view=OPEN");
        assertThat(browser.findElements(By.cssSelector("#notice-list tr[data-subject='warning " + warning + "']")))
                .isEmpty();
        go("/notices");
        assertThat(browser.findElement(By.cssSelector("#notice-list tr[data-subject='warning " + warning + "']"))
                        .getAttribute("class"))
                .contains("read")
                .doesNotContain("unread");
    }
}
