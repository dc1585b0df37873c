package org.fanzha.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public's report: filed without an account, answered with a receipt and a status token;
 * a PUBLIC_REPORT lead (RED at the province desk when a transfer is fresh) whose warning staff
 * find by the receipt; the fraudster's identifiers on the risk list; field-by-field refusals
 * with nothing stored.
 */
@IntegrationTest
class PublicReportsTest {

    static final AtomicLong next = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.fanzha.performance.internal.Rollups rollups;

    static String mobile() {
        return "136" + String.format("%08d", next.incrementAndGet() % 100_000_000L);
    }

    static <B extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<B>> B from(
            B b) {
        long n = next.incrementAndGet();
        return b.with(r -> {
            r.setRemoteAddr("192.0.2." + n);
            return r;
        });
    }

    ResultActions post(String path, String body) throws Exception {
        return mvc.perform(from(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    long reports() {
        return jdbc.sql("SELECT COUNT(*) FROM public_report").query(Long.class).single();
    }

    @Test
    void aVictimReportsAFreshTransferAndTheProvinceDeskHasARedWarningWithTheReceipt() throws Exception {
        String phone = mobile();
        String fraudster = "+8617" + String.format("%09d", next.incrementAndGet() % 1_000_000_000L);
        String when = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(20)
                .withNano(0)
                .toString();
        JsonNode filed = body(post("/api/v1/public/reports", """
                        {"reporterPhone":"%s","victim":true,"fraudType":"IMPERSONATE_POLICE",
                         "fraudster":[{"type":"PHONE","value":"%s"},{"type":"URL","value":"http://anquan-zhanghu.example/verify"}],
                         "transfers":[{"time":"%s","fromAccount":"6222020000000000001","toAccount":"6217000012345678901",
                                       "toBank":"中国建设银行","amount":"38000.00","channel":"BANK_TRANSFER"}],
                         "text":"自称公安说我涉嫌洗钱，让我把钱转到“安全账户”<script>alert(1)</script>"}""".formatted(phone, fraudster, when))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.receipt").value(Matchers.matchesPattern("R-\\d{8}-\\d{6}"))));
        String receipt = filed.get("receipt").asText();
        String token = filed.get("statusToken").asText();
        // the lead, by its receipt, in a RED warning at the province desk
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> mvc.perform(get("/api/v1/leads/PUBLIC_REPORT/" + receipt)
                                .header("Authorization", api.bearer("duty")))
                        .andExpect(status().isOk()));
        JsonNode lead = body(
                mvc.perform(get("/api/v1/leads/PUBLIC_REPORT/" + receipt).header("Authorization", api.bearer("duty"))));
        assertThat(lead.toString()).contains("RED");
        JsonNode report =
                body(mvc.perform(get("/api/v1/reports/" + receipt).header("Authorization", api.bearer("duty")))
                        .andExpect(status().isOk()));
        assertThat(report.get("urgency").asText()).isEqualTo("RED");
        assertThat(report.get("unitCode").asText()).isEqualTo("41");
        assertThat(report.get("reporterPhone").asText()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(report.at("/transfers/0/amount").decimalValue()).isEqualByComparingTo("38000");
        // a county officer does not read a report of the province desk
        mvc.perform(get("/api/v1/reports/" + receipt).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        // the fraudster's number is on the risk list, reported (MEDIUM at most)
        JsonNode found = body(mvc.perform(
                get("/api/v1/risk/entries").param("value", fraudster).header("Authorization", api.bearer("duty"))));
        assertThat(found.findValuesAsString("level")).containsExactly("MEDIUM");
        // the site it names waits on the blocklist's review queue, as reported by the public
        assertThat(jdbc.sql("""
                        SELECT state || ' ' || source || ' ' || added_by FROM block_entry
                        WHERE pattern LIKE '%anquan-zhanghu.example%'""").query(String.class).list())
                .containsExactly("PENDING_REVIEW PUBLIC_REPORT system:public-reports");
        // the reporter follows it by receipt and token; the wrong token is an unknown receipt
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.routed").value(true))
                .andExpect(jsonPath("$.transfers").value(1));
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", "x" + token)))
                .andExpect(status().isNotFound());
        mvc.perform(from(get("/api/v1/public/reports/R-20000101-000001").param("token", token)))
                .andExpect(status().isNotFound());
        // the hostile text is kept as written, and shown escaped
        assertThat(report.get("text").asText()).contains("<script>");
        String page = mvc.perform(get("/reports/" + receipt).session(api.session("duty")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(receipt, "一键止付", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
        mvc.perform(get("/reports/" + receipt).session(api.session("jinshui"))).andExpect(status().isNotFound());
        // the warning's page links its report
        assertThat(mvc.perform(get("/warnings/" + report.get("warningId").asLong())
                                .session(api.session("duty")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("/reports/" + receipt);
        // the desk's click on the page
        mvc.perform(
                        MockMvcRequestBuilders.post("/reports/" + receipt + "/stop-payments")
                                .session(api.session("duty"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attributeExists("stopped"));
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM public_report WHERE receipt = ? AND stop_sent_at IS NOT NULL AND case_id IS NOT NULL")
                        .param(receipt)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void evidenceIsCheckedByItsBytesAndStreamedInAndAReportWithoutATransferIsNotRed() throws Exception {
        String phone = mobile();
        byte[] png;
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        try (var out = new java.io.ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(image, "png", out);
            png = out.toByteArray();
        }
        byte[] amr = "#!AMR\n0123456789abcdef".getBytes();
        MockMultipartFile reportPart = new MockMultipartFile(
                "report", "", "application/json", """
                        {"reporterPhone":"%s","victim":false,"fraudType":"ORDER_BRUSHING",
                         "fraudster":[{"type":"QQ","value":"88776655"}]}""".formatted(phone).getBytes());
        JsonNode filed = body(mvc.perform(from(multipart("/api/v1/public/reports")
                        .file(reportPart)
                        .file(new MockMultipartFile("evidence", "聊天截图.png", "image/png", png))
                        .file(new MockMultipartFile("evidence", "通话录音.amr", "audio/amr", amr))))
                .andExpect(status().isAccepted()));
        String receipt = filed.get("receipt").asText();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT urgency FROM public_report WHERE receipt = ?")
                                .param(receipt)
                                .query(String.class)
                                .optional())
                        .hasValueSatisfying(u -> assertThat(u).isNotEqualTo("RED")));
        String unit = jdbc.sql("SELECT unit_code FROM public_report WHERE receipt = ?")
                .param(receipt)
                .query(String.class)
                .single();
        // the phone's own unit: duty (the province) reads it, and its files
        JsonNode report =
                body(mvc.perform(get("/api/v1/reports/" + receipt).header("Authorization", api.bearer("duty"))));
        assertThat(unit).startsWith("41");
        assertThat(report.get("evidence").findValuesAsString("contentType")).containsExactly("image/png", "audio/amr");
        long first = report.at("/evidence/0/id").asLong();
        byte[] back = mvc.perform(get("/api/v1/reports/" + receipt + "/evidence/" + first)
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(back).isEqualTo(png);

        // a file that is not what it claims, and one too many: nothing stored
        long before = reports();
        MockMultipartFile again = new MockMultipartFile(
                "report", "", "application/json", """
                        {"reporterPhone":"%s","victim":false}""".formatted(phone).getBytes());
        mvc.perform(from(multipart("/api/v1/public/reports")
                        .file(again)
                        .file(new MockMultipartFile(
                                "evidence", "photo.png", "image/png", "MZ\u0090\u0000 not an image".getBytes()))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[0]"));
        var eleven = multipart("/api/v1/public/reports").file(again);
        for (int i = 0; i < 11; i++) {
            eleven.file(new MockMultipartFile("evidence", i + ".png", "image/png", png));
        }
        mvc.perform(from(eleven))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence"));
        assertThat(reports()).isEqualTo(before);
    }

    @Test
    void badReportsAreRefusedFieldByFieldWithNothingHalfStored() throws Exception {
        long before = reports();
        String future = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .plusDays(1)
                .withNano(0)
                .toString();
        post("/api/v1/public/reports", """
                        {"reporterPhone":"","fraudType":"NOT_A_TYPE",
                         "fraudster":[{"type":"FAX","value":"1"},{"type":"PHONE","value":"12"}],
                         "transfers":[{"time":"%s","toAccount":"abc!","toBank":"","amount":"-5"},{"time":"yesterday","toAccount":"6217000012345678901","toBank":"建行","amount":"1.234","channel":"TELEPORT"}]}""".formatted(future))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(Matchers.containsInAnyOrder(
                                "reporterPhone",
                                "victim",
                                "fraudType",
                                "fraudster[0].type",
                                "fraudster[1].value",
                                "transfers[0].time",
                                "transfers[0].toAccount",
                                "transfers[0].toBank",
                                "transfers[0].amount",
                                "transfers[1].time",
                                "transfers[1].amount",
                                "transfers[1].channel")));
        // malformed and unknown fields, an oversized text, a landline instead of a mobile
        post("/api/v1/public/reports", "{\"reporterPhone\":").andExpect(status().isBadRequest());
        post("/api/v1/public/reports", "{\"reporterPhone\":\"13700000000\",\"victim\":true,\"extra\":1}")
                .andExpect(status().isBadRequest());
        post("/api/v1/public/reports", """
                        {"reporterPhone":"13700000000","victim":true,"text":"%s"}""".formatted("长".repeat(4001)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        post("/api/v1/public/reports", "{\"reporterPhone\":\"0371-66660000\",\"victim\":true}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reporterPhone"));
        assertThat(reports()).isEqualTo(before);
        // staff reads need a staff token; an unknown receipt is 404
        mvc.perform(get("/api/v1/reports/R-20000101-000001")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/reports/R-20000101-000001").header("Authorization", api.bearer("duty")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aHotlineOperatorEntersACallersReportAsTheOneWhoTookIt() throws Exception {
        String phone = mobile();
        JsonNode filed = body(mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports")
                        .header("Authorization", api.bearer("hotline"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reporterPhone\":\"" + phone + "\",\"victim\":true,\"fraudType\":\"LOAN\"}"))
                .andExpect(status().isAccepted()));
        String receipt = filed.get("receipt").asText();
        assertThat(jdbc.sql("SELECT source || ' ' || taken_by FROM public_report WHERE receipt = ?")
                        .param(receipt)
                        .query(String.class)
                        .single())
                .isEqualTo("HOTLINE_REPORT hotline");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> mvc.perform(get("/api/v1/leads/HOTLINE_REPORT/" + receipt)
                                .header("Authorization", api.bearer("duty")))
                        .andExpect(status().isOk()));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reporterPhone\":\"" + phone + "\",\"victim\":true}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theHotlineEntersACallersReportThroughTheSameFormAndReadsOutTheReceiptOnce() throws Exception {
        var session = api.session("hotline");
        mvc.perform(get("/hotline/reports/new").session(session))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.allOf(
                                Matchers.containsString("代录来电举报"),
                                Matchers.containsString("action=\"/hotline/reports\""),
                                Matchers.not(Matchers.containsString("id=\"code\"")))));
        mvc.perform(get("/hotline/reports/new").session(api.session("jinshui"))).andExpect(status().isForbidden());
        // a refused field comes back at the field, what was typed kept
        String phone = mobile();
        var refused = mvc.perform(
                        MockMvcRequestBuilders.post("/hotline/reports")
                                .session(session)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .param("reporterPhone", phone)
                                .param("victim", "true")
                                .param("transfers[0].toAccount", "6217000011112222333")
                                .param("transfers[0].toBank", "中国建设银行")
                                .param("transfers[0].amount", "-5")
                                .param("transfers[0].time", "2026-01-01T10:00"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/hotline/reports/new"))
                .andReturn();
        assertThat(refused.getFlashMap().get("errors").toString()).contains("transfers[0].amount");
        var filed = mvc.perform(
                        MockMvcRequestBuilders.post("/hotline/reports")
                                .session(session)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .param("reporterPhone", phone)
                                .param("victim", "true")
                                .param("fraudType", "IMPERSONATE_POLICE")
                                .param("fraudster[0].type", "PHONE")
                                .param("fraudster[0].value", "+85261234567")
                                .param("text", "来电人称接到“公安局”电话<script>alert(1)</script>"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String location = filed.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/reports/R-");
        String receipt = location.substring("/reports/".length());
        String token = (String) filed.getFlashMap().get("filedToken");
        assertThat(jdbc.sql("SELECT source || ' ' || taken_by FROM public_report WHERE receipt = ?")
                        .param(receipt)
                        .query(String.class)
                        .single())
                .isEqualTo("HOTLINE_REPORT hotline");
        // the token is the caller's: it opens the public status
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", token)))
                .andExpect(status().isOk());
        mvc.perform(get(location).session(session).flashAttr("filedToken", token))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.allOf(
                                Matchers.containsString(token),
                                Matchers.containsString("&lt;script&gt;"),
                                Matchers.not(Matchers.containsString("<script>alert")))));
    }

    @Test
    void limitsPerPhoneAndPerAddressAreHeldInTheDatabaseAndAnswer429WithRetryAfter() throws Exception {
        String phone = mobile();
        String body = "{\"reporterPhone\":\"" + phone + "\",\"victim\":false}";
        for (int i = 0; i < 5; i++) {
            post("/api/v1/public/reports", body).andExpect(status().isAccepted());
        }
        post("/api/v1/public/reports", body)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9]\\d*")));
        // the allowance lives in the database, where every instance takes from it
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_bucket WHERE id = ?")
                        .param("report-phone:" + phone)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // twenty requests an hour from one address, whatever they carry
        int refused = 0;
        for (int i = 0; i < 22; i++) {
            int code = mvc.perform(MockMvcRequestBuilders.post("/api/v1/public/reports")
                            .with(r -> {
                                r.setRemoteAddr("198.51.100.200");
                                return r;
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{}"))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            refused += code == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(2);
    }

    /** A report of two fresh transfers, once its lead is filed: its receipt and status token. */
    /** Forty minutes ago, to the minute: the same transfer reported twice has the same time. */
    static final String FORTY_MINUTES_AGO = OffsetDateTime.now(ZoneOffset.ofHours(8))
            .minusMinutes(40)
            .withSecond(0)
            .withNano(0)
            .toString();

    String[] fileWithTransfers(String phone, String ccb, String icbc) throws Exception {
        String when = FORTY_MINUTES_AGO;
        JsonNode filed =
                body(post("/api/v1/public/reports", """
                                {"reporterPhone":"%s","victim":true,"fraudType":"LOAN",
                                 "fraudster":[{"type":"WECHAT","value":"dkkefu_%s"}],
                                 "transfers":[{"time":"%s","toAccount":"%s","toBank":"中国建设银行","amount":"38000"},
                                              {"time":"%s","toAccount":"%s","toBank":"工商银行","amount":"2000","channel":"CARD"}]}""".formatted(phone, phone.substring(5), when, ccb, when, icbc))
                        .andExpect(status().isAccepted()));
        String receipt = filed.get("receipt").asText();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT unit_code FROM public_report WHERE receipt = ?")
                                .param(receipt)
                                .query(String.class)
                                .optional())
                        .hasValue("41"));
        return new String[] {receipt, filed.get("statusToken").asText()};
    }

    @Test
    void theDesksOneClickStopsTheReportedTransfersOnceAndAcceptsACase() throws Exception {
        String phone = mobile();
        String ccb = "6217" + String.format("%015d", next.incrementAndGet());
        String icbc = "6222" + String.format("%015d", next.incrementAndGet());
        String[] filed = fileWithTransfers(phone, ccb, icbc);
        String receipt = filed[0];
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", filed[1])))
                .andExpect(jsonPath("$.stopSentAt").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.caseAccepted").value(false));
        // not for a county officer, nor for someone without funds:request
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments")
                        .header("Authorization", api.bearer("hotline")))
                .andExpect(status().isForbidden());
        JsonNode stopped = body(mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isCreated()));
        assertThat(stopped.get("requests").size()).isEqualTo(2);
        assertThat(stopped.get("requests").findValuesAsString("bank")).containsExactlyInAnyOrder("CCB", "ICBC");
        long caseId = stopped.get("caseId").asLong();
        // once: the second click sends nothing more
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.again").value(true))
                .andExpect(jsonPath("$.requests.length()").value(0));
        // the case, accepted with the victim and what the fraudster used
        JsonNode theCase =
                body(mvc.perform(get("/api/v1/cases/" + caseId).header("Authorization", api.bearer("duty"))));
        assertThat(theCase.toString()).contains("ACCEPTED", "dkkefu_" + phone.substring(5), ccb);
        // the requests are SENT to the banks, for the case
        long ccbRequest = -1;
        for (JsonNode r : stopped.get("requests")) {
            JsonNode request = body(mvc.perform(
                    get("/api/v1/funds/requests/" + r.get("requestId").asLong())
                            .header("Authorization", api.bearer("duty"))));
            assertThat(request.get("state").asText()).isEqualTo("SENT");
            assertThat(request.get("caseId").asLong()).isEqualTo(caseId);
            if (r.get("bank").asText().equals("CCB")) {
                ccbRequest = r.get("requestId").asLong();
            }
        }
        // the same transfer reported again (by a relative): its account is now a case's receiving
        // account, VERY_HIGH, so the desk stops the report at once — the transfer already stopped is
        // covered by the request sent before, the new one gets its own
        String other = fileWithTransfers(mobile(), ccb, "6230" + String.format("%015d", next.incrementAndGet()))[0];
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(body(mvc.perform(
                                        get("/api/v1/reports/" + other).header("Authorization", api.bearer("duty"))))
                                .get("stopProvisional")
                                .asBoolean())
                        .isTrue());
        long firstCcb = ccbRequest;
        assertThat(jdbc.sql("""
                        SELECT t.fund_request_id FROM public_report_transfer t JOIN public_report r ON r.id = t.report_id
                        WHERE r.receipt = ? AND t.to_account = ?""").params(other, ccb).query(Long.class).single()).isEqualTo(firstCcb);
        assertThat(jdbc.sql("""
                        SELECT COUNT(DISTINCT t.fund_request_id) FROM public_report_transfer t JOIN public_report r ON r.id = t.report_id
                        WHERE r.receipt = ? AND t.fund_request_id IS NOT NULL""").param(other).query(Long.class).single()).isEqualTo(2);
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + other + "/stop-payments")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.again").value(true));
        // the bank answers; the reporter sees the stop and the amount held as a band
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/requests/" + ccbRequest + "/response")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"STOPPED\",\"heldAmount\":\"38000\"}"))
                .andExpect(status().isOk());
        // report to stop-payment is an indicator of the unit that stopped it (median and 90th percentile)
        rollups.refreshNow();
        JsonNode indicators = body(mvc.perform(get("/api/v1/performance/indicators")
                .param("unit", "41")
                .param(
                        "period",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                .toString())
                .header("Authorization", api.bearer("duty"))));
        java.util.Map<String, Long> values = new java.util.HashMap<>();
        indicators
                .get("indicators")
                .forEach(v ->
                        values.put(v.get("indicator").asText(), v.get("value").asLong()));
        assertThat(values).containsKeys("medianReportToStopSeconds", "p90ReportToStopSeconds");
        assertThat(values.get("p90ReportToStopSeconds"))
                .isGreaterThanOrEqualTo(values.get("medianReportToStopSeconds"));
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", filed[1])))
                .andExpect(jsonPath("$.stopSentAt").value(Matchers.notNullValue()))
                .andExpect(jsonPath("$.caseAccepted").value(true))
                .andExpect(jsonPath("$.held").value("10K_TO_100K"))
                .andExpect(jsonPath("$.returnStep").value("NONE"));

        // the account is frozen and a return to the victim proposed: the status says so, and the
        // reporter is told each change once (what the banks hold, then the return)
        long freezeId = body(mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/freezes")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"caseId":%d,"account":"%s","bank":"中国建设银行","amount":"38000","documentNumber":"豫公（刑）冻财字〔2026〕9号","approvingOfficer":"王局长"}""".formatted(caseId, ccb)))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/requests/" + freezeId + "/response")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"FROZEN\",\"heldAmount\":\"38000\"}"))
                .andExpect(status().isOk());
        news.follow();
        assertThat(told(receipt)).isEqualTo("10K_TO_100K NONE");
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/requests/" + freezeId + "/returns")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isCreated());
        mvc.perform(from(get("/api/v1/public/reports/" + receipt).param("token", filed[1])))
                .andExpect(jsonPath("$.returnStep").value("PROPOSED"));
        mvc.perform(from(get("/public/reports/" + receipt).param("token", filed[1])))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("已拟定返还方案")));
        long progress = progressEvents(receipt);
        news.follow();
        assertThat(told(receipt)).isEqualTo("10K_TO_100K PROPOSED");
        assertThat(progressEvents(receipt)).isEqualTo(progress + 1);
        news.follow();
        assertThat(progressEvents(receipt)).isEqualTo(progress + 1);
    }

    @Autowired
    org.fanzha.reports.internal.ReportNews news;

    @Autowired
    org.fanzha.reports.internal.ReportRetention retention;

    String told(String receipt) {
        return jdbc.sql("SELECT told_held || ' ' || told_return FROM public_report WHERE receipt = ?")
                .param(receipt)
                .query(String.class)
                .single();
    }

    /** The reporter's progress events recorded for the report (the publication registry keeps them). */
    long progressEvents(String receipt) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%ReportProgress'
                        AND serialized_event LIKE ?""").param("%" + receipt + "%").query(Long.class).single();
    }

    @Test
    void aReportsEvidenceGoesWithItsCaseAndAfterAYearWithoutOne() throws Exception {
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes();
        String phone = mobile();
        String ccb = "6217" + String.format("%015d", next.incrementAndGet());
        String when = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(20)
                .withNano(0)
                .toString();
        MockMultipartFile withTransfer = new MockMultipartFile("report", "", "application/json", """
                        {"reporterPhone":"%s","victim":true,"fraudType":"LOAN",
                         "transfers":[{"time":"%s","toAccount":"%s","toBank":"中国建设银行","amount":"6000"}]}""".formatted(
                phone, when, ccb).getBytes());
        String receipt = body(mvc.perform(from(multipart("/api/v1/public/reports")
                                .file(withTransfer)
                                .file(new MockMultipartFile("evidence", "回单.pdf", "application/pdf", pdf))))
                        .andExpect(status().isAccepted()))
                .get("receipt")
                .asText();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT unit_code FROM public_report WHERE receipt = ?")
                                .param(receipt)
                                .query(String.class)
                                .optional())
                        .hasValue("41"));
        long caseId = body(mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments")
                                .header("Authorization", api.bearer("duty")))
                        .andExpect(status().isCreated()))
                .get("caseId")
                .asLong();
        // a year on, a report with a case keeps its evidence
        jdbc.sql("UPDATE public_report SET received_at = ? WHERE receipt = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(400))), receipt)
                .update();
        retention.removeExpired();
        assertThat(evidence(receipt)).isEqualTo(1);
        // the case is withdrawn: its evidence goes with it
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/withdraw")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"经核实不构成诈骗\"}"))
                .andExpect(status().isOk());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(evidence(receipt)).isZero());
        assertThat(jdbc.sql("SELECT reporter_phone FROM public_report WHERE receipt = ?")
                        .param(receipt)
                        .query(String.class)
                        .single())
                .isEqualTo(phone);

        // a report that made no case: after the retention period its files and its reporter's phone go
        String other = body(mvc.perform(from(multipart("/api/v1/public/reports")
                                .file(new MockMultipartFile(
                                        "report",
                                        "",
                                        "application/json",
                                        ("{\"reporterPhone\":\"" + phone + "\",\"victim\":false}").getBytes()))
                                .file(new MockMultipartFile("evidence", "截图.pdf", "application/pdf", pdf))))
                        .andExpect(status().isAccepted()))
                .get("receipt")
                .asText();
        retention.removeExpired();
        assertThat(evidence(other)).isEqualTo(1);
        jdbc.sql("UPDATE public_report SET received_at = ? WHERE receipt = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(366))), other)
                .update();
        assertThat(retention.removeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(evidence(other)).isZero();
        assertThat(jdbc.sql("SELECT reporter_phone FROM public_report WHERE receipt = ?")
                        .param(other)
                        .query(String.class)
                        .single())
                .isEqualTo("-");
        JsonNode staff = body(mvc.perform(get("/api/v1/reports/" + other).header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk()));
        assertThat(staff.get("evidence").size()).isZero();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE entity = 'public_report_evidence' AND detail LIKE '%retention%'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    long evidence(String receipt) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM public_report_evidence e JOIN public_report r ON r.id = e.report_id
                        WHERE r.receipt = ?""").param(receipt).query(Long.class).single();
    }

    @Test
    void aTransferToAnAccountAlreadyVeryHighIsStoppedAtOnceForAnOfficerToConfirm() throws Exception {
        // an account a filed case received money on: VERY_HIGH on the risk list. Its number passes the
        // Luhn check, so the report's "account" reads as a card: found under either type
        String account = luhn("6217" + String.format("%014d", next.incrementAndGet()));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/cases")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"fraudType":"LOAN","lossAmount":"5000","occurredAt":"%s","unitCode":"410105",
                                 "identifiers":[{"type":"BANK_ACCOUNT","value":"%s"}]}""".formatted(
                                        OffsetDateTime.now(ZoneOffset.ofHours(8))
                                                .minusDays(1)
                                                .withNano(0),
                                        account)))
                .andExpect(status().isCreated());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(body(mvc.perform(get("/api/v1/risk/entries")
                                        .param("value", account)
                                        .header("Authorization", api.bearer("duty"))))
                                .findValuesAsString("level"))
                        .contains("VERY_HIGH"));
        String when = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(5)
                .withNano(0)
                .toString();
        String receipt = body(post("/api/v1/public/reports", """
                                {"reporterPhone":"%s","victim":true,"transfers":[{"time":"%s","toAccount":"%s","toBank":"建设银行","amount":"9000"}]}""".formatted(mobile(), when, account))
                        .andExpect(status().isAccepted()))
                .get("receipt")
                .asText();
        // sent by the desk itself, provisional
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(body(mvc.perform(
                                        get("/api/v1/reports/" + receipt).header("Authorization", api.bearer("duty"))))
                                .get("stopProvisional")
                                .asBoolean())
                        .isTrue());
        JsonNode report =
                body(mvc.perform(get("/api/v1/reports/" + receipt).header("Authorization", api.bearer("duty"))));
        assertThat(report.get("stopSentAt").isNull()).isFalse();
        assertThat(report.get("stopConfirmedBy").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT stop_sent_by FROM public_report WHERE receipt = ?")
                        .param(receipt)
                        .query(String.class)
                        .single())
                .isEqualTo("system:report-desk");
        // an officer confirms it, once
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments/confirm")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stopConfirmedBy").value("duty"));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/reports/" + receipt + "/stop-payments/confirm")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isConflict());
    }

    /** The number with its Luhn check digit appended. */
    static String luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
