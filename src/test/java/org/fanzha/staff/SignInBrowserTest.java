package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A county officer signs in, sees their district, opens the tree, switches to English and signs out. */
@IntegrationTest
class SignInBrowserTest extends BrowserTest {

    @Test
    void jinshuiSignsInSeesJinshuiSwitchesToEnglishAndSignsOut() {
        go("/login");
        assertThat(browser.findElement(By.id("signin")).getText()).isEqualTo("登录");
        browser.findElement(By.id("username")).sendKeys("jinshui");
        browser.findElement(By.id("password")).sendKeys("fanzha-demo");
        browser.findElement(By.id("signin")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unit-name")));
        assertThat(browser.findElement(By.id("unit-name")).getText()).isEqualTo("金水区");
        assertThat(browser.findElement(By.cssSelector(".topbar .unit")).getText())
                .isEqualTo("金水区");
        assertThat(browser.findElement(By.id("staff-table")).getText())
                .contains("金水分局民警")
                .contains("137****0002");
        assertThat(browser.findElements(By.className("watermark"))).hasSize(1);

        // the tree opens down to the communities of 经八路街道 (htmx)
        browser.findElement(By.cssSelector("#node-410105001 > button.expand")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("node-410105001003")));
        assertThat(browser.findElement(By.id("node-410105001003")).getText()).contains("体育社区");

        browser.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.id("signout"), "Sign out"));
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Divisions of the jurisdiction");
        assertThat(browser.findElement(By.id("unit-name")).getText()).isEqualTo("金水区");

        browser.findElement(By.id("signout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        assertThat(browser.findElement(By.id("signed-out")).getText()).isEqualTo("You have signed out.");
        go("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    }
}
