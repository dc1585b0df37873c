package org.fanzha.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report form on a phone (390 × 844): Chinese first, 96110 named, one column that fits the
 * screen; a bad amount comes back at its field with what was typed kept; sent, the reporter lands
 * on the status page with the receipt, and the report is stored with its screenshot.
 */
@IntegrationTest
class ReportBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    long width() {
        return (Long) browser.executeScript("return document.documentElement.scrollWidth;");
    }

    @Test
    void aVictimReportsATransferFromAPhone() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        go("/public/report");
        assertThat(browser.findElement(By.id("urgent")).getText()).contains("96110");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("我要举报");
        long viewport = (Long) browser.executeScript("return window.innerWidth;");
        assertThat(width()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(viewport);
        String phone = "135" + String.format("%08d", System.nanoTime() % 100_000_000L);
        browser.findElement(By.id("reporterPhone")).sendKeys(phone);
        browser.findElement(By.id("victim-yes")).click();
        browser.findElement(By.id("fraudster-0")).sendKeys("+86 171 0000 1234");
        // a date-time field is typed in the browser's own locale order; its value is what the form sends
        String when = LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
                .minusMinutes(30)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id("t0-time")), when);
        browser.findElement(By.id("t0-to")).sendKeys("6217000012345678901");
        browser.findElement(By.id("t0-bank")).sendKeys("中国建设银行");
        browser.findElement(By.id("t0-amount")).sendKeys("三万");
        browser.findElement(By.id("text")).sendKeys("对方自称公安，要求转到安全账户");
        Path shot = Files.createTempFile("chat", ".png");
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(6, 6, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png",
                shot.toFile());
        browser.findElement(By.id("evidence")).sendKeys(shot.toAbsolutePath().toString());
        screenshot("report-form-phone");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.id("report-go")).click();
        // the amount is refused at its field, what was typed is kept
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-t0-amount")));
        assertThat(browser.findElement(By.id("reporterPhone")).getAttribute("value"))
                .isEqualTo(phone);
        assertThat(browser.findElement(By.id("t0-to")).getAttribute("value")).isEqualTo("6217000012345678901");
        browser.findElement(By.id("t0-amount")).clear();
        browser.findElement(By.id("t0-amount")).sendKeys("30000");
        browser.findElement(By.id("evidence")).sendKeys(shot.toAbsolutePath().toString());
        browser.findElement(By.id("report-go")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-status")));
        String receipt = browser.findElement(By.id("receipt")).getText();
        assertThat(receipt).matches("R-\\d{8}-\\d{6}");
        assertThat(browser.findElement(By.id("filed")).getText()).contains(receipt);
        assertThat(width()).isLessThanOrEqualTo(viewport);
        screenshot("report-status-phone");
        browser.manage().window().setSize(new Dimension(390, 844));
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM public_report r JOIN public_report_evidence e ON e.report_id = r.id
                        JOIN public_report_transfer t ON t.report_id = r.id
                        WHERE r.receipt = ? AND t.amount = 30000 AND e.content_type = 'image/png'""").param(receipt).query(Long.class).single()).isEqualTo(1);
        Files.deleteIfExists(shot);
    }
}
