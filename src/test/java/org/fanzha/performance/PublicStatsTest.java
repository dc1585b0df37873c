package org.fanzha.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 公开数据 without signing in: the province's figures and its cities', small counts as "<5",
 * cached with an ETag until the next 08:00 publication, as CSV; the centre's notes on new
 * patterns; refusals at their fields.
 */
@IntegrationTest
class PublicStatsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void theProvinceAndItsCitiesAreOpenWithSmallCountsHiddenAndCachedUntilTheNextPublication() throws Exception {
        var result = mvc.perform(get("/api/v1/public/stats").param("unit", "41"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("public")))
                .andExpect(header().string("Cache-Control", Matchers.matchesPattern(".*max-age=\\d+.*")))
                .andExpect(header().exists("ETag"))
                .andReturn();
        JsonNode s = json.readTree(result.getResponse().getContentAsString());
        assertThat(s.get("figures").findValuesAsString("indicator"))
                .containsExactly("casesFiled", "lossAmount", "warningsReceived", "dissuaded");
        assertThat(s.get("areas").size()).isEqualTo(18); // Henan's 17 cities and 济源
        // no published count is 1 to 4
        for (JsonNode area : s.get("areas")) {
            area.get("figures")
                    .properties()
                    .forEach(e -> assertThat(e.getValue().asText()).doesNotMatch("[1-4]"));
        }
        for (JsonNode f : s.get("figures")) {
            assertThat(f.get("value").asText()).doesNotMatch("[1-4]");
        }
        // the same again is not sent again
        mvc.perform(get("/api/v1/public/stats")
                        .param("unit", "41")
                        .header("If-None-Match", result.getResponse().getHeader("ETag")))
                .andExpect(status().isNotModified());
        String csv = mvc.perform(get("/api/v1/public/stats.csv").param("unit", "41"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().count()).isEqualTo(20); // header, the province, 18 areas
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("41,河南省,");
        // the page, for anyone
        String page = mvc.perform(get("/stats").param("unit", "4101"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("反诈公开数据", "郑州市", "金水区", "公检法机关不会电话办案");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.fanzha.performance.internal.PublicStatsPublisher publisher;

    @Test
    void figuresAreKeptAsPublishedUntilTheNextPublication() throws Exception {
        // 08:00: this week for the province, every city and every county
        publisher.publish();
        long units = jdbc.sql("""
                        SELECT COUNT(DISTINCT unit_code) FROM public_stats_publication
                        WHERE published_on = (SELECT MAX(published_on) FROM public_stats_publication)""").query(Long.class).single();
        assertThat(units).isGreaterThan(1 + 18 + 100);
        // another period is published when first asked for, and then served as published: what the
        // public saw does not change under them (here the kept publication is marked to tell)
        String first = mvc.perform(
                        get("/api/v1/public/stats").param("unit", "4103").param("period", "2026-10"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(jdbc.sql(
                                "UPDATE public_stats_publication SET body = REPLACE(body, '洛阳市', '洛阳市（已发布）') WHERE unit_code = '4103' AND period_from = DATE '2026-10-01'")
                        .update())
                .isOne();
        String kept = mvc.perform(
                        get("/api/v1/public/stats").param("unit", "4103").param("period", "2026-10"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(kept).contains("洛阳市（已发布）").isNotEqualTo(first);
        // the next publication computes it again
        jdbc.sql("DELETE FROM public_stats_publication WHERE unit_code = '4103' AND period_from = DATE '2026-10-01'")
                .update();
        assertThat(mvc.perform(get("/api/v1/public/stats").param("unit", "4103").param("period", "2026-10"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .isEqualTo(first);
    }

    @Test
    void badAsksAreRefusedAtTheirFieldsAndOnlyTheProvincePublishesPatterns() throws Exception {
        mvc.perform(get("/api/v1/public/stats").param("unit", "abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unit"));
        mvc.perform(get("/api/v1/public/stats").param("unit", "410105001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unit"));
        mvc.perform(get("/api/v1/public/stats").param("period", "someday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("period"));
        mvc.perform(get("/api/v1/public/stats").param("period", "2099-W01")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/stats/patterns")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fraudType\":\"LOAN\",\"title\":\"x\",\"body\":\"y\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/stats/patterns")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fraudType\":\"CAR\",\"title\":\"\",\"body\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("fraudType", "title", "body")));
        mvc.perform(
                        post("/api/v1/stats/patterns")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"fraudType\":\"LOAN\",\"title\":\"<i>注销校园贷</i>\",\"body\":\"冒充客服称需注销“校园贷”账户，否则影响征信。\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/public/patterns"))
                .andExpect(jsonPath("$[0].title").value("<i>注销校园贷</i>"));
        assertThat(mvc.perform(get("/stats")).andReturn().getResponse().getContentAsString())
                .contains("&lt;i&gt;注销校园贷&lt;/i&gt;")
                .doesNotContain("<i>注销校园贷");
    }
}
