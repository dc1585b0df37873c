package org.fanzha.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The risk list through its API: checks, feedback, the change feed, snapshots, reviews, and bad input. */
@IntegrationTest
class RiskApiTest {

    static final AtomicLong next = new AtomicLong(System.nanoTime() % 90_000_000L);

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    RiskList list;

    /** A mobile number no other test uses. */
    static String mobile() {
        return "139" + String.format("%08d", next.incrementAndGet() % 100_000_000L);
    }

    ResultActions post(String auth, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    String token(String permission) throws Exception {
        return "Bearer "
                + body(post(
                                "admin",
                                "/api/v1/tokens",
                                "{\"name\":\"bank-" + System.nanoTime() + "\",\"permissions\":[\"" + permission
                                        + "\"],\"sources\":[\"BANK\"]}"))
                        .get("token")
                        .asText();
    }

    /** A streamed download's text (the body is written after the request's async start). */
    String download(String token, String path) throws Exception {
        var started = mvc.perform(get(path).header("Authorization", token)).andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    JsonNode check(String token, String itemsJson) throws Exception {
        return body(post(token, "/api/v1/risk/check", "{\"items\":" + itemsJson + "}")
                        .andExpect(status().isOk()))
                .get("results");
    }

    @Test
    void aPartnersConfirmedFraudListsTheNumberInEveryFormItIsWrittenAndTheFeedCarriesIt() throws Exception {
        String bank = token("risk:check");
        String phone = mobile();
        String spaced = "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
        long before = body(mvc.perform(
                        get("/api/v1/risk/changes?since=0&limit=1").header("Authorization", bank)))
                .get("latest")
                .asLong();
        JsonNode none = check(bank, "[{\"type\":\"PHONE\",\"value\":\"" + spaced + "\"}]")
                .get(0);
        assertThat(none.get("level").asText()).isEqualTo("NONE");
        assertThat(none.get("normalized").asText()).isEqualTo("+86" + phone);

        JsonNode fed = body(
                post(bank, "/api/v1/risk/feedback", """
                {"items":[{"type":"PHONE","value":"%s","result":"CONFIRMED_FRAUD","reference":"CASE-%s"},
                          {"type":"PHONE","value":"12","result":"DECLINED"}]}""".formatted(phone, phone)).andExpect(status().isOk()));
        assertThat(fed.get("recorded").asInt()).isEqualTo(1);
        assertThat(fed.at("/results/1/valid").asBoolean()).isFalse();
        // the same feedback again is one sighting, not two
        assertThat(body(post(bank, "/api/v1/risk/feedback", """
                {"items":[{"type":"PHONE","value":"%s","result":"CONFIRMED_FRAUD","reference":"CASE-%s"}]}""".formatted(phone, phone)))
                        .get("recorded")
                        .asInt())
                .isZero();

        JsonNode results = check(bank, """
                [{"type":"PHONE","value":"%s"},{"type":"phone","value":"0086%s"},{"type":"PHONE","value":"not a number"},
                 {"type":"QQ","value":12345678},{"type":"DOMAIN","value":"example.org"}]""".formatted(spaced, phone));
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("level").asText()).isEqualTo("HIGH");
        assertThat(results.get(0).get("action").asText()).isEqualTo("CONFIRM");
        assertThat(results.get(0).get("reason").asText()).isEqualTo("partner-confirmed");
        assertThat(results.get(1).get("level").asText()).isEqualTo("HIGH");
        assertThat(results.get(2).get("valid").asBoolean()).isFalse();
        assertThat(results.get(2).get("reason").asText()).isEqualTo("phone.not");
        assertThat(results.get(2).get("message").asText()).isNotBlank();
        assertThat(results.get(3).get("normalized").asText()).isEqualTo("12345678");
        assertThat(results.get(3).get("level").asText()).isEqualTo("NONE");
        assertThat(results.get(4).get("level").asText()).isEqualTo("NONE");

        JsonNode changes =
                body(mvc.perform(get("/api/v1/risk/changes?since=" + before).header("Authorization", bank))
                        .andExpect(status().isOk()));
        assertThat(changes.get("latest").asLong()).isGreaterThan(before);
        assertThat(changes.get("changes").findValuesAsString("value")).contains("+86" + phone);
        JsonNode change = null;
        for (JsonNode c : changes.get("changes")) {
            if (c.get("value").asText().equals("+86" + phone)) {
                change = c;
            }
        }
        assertThat(change.get("level").asText()).isEqualTo("HIGH");
        assertThat(change.get("type").asText()).isEqualTo("PHONE");
        assertThat(change.get("serial").asLong()).isGreaterThan(before);

        String csv = download(bank, "/api/v1/risk/snapshot?type=PHONE");
        assertThat(csv)
                .startsWith("type,value,level,action,reason,since")
                .contains("PHONE,+86" + phone + ",HIGH,CONFIRM,partner-confirmed,");
    }

    @Test
    void aCasesReceivingAccountIsVeryHighAReviewerConfirmsAndCarriersAreToldToIntercept() throws Exception {
        String bank = token("risk:check");
        String phone = mobile();
        list.record(List.of(new Sighting(
                RiskType.PHONE,
                phone,
                SightingKind.CASE,
                Instant.now().minus(Duration.ofDays(3)),
                "CASE",
                "T" + phone,
                null,
                "410105",
                org.fanzha.platform.FraudType.IMPERSONATE_POLICE,
                true)));
        JsonNode hit = check(bank, "[{\"type\":\"PHONE\",\"value\":\"" + phone + "\"}]")
                .get(0);
        assertThat(hit.get("level").asText()).isEqualTo("VERY_HIGH");
        assertThat(hit.get("action").asText()).isEqualTo("DECLINE");
        assertThat(hit.get("reason").asText()).isEqualTo("case-recent");
        String carriers = download(bank, "/api/v1/risk/carrier/phones");
        assertThat(carriers).contains("+86" + phone + ",LABEL,case-recent,");

        JsonNode found = body(mvc.perform(
                        get("/api/v1/risk/entries").param("value", phone).header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk()));
        assertThat(found).hasSize(1);
        long id = found.get(0).get("id").asLong();
        assertThat(found.get(0).at("/sightings/CASE").asInt()).isEqualTo(1);
        assertThat(found.get(0).get("category").asText()).isEqualTo("IMPERSONATE_POLICE");

        // a county officer may look, not review; bad reviews are refused field by field
        post("jinshui", "/api/v1/risk/entries/" + id + "/review", "{\"level\":\"VERY_HIGH\",\"reason\":\"x\"}")
                .andExpect(status().isForbidden());
        post(
                        "duty",
                        "/api/v1/risk/entries/" + id + "/review",
                        "{\"level\":\"EXTREME\",\"reason\":\"\",\"validDays\":9999}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("level"));
        post(
                        "duty",
                        "/api/v1/risk/entries/" + id + "/review",
                        "{\"level\":\"VERY_HIGH\",\"reason\":\"\",\"validDays\":9999}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("reason", "validDays")));
        post(
                        "duty",
                        "/api/v1/risk/entries/" + id + "/review",
                        "{\"level\":\"VERY_HIGH\",\"reason\":\"冒充公检法收款号码，已核实\",\"validDays\":90}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rule").value("review"))
                .andExpect(jsonPath("$.reviewedBy").value("duty"));
        assertThat(download(bank, "/api/v1/risk/carrier/phones")).contains("+86" + phone + ",INTERCEPT,review,");
        JsonNode detail =
                body(mvc.perform(get("/api/v1/risk/entries/" + id).header("Authorization", api.bearer("luoyang"))));
        // 洛阳 sees that a case saw it, not which case of 郑州's
        assertThat(detail.at("/recentSightings/0/refId").isNull()).isTrue();
        assertThat(detail.at("/history/0/kind").asText()).isEqualTo("GRADED");

        // a partner's "legitimate" lowers it one step and queues it for review
        post(
                        bank,
                        "/api/v1/risk/feedback",
                        "{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + phone
                                + "\",\"result\":\"VERIFIED_LEGITIMATE\"}]}")
                .andExpect(status().isOk());
        JsonNode lowered = check(bank, "[{\"type\":\"PHONE\",\"value\":\"" + phone + "\"}]")
                .get(0);
        assertThat(lowered.get("level").asText()).isEqualTo("HIGH");
        assertThat(lowered.get("reason").asText()).isEqualTo("partner-legitimate");
        assertThat(body(mvc.perform(get("/api/v1/risk/reviews").header("Authorization", api.bearer("duty"))))
                        .findValuesAsString("value"))
                .contains("+86" + phone);
    }

    @Test
    void aFiledCasesIdentifiersAreOnTheListAtOnceAndLeaveItWhenTheCaseIsWithdrawn() throws Exception {
        String bank = token("risk:check");
        String phone = mobile();
        String qq = Long.toString(10_000_000L + next.incrementAndGet() % 80_000_000L);
        long caseId = body(post("jinshui", "/api/v1/cases", """
                        {"fraudType":"IMPERSONATE_POLICE","lossAmount":"38000","occurredAt":"%s",
                         "identifiers":[{"type":"PHONE","value":"%s"},{"type":"QQ","value":"%s"}]}""".formatted(
                                        java.time.OffsetDateTime.now().minusHours(2), phone, qq))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        String items = "[{\"type\":\"PHONE\",\"value\":\"" + phone + "\"},{\"type\":\"QQ\",\"value\":\"" + qq + "\"}]";
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode r = check(bank, items);
            assertThat(r.get(0).get("level").asText()).isEqualTo("VERY_HIGH");
            assertThat(r.get(0).get("reason").asText()).isEqualTo("case-recent");
            // a QQ number links the case but is no caller or receiving account
            assertThat(r.get(1).get("level").asText()).isEqualTo("HIGH");
            assertThat(r.get(1).get("reason").asText()).isEqualTo("case-linked");
        });
        JsonNode detail = body(mvc.perform(
                get("/api/v1/risk/entries").param("value", phone).header("Authorization", api.bearer("jinshui"))));
        JsonNode entry = body(mvc.perform(
                get("/api/v1/risk/entries/" + detail.get(0).get("id").asLong())
                        .header("Authorization", api.bearer("jinshui"))));
        // the case's own unit sees which case it was
        assertThat(entry.at("/recentSightings/0/refId").asText()).isEqualTo(Long.toString(caseId));
        post("jinshui", "/api/v1/cases/" + caseId + "/withdraw", "{\"note\":\"经查不构成诈骗\"}")
                .andExpect(status().isOk());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode r = check(bank, items);
            assertThat(r.get(0).get("level").asText()).isEqualTo("NONE");
            assertThat(r.get(1).get("level").asText()).isEqualTo("NONE");
        });
    }

    @Test
    void theNumberCallingAWarnedPersonIsMediumUntilMoreIsKnown() throws Exception {
        String bank = token("risk:check");
        String caller = "+852" + (60_000_000 + next.incrementAndGet() % 9_000_000);
        post("duty", "/api/v1/leads", """
                {"source":"NATIONAL_CENTRE","sourceId":"RISK-%s","phone":"%s","divisionCode":"410105","fraudType":"IMPERSONATE_POLICE",
                 "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"%s","minutes":12}]}""".formatted(caller, mobile(), caller)).andExpect(status().is2xxSuccessful());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode r = check(bank, "[{\"type\":\"PHONE\",\"value\":\"" + caller + "\"}]")
                    .get(0);
            assertThat(r.get("level").asText()).isEqualTo("MEDIUM");
            assertThat(r.get("reason").asText()).isEqualTo("warning-counterpart");
        });
    }

    @Test
    void thePublicLookupShowsTheLevelAndTheRouteToAppealButNeverTheSource() throws Exception {
        String phone = mobile();
        list.record(List.of(new Sighting(
                RiskType.PHONE,
                phone,
                SightingKind.CASE,
                Instant.now(),
                "CASE",
                "P" + phone,
                null,
                "410105",
                org.fanzha.platform.FraudType.LOAN,
                true)));
        String page = mvc.perform(get("/risk")
                        .param("type", "PHONE")
                        .param("target", "+86 " + phone)
                        .with(r -> {
                            r.setRemoteAddr("198.51.100." + (next.get() % 200 + 1));
                            return r;
                        }))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("极高风险")
                .contains("贷款")
                .contains("第三十二条")
                .contains("+86" + phone)
                .doesNotContain("410105")
                .doesNotContain("P" + phone);
        String bad = mvc.perform(get("/risk")
                        .param("type", "BANK_CARD")
                        .param("target", "6222021001122334459")
                        .with(r -> {
                            // an address of its own: the public pages count requests per address
                            r.setRemoteAddr("198.51.100." + (next.incrementAndGet() % 200 + 1));
                            return r;
                        }))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(bad).contains("校验");
        String none = mvc.perform(get("/risk")
                        .param("type", "QQ")
                        .param("target", "99887766")
                        .with(r -> {
                            // an address of its own: the public pages count requests per address
                            r.setRemoteAddr("198.51.100." + (next.incrementAndGet() % 200 + 1));
                            return r;
                        }))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(none).contains("暂未列入风险名单").doesNotContain("id=\"remedy\"");
    }

    @Test
    void publicReportsFromThreeReportersWaitForReviewAtMedium() throws Exception {
        String bank = token("risk:check");
        String wechat = "fraud_" + next.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            list.record(List.of(new Sighting(
                    RiskType.WECHAT,
                    wechat.toUpperCase(),
                    SightingKind.PUBLIC_REPORT,
                    Instant.now(),
                    "REPORT",
                    "R-" + wechat + i,
                    "reporter-" + i,
                    null,
                    null,
                    false)));
            // one reporter reporting twice is still one reporter
            list.record(List.of(new Sighting(
                    RiskType.WECHAT,
                    wechat,
                    SightingKind.PUBLIC_REPORT,
                    Instant.now(),
                    "REPORT",
                    "R2-" + wechat + i,
                    "reporter-0",
                    null,
                    null,
                    false)));
        }
        JsonNode hit = check(bank, "[{\"type\":\"WECHAT\",\"value\":\"" + wechat + "\"}]")
                .get(0);
        assertThat(hit.get("level").asText()).isEqualTo("MEDIUM");
        assertThat(hit.get("action").asText()).isEqualTo("WARN");
        JsonNode queued = body(mvc.perform(get("/api/v1/risk/entries")
                .param("value", wechat)
                .param("type", "WECHAT")
                .header("Authorization", api.bearer("analyst"))));
        assertThat(queued.get(0).get("queue").asText()).isEqualTo("REPORTS");
        assertThat(queued.get(0).at("/sightings/PUBLIC_REPORT").asInt()).isEqualTo(6);
    }

    @Test
    void badInputIsRefusedItemByItemOrAsAWholeWithTheRightStatus() throws Exception {
        String bank = token("risk:check");
        StringBuilder many = new StringBuilder("{\"items\":[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"QQ\",\"value\":\"")
                    .append(10000 + i)
                    .append("\"}");
        }
        post(bank, "/api/v1/risk/check", many.append("]}").toString())
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:too-many-items"));
        post(
                        bank,
                        "/api/v1/risk/check",
                        "{\"items\":[{\"type\":\"PHONE\",\"value\":\"13937900000\"},{\"type\":\"FAX\",\"value\":\"1\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[1].type"));
        post(bank, "/api/v1/risk/check", "{\"items\":[]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"));
        post(bank, "/api/v1/risk/check", "{\"items\":[null,{\"type\":\"PHONE\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[0]"));
        post(
                        bank,
                        "/api/v1/risk/check",
                        "{\"items\":[{\"type\":\"PHONE\",\"value\":{\"$gt\":\"\"}},{\"type\":\"BANK_CARD\",\"value\":\"6222021001122334459\"},"
                                + "{\"type\":\"APP\",\"value\":\"<script>alert(1)</script>\"},{\"type\":\"CRYPTO_ADDRESS\",\"value\":\""
                                + "T".repeat(5000) + "\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].valid").value(false))
                .andExpect(jsonPath("$.results[1].reason").value("ident.luhn"))
                .andExpect(jsonPath("$.results[2].valid").value(false))
                .andExpect(jsonPath("$.results[3].reason").value("ident.tooLong"));
        post(
                        bank,
                        "/api/v1/risk/feedback",
                        "{\"items\":[{\"type\":\"PHONE\",\"value\":\"13937900000\",\"result\":\"MAYBE\",\"at\":\"yesterday\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains("items[0].result", "items[0].at")));
        mvc.perform(get("/api/v1/risk/changes?since=-1").header("Authorization", bank))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/risk/changes?since=abc").header("Authorization", bank))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("since"));
        mvc.perform(get("/api/v1/risk/snapshot?type=URL").header("Authorization", bank))
                .andExpect(status().isBadRequest());
        // the whole list goes to partners and the province, not to a county officer
        for (String bulk : java.util.List.of(
                "/api/v1/risk/changes?since=0", "/api/v1/risk/snapshot", "/api/v1/risk/carrier/phones")) {
            mvc.perform(get(bulk).header("Authorization", api.bearer("jinshui")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("province")));
        }
        mvc.perform(get("/api/v1/risk/changes?since=0&limit=1").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk());
        // a partner without risk:check, and nobody at all
        post(
                        token("blocklist:check"),
                        "/api/v1/risk/check",
                        "{\"items\":[{\"type\":\"PHONE\",\"value\":\"13937900000\"}]}")
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/risk/check")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[]}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/risk/entries/999999999").header("Authorization", api.bearer("duty")))
                .andExpect(status().isNotFound());
    }
}
