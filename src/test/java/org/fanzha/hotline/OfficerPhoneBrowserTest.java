package org.fanzha.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fanzha.testing.Api;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A community officer's visits on a phone (390×844) in a real browser: the nearest first once the
 * phone shares where it is, the person's number revealed (audited) to call ahead, and arrival
 * (time, GPS), outcome and photo in one form.
 */
@IntegrationTest
class OfficerPhoneBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    long persistingRedWarning(String division, String phone) throws Exception {
        long id = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"source":"NATIONAL_CENTRE","sourceId":"PHONE-%d","phone":"%s","divisionCode":"%s","amountAtRisk":60000,"fraudType":"INVESTMENT"}""".formatted(System.nanoTime(), phone, division)))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        api.warningAction("duty", id, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("duty", id, "close", "{\"outcome\":\"PERSISTS\"}").andExpect(status().isOk());
        return id;
    }

    long visitOf(long warning) {
        return jdbc.sql("SELECT id FROM hotline_task WHERE warning_id = ? AND kind = 'VISIT' AND state = 'OPEN'")
                .param(warning)
                .query(Long.class)
                .single();
    }

    /** An earlier visit in the village, made there: where the village is, as far as we know. */
    void visitedBefore(long warning, String village, double lat, double lon) {
        jdbc.sql("""
                        INSERT INTO hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at,
                            closed_at, visited_at, latitude, longitude, route_division, result)
                        VALUES (?, 'VISIT', ?, 'RED', CURRENT_TIMESTAMP, 'DONE', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                            CURRENT_TIMESTAMP, ?, ?, ?, 'VISITED')""").params(warning, village, lat, lon, village).update();
    }

    @Test
    void theOfficerSeesTheNearestVisitFirstRevealsTheNumberAndRecordsTheVisit() throws Exception {
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"shiqiao-officer","displayName":"石桥社区民警","unitCode":"410105005","roles":["OFFICER"],"phone":"13803710121","password":"%s"}""".formatted(Api.DEMO_PASSWORD)))
                .andExpect(status().isCreated());
        var admin = api.session("admin");
        for (String village : List.of("410105005001", "410105005002")) {
            mvc.perform(post("/admin/grid/officer")
                            .session(admin)
                            .with(csrf())
                            .param("divisionCode", village)
                            .param("officer", "shiqiao-officer"))
                    .andExpect(status().is3xxRedirection());
        }
        long far = persistingRedWarning("410105005001", "13903710501");
        long near = persistingRedWarning("410105005002", "13903710502");
        org.awaitility.Awaitility.await()
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM hotline_task WHERE assigned_to = 'shiqiao-officer' AND state = 'OPEN'")
                                .query(Long.class)
                                .single()
                        == 2);
        long farTask = visitOf(far);
        long nearTask = visitOf(near);
        visitedBefore(far, "410105005001", 34.7900, 113.7000);
        visitedBefore(near, "410105005002", 34.7600, 113.6500);

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("permissions", List.of("geolocation"), "origin", "http://localhost:" + port));
        browser.executeCdpCommand(
                "Emulation.setGeolocationOverride", Map.of("latitude", 34.7610, "longitude", 113.6510, "accuracy", 12));
        signIn("shiqiao-officer");
        go("/m/visits");
        assertThat(browser.findElements(By.cssSelector("article.visit-card"))).hasSize(2);
        assertThat(browser.findElement(By.id("visit-" + farTask)).getText()).contains("石桥社区", "139****0501");

        browser.findElement(By.id("sort-near")).click();
        wait.until(ExpectedConditions.urlContains("lat=34.761"));
        List<WebElement> cards = browser.findElements(By.cssSelector("article.visit-card"));
        assertThat(cards.get(0).getAttribute("id")).isEqualTo("visit-" + nearTask);
        assertThat(cards.get(0).getText()).contains("中亨社区", "0.1 公里");
        assertThat(cards.get(1).getText()).contains("5.");
        // one column: nothing wider than the phone
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
                .isLessThanOrEqualTo(390L);

        WebElement first = browser.findElement(By.id("visit-" + nearTask));
        first.findElement(By.cssSelector("button.reveal")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revealed-phone")));
        // still nearest first, the revealed number in place of the button
        assertThat(browser.findElements(By.cssSelector("article.visit-card"))
                        .get(0)
                        .getAttribute("id"))
                .isEqualTo("visit-" + nearTask);
        assertThat(browser.findElement(By.id("visit-" + nearTask)).findElements(By.cssSelector("button.reveal")))
                .isEmpty();
        assertThat(browser.findElement(By.id("revealed-phone")).getAttribute("href"))
                .isEqualTo("tel:13903710502");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE action = 'VIEW' AND entity = 'warning' AND entity_id = ?")
                        .param(Long.toString(near))
                        .query(Long.class)
                        .single())
                .isOne();

        Path photo = Files.createTempFile("visit", ".png");
        Files.write(
                photo,
                java.util.Base64.getDecoder()
                        .decode(
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        first = browser.findElement(By.id("visit-" + nearTask));
        first.findElement(By.cssSelector("button.arrive")).click();
        WebElement card = first;
        wait.until(d -> card.findElement(By.cssSelector(".fix")).getText().contains("12"));
        card.findElement(By.cssSelector("input[name=met][value=true]")).click();
        card.findElement(By.cssSelector("input[name=photo]")).sendKeys(photo.toString());
        card.findElement(By.cssSelector("input[name=note]")).sendKeys("已当面劝阻，家属在场");
        phoneScreenshot("officer-visits-phone");
        card.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));

        var done = jdbc.sql("SELECT state, result, latitude, longitude FROM hotline_task WHERE id = ?")
                .param(nearTask)
                .query()
                .singleRow();
        assertThat(done.get("state")).isEqualTo("DONE");
        assertThat(done.get("result")).isEqualTo("VISITED");
        assertThat(((java.math.BigDecimal) done.get("latitude")).doubleValue())
                .isCloseTo(34.761, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM visit_photo WHERE task_id = ?")
                        .param(nearTask)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(browser.findElements(By.cssSelector("article.visit-card"))).hasSize(1);
    }

    /** What the phone shows, at its own size. */
    void phoneScreenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("fanzha.screenshots", System.getenv("FANZHA_SCREENSHOTS"));
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }
}
