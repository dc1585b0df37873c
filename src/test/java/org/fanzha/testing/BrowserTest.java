package org.fanzha.testing;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser test against the running server: a fresh headless Chromium per test (see {@link Browser}). */
public abstract class BrowserTest {

    @LocalServerPort
    protected int port;

    protected ChromeDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected void go(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /**
     * Saves what the browser shows as {@code <name>.png} in the directory {@code FANZHA_SCREENSHOTS}
     * (or {@code -Dfanzha.screenshots}) names, at 1366 pixels wide; nothing when neither is set.
     */
    protected void screenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("fanzha.screenshots", System.getenv("FANZHA_SCREENSHOTS"));
        if (dir == null || dir.isBlank()) {
            return;
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        long height = (Long) browser.executeScript("return Math.max(document.body.scrollHeight, 768);");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, (int) Math.min(height, 4000)));
        java.nio.file.Files.write(
                java.nio.file.Path.of(dir, name + ".png"),
                browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** Fills in and sends the sign-in form for a demo account, and waits for the unit's page. */
    protected void signIn(String username) {
        go("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unit-name")));
    }
}
