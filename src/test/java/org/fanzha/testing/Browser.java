package org.fanzha.testing;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for browser tests. Without Chromium the test is skipped, unless
 * CI=true, where that is a failure (.ci/run installs it).
 */
public final class Browser {

    static final String CHROMIUM = System.getenv().getOrDefault("FANZHA_CHROMIUM", "/usr/bin/chromium");
    static final String DRIVER = System.getenv().getOrDefault("FANZHA_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {}

    public static ChromeDriver start() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present && TestDatabase.ci()) {
            throw new IllegalStateException(
                    "CI=true but Chromium or ChromeDriver is missing at " + CHROMIUM + " / " + DRIVER);
        }
        Assumptions.assumeTrue(
                present, "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,768",
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("fanzha-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }
}
