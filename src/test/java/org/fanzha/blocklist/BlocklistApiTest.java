package org.fanzha.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BlocklistApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36) + ".example";
    }

    ResultActions addEntry(String as, String body) throws Exception {
        return mvc.perform(post("/api/v1/blocklist/entries")
                .header("Authorization", api.bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions check(String as, String target) throws Exception {
        return mvc.perform(
                get("/api/v1/blocklist/check").param("target", target).header("Authorization", api.bearer(as)));
    }

    ResultActions importList(String as, String query, String body) throws Exception {
        return mvc.perform(post("/api/v1/blocklist/imports?" + query)
                .header("Authorization", api.bearer(as))
                .contentType(MediaType.TEXT_PLAIN)
                .content(body));
    }

    long id(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString())
                .get("entry")
                .get("id")
                .asLong();
    }

    @Test
    void aGovernmentNameIsBlockedOnlyWhenConfirmed() throws Exception {
        String name = unique("jwc").replace(".example", "") + ".zzu.edu.cn";
        addEntry("duty", """
                        {"value":"%s","scope":"DOMAIN","category":"IMPERSONATE_POLICE","source":"POLICE"}""".formatted(name))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:sensitive-name"))
                .andExpect(jsonPath("$.confirmWith").value("sensitiveConfirmed"));
        check("analyst", name).andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        addEntry("duty", """
                        {"value":"%s","scope":"DOMAIN","category":"IMPERSONATE_POLICE","source":"POLICE","sensitiveConfirmed":true}""".formatted(name)).andExpect(status().isCreated());
        check("analyst", name).andExpect(jsonPath("$.verdict").value("BLOCKED"));
    }

    @Test
    void theContractExampleIsBlockedWithItsSubdomainsAndTheAnswerExplainsItself() throws Exception {
        String domain = unique("loan-fast");
        addEntry("duty", """
                        {"value":"%s","scope":"DOMAIN_AND_SUBDOMAINS","category":"LOAN","source":"POLICE","evidence":"群众举报：网贷先交保证金"}""".formatted(domain.toUpperCase() + "."))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entry.value").value(domain))
                .andExpect(jsonPath("$.entry.state").value("ACTIVE"))
                .andExpect(jsonPath("$.duplicate").value(false));
        check("analyst", "http://a.b." + domain + "/x")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.target").value("http://a.b." + domain + "/x"))
                .andExpect(jsonPath("$.normalized").value("http://a.b." + domain + "/x"))
                .andExpect(jsonPath("$.verdict").value("BLOCKED"))
                .andExpect(jsonPath("$.decidedBy.value").value(domain))
                .andExpect(jsonPath("$.decidedBy.scope").value("DOMAIN_AND_SUBDOMAINS"))
                .andExpect(jsonPath("$.decidedBy.category").value("LOAN"))
                .andExpect(jsonPath("$.decidedBy.source").value("POLICE"))
                .andExpect(jsonPath("$.decidedBy.since").isNotEmpty());
        check("analyst", "x" + domain).andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        // the same entry again is acknowledged, not stored twice
        addEntry("duty", """
                        {"value":"%s","scope":"DOMAIN_AND_SUBDOMAINS","category":"LOAN","source":"POLICE"}""".formatted(domain))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true));
    }

    @Test
    void entriesOfOthersWaitForReviewAndAreInForceOnceApproved() throws Exception {
        String domain = unique("order-brush");
        long id = id(addEntry("jinshui", """
                        {"value":"%s","scope":"DOMAIN","category":"ORDER_BRUSHING","source":"POLICE"}""".formatted(domain))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entry.state").value("PENDING_REVIEW")));
        check("jinshui", domain).andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        mvc.perform(post("/api/v1/blocklist/entries/{id}/approve", id).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/blocklist/entries/{id}/approve", id)
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"核实为刷单平台\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ACTIVE"))
                .andExpect(jsonPath("$.reviewedBy").value("duty"));
        check("jinshui", domain).andExpect(jsonPath("$.verdict").value("BLOCKED"));
        check("jinshui", "www." + domain).andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        mvc.perform(post("/api/v1/blocklist/entries/{id}/approve", id).header("Authorization", api.bearer("duty")))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/blocklist/entries/{id}/remove", id).header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REMOVED"));
        check("jinshui", domain).andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        mvc.perform(get("/api/v1/blocklist/entries/{id}", id).header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$.events[*].action")
                        .value(org.hamcrest.Matchers.contains("ADDED", "APPROVED", "REMOVED")));
    }

    @Test
    void allowEntriesWinAndBlockingAnAllowedNameIsRefusedWithTheReason() throws Exception {
        addEntry("duty", """
                        {"value":"https://pay.alipay.com/login","scope":"URL_PREFIX","category":"CUSTOMER_SERVICE","source":"POLICE"}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("allowed-name")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("alipay.com")));
        check("analyst", "https://www.icbc.com.cn/")
                .andExpect(jsonPath("$.verdict").value("ALLOWED"))
                .andExpect(jsonPath("$.decidedBy.kind").value("ALLOW"))
                .andExpect(jsonPath("$.decidedBy.value").value("icbc.com.cn"))
                .andExpect(jsonPath("$.decidedBy.reason").value("中国工商银行"));
        // allowing the platform does not protect what its users host there
        String tenant = "fraud-" + Long.toString(System.nanoTime(), 36) + ".blogspot.com";
        addEntry("duty", """
                        {"value":"%s","category":"INVESTMENT","source":"POLICE"}""".formatted(tenant)).andExpect(status().isCreated());
        check("analyst", "http://" + tenant + "/")
                .andExpect(jsonPath("$.verdict").value("BLOCKED"));
        check("analyst", "blogspot.com").andExpect(jsonPath("$.verdict").value("ALLOWED"));
        // an allow entry added later wins over blocks below it, at once
        // (a real top-level domain: a name under no public suffix is its own registrable domain)
        String platform = "big-platform-" + Long.toString(System.nanoTime(), 36) + ".com";
        addEntry("duty", """
                        {"value":"shop.%s","scope":"DOMAIN","category":"FAKE_SHOPPING","source":"POLICE"}""".formatted(platform)).andExpect(status().isCreated());
        check("analyst", "shop." + platform).andExpect(jsonPath("$.verdict").value("BLOCKED"));
        String allowed = mvc.perform(post("/api/v1/blocklist/allow")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"domain\":\"%s\",\"reason\":\"大型电商平台\"}".formatted(platform)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        check("analyst", "shop." + platform).andExpect(jsonPath("$.verdict").value("ALLOWED"));
        mvc.perform(delete(
                                "/api/v1/blocklist/allow/{id}",
                                json.readTree(allowed).get("id").asLong())
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isNoContent());
        check("analyst", "shop." + platform).andExpect(jsonPath("$.verdict").value("BLOCKED"));
    }

    @Test
    void badValuesAreRefusedFieldByField() throws Exception {
        addEntry("duty", "{\"value\":\"exa mple.com\",\"category\":\"LOAN\",\"source\":\"POLICE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        addEntry("duty", "{\"value\":\"com.cn\",\"category\":\"LOAN\",\"source\":\"POLICE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("public suffix")));
        addEntry("duty", "{\"value\":\"a.example\",\"category\":\"NOT_A_TYPE\",\"source\":\"POLICE\"}")
                .andExpect(status().isBadRequest());
        addEntry("duty", "{\"value\":\"a.example\",\"source\":\"POLICE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("category"));
        addEntry("duty", "{\"value\":\"a.example\",\"category\":\"LOAN\",\"source\":\"POLICE\",\"extra\":1}")
                .andExpect(status().isBadRequest());
        addEntry("duty", "{\"value\":\"" + "a".repeat(5000) + ".com\",\"category\":\"LOAN\",\"source\":\"POLICE\"}")
                .andExpect(status().isBadRequest());
        addEntry("auditor", "{\"value\":\"a.example\",\"category\":\"LOAN\",\"source\":\"POLICE\"}")
                .andExpect(status().isForbidden());
        check("analyst", "http://exa mple.com/<script>")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("target"));
        check("analyst", "").andExpect(status().isBadRequest());
    }

    @Test
    void anImportReportsEachBadLineByNumberKeepsTheGoodOnesAndMatchesWhenItAnswers() throws Exception {
        String a = unique("imp-a");
        String b = unique("imp-b");
        String body = String.join(
                "\n",
                "# list from the national centre",
                a,
                "exa mple.com",
                "",
                "WWW." + b + ".",
                a,
                "http://" + b + "/pay/step1?x=1",
                "icbc.com.cn",
                "195.127.0.11",
                "com");
        importList("duty", "format=plain&category=LOAN&source=POLICE&scope=DOMAIN_AND_SUBDOMAINS", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.rejectedCount").value(3))
                .andExpect(jsonPath("$.rejected[0].line").value(3))
                .andExpect(jsonPath("$.rejected[0].reason").value(org.hamcrest.Matchers.containsString("' '")))
                .andExpect(jsonPath("$.rejected[1].line").value(8))
                .andExpect(jsonPath("$.rejected[1].reason").value(org.hamcrest.Matchers.containsString("allow")))
                .andExpect(jsonPath("$.rejected[2].line").value(10));
        check("analyst", "m." + a).andExpect(jsonPath("$.verdict").value("BLOCKED"));
        check("analyst", "x.www." + b).andExpect(jsonPath("$.verdict").value("BLOCKED"));
        check("analyst", "https://" + b + "/pay/step1?x=1&y=2")
                .andExpect(jsonPath("$.verdict").value("BLOCKED"))
                .andExpect(jsonPath("$.decidedBy.scope").value("URL_PREFIX"));
        check("analyst", "http://3279880203/")
                .andExpect(jsonPath("$.decidedBy.scope").value("IP"));

        String c = unique("hosts-c");
        importList(
                        "duty",
                        "format=hosts&category=INVESTMENT&source=NATIONAL_CENTRE",
                        String.join(
                                "\n",
                                "127.0.0.1 localhost",
                                "0.0.0.0 " + c + " www." + c + " # two names",
                                "not-a-hosts-line"))
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected[0].line").value(3));
        String d = unique("csv-d");
        importList(
                        "duty",
                        "format=csv&category=LOAN&source=POLICE",
                        String.join(
                                "\n",
                                "value,scope,category,evidence",
                                d + ",DOMAIN,ORDER_BRUSHING,\"截图, 聊天记录\"",
                                "x.example,NOWHERE,LOAN,",
                                "y.example,DOMAIN,NOT_A_TYPE,"))
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejectedCount").value(2));
        check("analyst", d).andExpect(jsonPath("$.decidedBy.category").value("ORDER_BRUSHING"));
        importList("duty", "format=xml&category=LOAN&source=POLICE", "x")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
    }

    @Test
    void aBatchCheckAnswersEveryTargetAndLookAlikesAreSuspicious() throws Exception {
        mvc.perform(
                        post("/api/v1/blocklist/check")
                                .header("Authorization", api.bearer("analyst"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"targets\":[\"icbc-secure.top\",\"a..b\",\"www.boc.cn\",\"nothing-here.example\",null]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(5))
                .andExpect(jsonPath("$.results[0].verdict").value("SUSPICIOUS"))
                .andExpect(jsonPath("$.results[0].imitates").value("icbc"))
                .andExpect(jsonPath("$.results[1].error").value(org.hamcrest.Matchers.containsString("empty label")))
                .andExpect(jsonPath("$.results[2].verdict").value("ALLOWED"))
                .andExpect(jsonPath("$.results[3].verdict").value("UNKNOWN"))
                .andExpect(jsonPath("$.results[4].error").isNotEmpty());
        mvc.perform(post("/api/v1/blocklist/check")
                        .header("Authorization", api.bearer("analyst"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"targets\":[]}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aPartnerTokenOfATrustedSourceBlocksAtOnceAndSpeaksOnlyForItsSources() throws Exception {
        String created = mvc.perform(
                        post("/api/v1/tokens")
                                .header("Authorization", api.bearer("admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"name\":\"国家反诈中心\",\"permissions\":[\"blocklist:submit\",\"blocklist:check\"],\"sources\":[\"NATIONAL_CENTRE\"]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String centre = "Bearer " + json.readTree(created).get("token").asText();
        String domain = unique("nc");
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", centre)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"%s\",\"category\":\"INVESTMENT\",\"source\":\"NATIONAL_CENTRE\"}"
                                .formatted(domain)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entry.state").value("ACTIVE"))
                .andExpect(jsonPath("$.entry.addedBy").value("partner:国家反诈中心"));
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", centre)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"other.%s\",\"category\":\"INVESTMENT\",\"source\":\"POLICE\"}"
                                .formatted(domain)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("source"));
        mvc.perform(get("/api/v1/blocklist/check").param("target", domain).header("Authorization", centre))
                .andExpect(jsonPath("$.verdict").value("BLOCKED"));
    }

    @Test
    void lookAlikesMetByChecksWaitForAReviewerWhoBlocksOrDismissesThem() throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        String blockIt = "icbc-" + tag + ".top";
        String dismissIt = "alipay-" + tag + ".top";
        check("analyst", "https://" + blockIt + "/login")
                .andExpect(jsonPath("$.verdict").value("SUSPICIOUS"));
        check("analyst", dismissIt).andExpect(jsonPath("$.imitates").value("alipay"));
        check("analyst", dismissIt);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> mvc.perform(
                                get("/api/v1/blocklist/suspicious").header("Authorization", api.bearer("duty")))
                        .andExpect(jsonPath("$[?(@.name == '" + dismissIt + "')].checks")
                                .value(2))
                        .andExpect(jsonPath("$[?(@.name == '" + blockIt + "')].imitates")
                                .value("icbc")));
        mvc.perform(get("/api/v1/blocklist/suspicious").header("Authorization", api.bearer("analyst")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/blocklist/suspicious/{name}/decision", blockIt)
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"BLOCK\",\"category\":\"CUSTOMER_SERVICE\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("ACTIVE"));
        check("analyst", "m." + blockIt).andExpect(jsonPath("$.verdict").value("BLOCKED"));
        mvc.perform(post("/api/v1/blocklist/suspicious/{name}/decision", dismissIt)
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"DISMISS\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/blocklist/suspicious").header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$[?(@.name == '" + dismissIt + "')]").isEmpty());
        mvc.perform(post("/api/v1/blocklist/suspicious/{name}/decision", dismissIt)
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"DISMISS\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theSerialRisesWithEveryChange() throws Exception {
        long before = jdbc.sql("SELECT serial FROM blocklist_serial")
                .query(Long.class)
                .single();
        addEntry("duty", "{\"value\":\"%s\",\"category\":\"LOAN\",\"source\":\"POLICE\"}".formatted(unique("serial")))
                .andExpect(status().isCreated());
        long after = jdbc.sql("SELECT serial FROM blocklist_serial")
                .query(Long.class)
                .single();
        assertThat(after).isGreaterThan(before);
    }
}
