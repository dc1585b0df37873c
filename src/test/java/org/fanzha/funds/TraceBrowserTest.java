package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.fanzha.testing.Api;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace page in a browser: the graph is drawn with a node per account, the account still
 * holding money is marked, and one click sends a stop-payment for it to its bank.
 */
@IntegrationTest
class TraceBrowserTest extends BrowserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void theTraceIsDrawnAndAnAccountHoldingMoneyIsStoppedInOneClick() throws Exception {
        String tag = String.format("%06d", System.nanoTime() % 1_000_000);
        String a = "86" + tag + "000000000001";
        String b = "86" + tag + "000000000002";
        String c = "86" + tag + "000000000003";
        long caseId = json.readTree(mvc.perform(
                                post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"9000\",\"occurredAt\":\"2021-06-01T20:00:00+08:00\"}"))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        String csv = """
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                2021-06-01 20:20:00,%1$s,6222020000000000009,被害人,,9000.00,贷,9000.00,T-1,网银
                2021-06-01 20:25:00,%1$s,%2$s,某某,建设银行,6000.00,借,3000.00,T-2,网银
                2021-06-01 20:26:00,%1$s,%3$s,某某,农业银行,3000.00,借,0.00,T-3,网银
                2021-06-01 20:25:00,%2$s,%1$s,某某,,6000.00,贷,6000.00,T-4,网银
                2021-06-01 20:40:00,%2$s,,,,6000.00,借,0.00,T-5,ATM取款
                2021-06-01 20:26:00,%3$s,%1$s,某某,,3000.00,贷,3000.00,T-6,网银
                """.formatted(a, b, c);
        mvc.perform(multipart("/api/v1/funds/statements")
                        .file(new MockMultipartFile("file", "t.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk());

        signIn("jinshui");
        go("/funds");
        browser.findElement(By.id("trace-link")).click();
        browser.findElement(By.name("account")).sendKeys(a);
        browser.findElement(By.name("from")).sendKeys("2021-06-01 20:20");
        browser.findElement(By.name("caseId")).sendKeys(Long.toString(caseId));
        browser.findElement(By.cssSelector("#trace-form button")).click();
        // A, B, C and B's cash withdrawal
        wait.until(ExpectedConditions.attributeToBe(By.id("trace-graph"), "data-drawn", "4"));
        assertThat(browser.findElements(By.cssSelector("#trace-graph canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("summary")).getText()).contains(a, "9000.00");
        // viewing changed nothing: the accounts join the case only when the officer says so
        assertThat(browser.findElements(By.id("joined"))).isEmpty();
        browser.findElement(By.id("join")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("joined")));
        assertThat(browser.findElement(By.id("joined")).getText()).contains(Long.toString(caseId));
        wait.until(ExpectedConditions.attributeToBe(By.id("trace-graph"), "data-drawn", "4"));
        assertThat(browser.findElements(By.cssSelector("#trace-table tr.holds")))
                .hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#trace-table tr.holds")).getAttribute("data-account"))
                .isEqualTo(c);
        String dir = System.getProperty("fanzha.screenshots", System.getenv("FANZHA_SCREENSHOTS"));
        if (dir != null) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1000));
            java.nio.file.Files.write(
                    java.nio.file.Path.of(dir, "funds-trace.png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
        browser.findElement(By.cssSelector("#trace-table tr.holds .stop-form button"))
                .click();
        wait.until(ExpectedConditions.urlMatches(".*/funds/requests/\\d+$"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("已发送待答复");
        assertThat(browser.findElement(By.id("facts")).getText()).contains(c, "3,000.00", "中国农业银行");
    }
}
