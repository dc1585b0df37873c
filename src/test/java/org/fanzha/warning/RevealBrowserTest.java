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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Whom to call: on the warning's page the duty officer gives a reason and sees the number in full, as a tel: link, audited. */
@IntegrationTest
class RevealBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDutyOfficerRevealsThePhoneToCallWithAReason() throws Exception {
        String phone = "1393790" + String.format("%04d", 5000 + System.nanoTime() % 4000);
        long id = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"source\":\"POLICE\",\"sourceId\":\"REVEAL-" + System.nanoTime()
                                        + "\",\"phone\":\"" + phone + "\",\"name\":\"张三丰\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        signIn("duty");
        go("/warnings/" + id);
        assertThat(browser.findElement(By.id("warning-phone")).getText()).doesNotContain(phone);
        // without a reason nothing is shown
        browser.findElement(By.id("reveal-phone-" + id)).click();
        assertThat(browser.findElements(By.id("revealed-phone-" + id))).isEmpty();
        browser.findElement(By.id("reveal-reason-phone-" + id)).sendKeys("回拨劝阻当事人");
        browser.findElement(By.id("reveal-phone-" + id)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#revealed-phone-" + id + " a")));
        var link = browser.findElement(By.cssSelector("#revealed-phone-" + id + " a"));
        assertThat(link.getText()).isEqualTo(phone);
        assertThat(link.getAttribute("href")).isEqualTo("tel:" + phone);
        screenshot("duty-warning-revealed");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE action = 'REVEAL' AND entity = 'warning' AND entity_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
