package org.fanzha.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanzha.performance.internal.Rollups;
import org.fanzha.testing.BrowserTest;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard draws its map, tiles, trend and ranking, and a click on a city drills down to its counties. */
@IntegrationTest
class DashboardBrowserTest extends BrowserTest {

    @Autowired
    Rollups rollups;

    @Test
    void theProvinceDashboardDrawsAndACityClickDrillsDown() throws Exception {
        rollups.refreshNow();
        browser.manage().window().setSize(new Dimension(1366, 900));
        signIn("duty");
        go("/performance");
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("dashboard")), "data-loaded"));
        assertThat(browser.findElements(By.cssSelector("#tiles .tile"))).hasSizeGreaterThanOrEqualTo(18);
        assertThat(browser.findElements(By.cssSelector("#tiles .tile[data-period=today]")))
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#ranking-table tbody tr")))
                .hasSize(18);
        // the ranking names its period and links to the ranking page of that period
        assertThat(browser.findElement(By.id("ranking-period")).getText()).startsWith("(20");
        assertThat(browser.findElement(By.id("ranking-link")).getAttribute("href"))
                .contains("period=");
        assertThat(browser.findElements(By.cssSelector("#map canvas"))).isNotEmpty();
        screenshot("dashboard-province");

        // 郑州 (113.65 E, 34.76 N) on the map, clicked where ECharts draws it
        WebElement map = browser.findElement(By.id("map"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", map);
        @SuppressWarnings("unchecked")
        List<Number> xy = (List<Number>)
                browser.executeScript(
                        "return echarts.getInstanceByDom(document.getElementById('map')).convertToPixel({seriesIndex: 0}, [113.65, 34.72]);");
        int dx = (int) Math.round(xy.get(0).doubleValue() - map.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(xy.get(1).doubleValue() - map.getSize().getHeight() / 2.0);
        screenshot("dashboard-map");
        new Actions(browser).moveToElement(map, dx, dy).click().perform();
        wait.until(ExpectedConditions.urlContains("unit=4101"));
        WebElement dashboard = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        assertThat(dashboard.getAttribute("data-level")).isEqualTo("CITY");
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("dashboard")), "data-loaded"));
        // the ranking of 郑州's county-level units
        assertThat(browser.findElements(By.cssSelector("#ranking-table tbody tr"))
                        .size())
                .isGreaterThan(5);
        assertThat(browser.findElement(By.id("ranking-table")).getText()).contains("金水区");
        screenshot("dashboard-city");
    }
}
