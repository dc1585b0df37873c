package org.fanzha.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * In a browser: a holder looks their number up on the public page, appeals with a photo of their
 * proof and lands on their status page; a province reviewer finds it among the appeals, opens the
 * photo's link, lifts it with grounds; the holder's page says so and the lookup no longer lists
 * the number.
 */
@IntegrationTest
class AppealsBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    String level(String token, String phone) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/risk/check")
                                .header("Authorization", "Bearer " + token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + phone + "\"}]}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .at("/results/0/level")
                .asString();
    }

    @Test
    void aHolderAppealsOnThePublicPageAndAReviewerLiftsIt() throws Exception {
        String token = json.readTree(mvc.perform(post("/api/v1/tokens")
                                .header("Authorization", api.bearer("admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"bank-" + System.nanoTime()
                                        + "\",\"permissions\":[\"risk:check\"],\"sources\":[\"BANK\"]}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("token")
                .asString();
        String phone = "137" + String.format("%08d", System.nanoTime() % 100_000_000L);
        mvc.perform(post("/api/v1/risk/feedback")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + phone
                                + "\",\"result\":\"CONFIRMED_FRAUD\",\"reference\":\"B-" + phone + "\"}]}"))
                .andExpect(status().isOk());
        Path photo = Files.createTempFile("proof", ".png");
        var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "png", photo.toFile());

        // the holder, not signed in (the public pages count requests per address: the waiting is done on the API)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(level(token, phone)).isNotEqualTo("NONE"));
        go("/risk?type=PHONE&target=" + phone);
        browser.findElement(By.id("appellant")).sendKeys("王某某");
        browser.findElement(By.id("contact")).sendKeys("13900001234");
        browser.findElement(By.id("reason")).sendKeys("这是我本人实名使用八年的号码，从未借给他人。");
        browser.findElement(By.id("evidence")).sendKeys(photo.toAbsolutePath().toString());
        browser.findElement(By.id("appeal-go")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("appeal-status")));
        assertThat(browser.findElement(By.id("filed")).getText()).contains("SS-");
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("审核中");
        String status = browser.getCurrentUrl();
        String reference = browser.findElement(By.id("reference")).getText();
        screenshot("appeal-status");

        // the reviewer at the province
        signIn("duty");
        go("/appeals?kind=RISK_ENTRY");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(reference)))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-form")));
        assertThat(browser.findElement(By.id("contact")).getText()).isEqualTo("13900001234");
        assertThat(browser.findElement(By.id("evidence")).getText())
                .contains(photo.getFileName().toString(), "image/png");
        screenshot("appeal-detail");
        browser.findElement(By.id("d-note")).sendKeys("核实为机主本人正常使用，解除。");
        browser.findElement(By.id("lift")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decided")));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("已解除");

        // the entry on the staff list, by the number as the holder wrote it, says what happened
        go("/risk-list");
        browser.findElement(By.name("value")).sendKeys("+86 " + phone.substring(0, 3) + " " + phone.substring(3));
        browser.findElement(By.cssSelector("#risk-search button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("+86" + phone)))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history")));
        assertThat(browser.findElement(By.id("history")).getText()).contains("收到申诉", "复核");
        assertThat(browser.findElement(By.id("review-state")).getText()).contains("核实为机主本人正常使用");

        // back to the holder's page, and the lookup
        browser.get(status);
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("申诉成立，已解除");
        assertThat(browser.findElement(By.id("note")).getText()).contains("核实为机主本人正常使用");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(level(token, phone)).isEqualTo("NONE"));
        go("/risk?type=PHONE&target=" + phone);
        assertThat(browser.findElements(By.id("appeal-form"))).isEmpty();
        assertThat(browser.findElement(By.id("risk-result")).getText()).contains("暂未列入风险名单");
        Files.deleteIfExists(photo);
    }
}
