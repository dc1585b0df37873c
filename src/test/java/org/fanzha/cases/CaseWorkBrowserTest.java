package org.fanzha.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acting where the officer is, in a real browser: a county officer files a case with mistakes,
 * sees each at its field with everything typed kept, corrects it, then corrects the loss and adds
 * a suspect on the case's page; a city commander sends a stop-payment from the case.
 */
@IntegrationTest
class CaseWorkBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** A datetime-local field takes keys in the browser's order; set it as the page's script would. */
    private void dateTime(String id, String value) {
        browser.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    @Test
    void theOfficerFilesACaseWithMistakesCorrectsThemAndWorksTheCase() throws Exception {
        signIn("jinshui");
        go("/cases");
        type("c-name", "王秀英");
        type("c-phone", "见笔录");
        type("c-loss", "3万");
        dateTime("c-at", "2021-06-01T20:15");
        type("c-division", "410105");
        type("c-idents", "BANK_CARD 6222021001122334450");
        browser.findElement(By.id("case-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-lossAmount")));
        // each mistake at its field, in Chinese, and nothing typed lost
        assertThat(browser.findElement(By.id("err-lossAmount")).getText()).isEqualTo("应为金额（元），最多两位小数，不能为负");
        assertThat(browser.findElement(By.id("err-victimPhone")).getText()).contains("电话号码");
        assertThat(browser.findElement(By.id("problem")).getText()).contains("损失金额", "被害人 · 电话");
        assertThat(browser.findElement(By.id("c-name")).getAttribute("value")).isEqualTo("王秀英");
        assertThat(browser.findElement(By.id("c-idents")).getAttribute("value"))
                .isEqualTo("BANK_CARD 6222021001122334450");
        assertThat(browser.findElement(By.id("c-at")).getAttribute("value")).isEqualTo("2021-06-01T20:15");
        assertThat(browser.findElement(By.id("case-form")).getText()).contains("涉案要素 1 · 值：未通过卡号校验（有数字错误）");
        screenshot("officer-case-filing-errors");
        type("c-phone", "13703710000");
        type("c-loss", "30000");
        type("c-idents", "BANK_CARD 6222021001122334458");
        browser.findElement(By.id("case-submit")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cases/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/cases/", ""));
        assertThat(browser.findElement(By.id("case-loss")).getText()).isEqualTo("30,000.00");
        assertThat(browser.findElement(By.id("case-unit")).getText()).isEqualTo("金水区 (410105)");

        // the loss verified higher: corrected with a reason, and the history says from what to what
        type("f-loss", "38000.00");
        type("f-note", "被害人补充提供转账记录");
        browser.findElement(By.id("facts-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-loss"), "38,000.00"));
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("更正案情", "损失金额 30,000.00 元 → 38,000.00 元（被害人补充提供转账记录）");

        // a suspect with a wrong ID number: the error at the field, the name kept; then corrected
        type("p-name", "李四");
        type("p-id", "410105199001011234");
        browser.findElement(By.id("suspect-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("err-idNumber")));
        assertThat(browser.findElement(By.id("err-idNumber")).getText()).startsWith("校验码应为");
        assertThat(browser.findElement(By.id("p-name")).getAttribute("value")).isEqualTo("李四");
        type("p-id", "410105199001011233");
        browser.findElement(By.id("suspect-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suspect-list tbody tr")));
        String suspects = browser.findElement(By.id("suspect-list")).getText();
        assertThat(suspects).contains("李四", "410105********1233").doesNotContain("410105199001011233");
        screenshot("officer-case-page");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE case_id = ? AND kind = 'CORRECTED'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theCommanderSendsAStopPaymentFromTheCase() throws Exception {
        signIn("jinshui");
        go("/cases");
        type("c-name", "赵六");
        type("c-loss", "52000.00");
        dateTime("c-at", "2021-06-02T09:30");
        type("c-division", "410105");
        browser.findElement(By.id("case-submit")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cases/\\d+$"));
        String casePath = browser.getCurrentUrl().replaceAll("^https?://[^/]+", "");
        browser.manage().deleteAllCookies();

        signIn("zhengzhou");
        go(casePath);
        String account = "6217" + String.format("%015d", System.nanoTime() % 1_000_000_000_000_000L);
        // a row without its bank: refused at the field, the row kept as typed
        dateTime("stop-time0", "2021-06-02T09:41");
        type("stop-from0", "6222600110022334455");
        type("stop-to0", account);
        type("stop-amount0", "50000.00");
        browser.findElement(By.id("stop-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#stop-rows .field-error")));
        assertThat(browser.findElement(By.id("stop-to0")).getAttribute("value")).isEqualTo(account);
        assertThat(browser.findElement(By.id("stop-rows")).getText()).contains("不是已知的银行或支付机构");
        new Select(browser.findElement(By.id("stop-bank0"))).selectByValue("CCB");
        screenshot("commander-stop-payment-form");
        browser.findElement(By.id("stop-submit")).click();
        wait.until(ExpectedConditions.urlMatches(".*/funds/requests/\\d+$"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("已发送待答复");
        assertThat(browser.getPageSource()).contains(account, "中国建设银行");
        screenshot("commander-stop-payment-sent");
    }
}
