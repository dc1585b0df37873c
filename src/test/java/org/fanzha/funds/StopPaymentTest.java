package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stop-payment and freeze from a case to the banks and back, with the chase onward. */
@IntegrationTest
class StopPaymentTest {

    static final String BANK = "Bearer demo-bank-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    ResultActions post(String auth, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions get(String auth, String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth)));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    long newCase(String user, String unit) throws Exception {
        return body(post(user, "/api/v1/cases", """
                        {"fraudType":"ORDER_BRUSHING","lossAmount":"38000.00","occurredAt":"2021-06-01T20:15:00+08:00","unitCode":"%s"}""".formatted(unit)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    static java.util.List<Long> ids(JsonNode array) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    static String account() {
        return "6217" + String.format("%015d", System.nanoTime() % 1_000_000_000_000_000L);
    }

    @Test
    void fromTransfersToStopsAnswersOnwardProposalsAndAFreeze() throws Exception {
        long caseId = newCase("jinshui", "410105");
        String ccb = account();
        String icbc = account();
        JsonNode created = body(post("jinshui", "/api/v1/funds/stop-payments", """
                        {"caseId":%d,"transfers":[
                          {"time":"2021-06-01T20:20:00+08:00","fromAccount":"6222020000000000001","toAccount":"%s","toBank":"中国建设银行","amount":"30000.00","channel":"BANK_TRANSFER"},
                          {"time":"2021-06-01T20:25:00+08:00","fromAccount":"6222020000000000001","toAccount":"%s","toBank":"建行","amount":"8000","channel":"BANK_TRANSFER"},
                          {"time":"2021-06-01T20:30:00+08:00","toAccount":"%s","toBank":"ICBC","amount":"500.50","channel":"CARD"}]}""".formatted(caseId, ccb, ccb, icbc))
                .andExpect(status().isCreated()));
        JsonNode requests = created.get("requests");
        assertThat(requests.size()).isEqualTo(2); // one per receiving account
        JsonNode toCcb = requests.get(0);
        assertThat(toCcb.get("bank").asText()).isEqualTo("CCB");
        assertThat(toCcb.get("state").asText()).isEqualTo("SENT");
        assertThat(toCcb.get("amount").decimalValue()).isEqualByComparingTo("38000");
        assertThat(toCcb.get("transfers").size()).isEqualTo(2);
        assertThat(toCcb.get("requestedAt").isNull()).isFalse();
        assertThat(toCcb.get("answerDue").isNull()).isFalse();
        long ccbId = toCcb.get("id").asLong();
        long icbcId = requests.get(1).get("id").asLong();

        // the bank's queue holds its own requests only
        JsonNode queue = body(get(BANK, "/api/v1/funds/requests?status=SENT").andExpect(status().isOk()));
        java.util.List<String> queueBanks = new java.util.ArrayList<>();
        queue.forEach(n -> queueBanks.add(n.get("bank").asText()));
        assertThat(queueBanks).containsOnly("CCB");
        assertThat(ids(queue)).contains(ccbId).doesNotContain(icbcId);
        // and cannot answer for an account another bank holds
        post(
                        BANK,
                        "/api/v1/funds/requests/" + icbcId + "/response",
                        "{\"result\":\"STOPPED\",\"heldAmount\":\"500.50\"}")
                .andExpect(status().isNotFound());
        // police cannot answer as a bank
        post(
                        "jinshui",
                        "/api/v1/funds/requests/" + ccbId + "/response",
                        "{\"result\":\"STOPPED\",\"heldAmount\":\"1\"}")
                .andExpect(status().isForbidden());

        String next = account();
        JsonNode answered = body(post(BANK, "/api/v1/funds/requests/" + ccbId + "/response", """
                        {"result":"PARTIAL","heldAmount":"30000.00","balance":"30000.00",
                         "onward":[{"toAccount":"%s","toBank":"招商银行","amount":"8000.00","time":"2021-06-01T20:27:00+08:00"}]}""".formatted(next))
                .andExpect(status().isOk()));
        assertThat(answered.get("state").asText()).isEqualTo("PARTIAL");
        assertThat(answered.get("heldAmount").decimalValue()).isEqualByComparingTo("30000");
        assertThat(answered.get("secondsToAnswer").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(answered.get("holdsUntil").isNull()).isFalse();
        assertThat(answered.get("onward").size()).isEqualTo(1);
        // answered once only
        post(BANK, "/api/v1/funds/requests/" + ccbId + "/response", "{\"result\":\"STOPPED\",\"heldAmount\":\"1\"}")
                .andExpect(status().isConflict());
        // the onward account is on the risk list as traced: HIGH, to confirm before paying into it
        JsonNode onwardRisk =
                body(get("duty", "/api/v1/risk/entries?value=" + next).andExpect(status().isOk()));
        assertThat(onwardRisk.findValuesAsString("rule")).containsAnyOf("traced", "case-recent");
        assertThat(onwardRisk.get(0).at("/sightings/TRACED_ACCOUNT").asInt()).isEqualTo(1);

        // the onward account is a proposal of the next hop, one click to send
        Long proposal = jdbc.queryForObject(
                "SELECT id FROM fund_request WHERE parent_id = ? AND state = 'PROPOSED'", Long.class, ccbId);
        JsonNode p = body(get("jinshui", "/api/v1/funds/requests/" + proposal).andExpect(status().isOk()));
        assertThat(p.get("hop").asInt()).isEqualTo(1);
        assertThat(p.get("bank").asText()).isEqualTo("CMB");
        assertThat(p.get("account").asText()).isEqualTo(next);
        get(BANK, "/api/v1/funds/requests/" + proposal)
                .andExpect(status().isNotFound()); // not the bank's yet, nor CCB's
        post("jinshui", "/api/v1/funds/requests/" + proposal + "/send", "{}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("SENT"));
        post("jinshui", "/api/v1/funds/requests/" + proposal + "/send", "{}").andExpect(status().isConflict());

        // more than the bank said the account holds: refused with the figures until confirmed
        post("jinshui", "/api/v1/funds/freezes", """
                        {"requestId":%d,"amount":"300000.00","documentNumber":"郑金公（刑）冻财字〔2021〕0600号","approvingOfficer":"王局长"}""".formatted(ccbId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("30000.00")));
        // a freeze of what was stopped, with its document; the bank freezes; renewed; released with a deduction
        JsonNode freeze = body(
                post("jinshui", "/api/v1/funds/freezes", """
                        {"requestId":%d,"amount":"30000.00","documentNumber":"郑金公（刑）冻财字〔2021〕0601号","approvingOfficer":"王局长"}""".formatted(ccbId)).andExpect(status().isCreated()));
        long freezeId = freeze.get("id").asLong();
        assertThat(freeze.get("kind").asText()).isEqualTo("FREEZE");
        post(
                        BANK,
                        "/api/v1/funds/requests/" + freezeId + "/response",
                        "{\"result\":\"STOPPED\",\"heldAmount\":\"30000\"}")
                .andExpect(status().isBadRequest()); // a freeze is answered FROZEN, PARTIAL or FAILED
        JsonNode frozen = body(post(
                        BANK,
                        "/api/v1/funds/requests/" + freezeId + "/response",
                        "{\"result\":\"FROZEN\",\"heldAmount\":\"30000.00\"}")
                .andExpect(status().isOk()));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(frozen.get("freezeUntil").asText())
                .isEqualTo(today.plusMonths(6).toString());
        assertThat(ids(body(get("jinshui", "/api/v1/funds/freezes/expiring?days=200"))))
                .contains(freezeId);
        assertThat(ids(body(get("jinshui", "/api/v1/funds/freezes/expiring?days=10"))))
                .doesNotContain(freezeId);
        JsonNode renewed = body(post(
                        "jinshui",
                        "/api/v1/funds/requests/" + freezeId + "/renew",
                        "{\"documentNumber\":\"续冻〔2021〕1号\",\"months\":6}")
                .andExpect(status().isOk()));
        assertThat(renewed.get("renewals").asInt()).isEqualTo(1);
        assertThat(renewed.get("freezeUntil").asText())
                .isEqualTo(today.plusMonths(12).toString());
        JsonNode released = body(post(
                        "jinshui",
                        "/api/v1/funds/requests/" + freezeId + "/release",
                        "{\"deductedAmount\":\"30000.00\",\"note\":\"扣划返还被害人\"}")
                .andExpect(status().isOk()));
        assertThat(released.get("state").asText()).isEqualTo("RELEASED");
        assertThat(released.get("events").findValuesAsString("kind")).contains("SENT", "FROZEN", "RENEWED", "DEDUCTED");

        // the times banks take, per bank
        JsonNode timings = body(get("zhengzhou", "/api/v1/funds/timings").andExpect(status().isOk()));
        assertThat(timings.findValuesAsString("bank")).contains("CCB", "ICBC");
        // audited
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_record WHERE entity = 'fund-request' AND entity_id = ?",
                        Integer.class,
                        Long.toString(ccbId)))
                .isGreaterThanOrEqualTo(2);
        // another city sees none of it
        get("luoyang", "/api/v1/funds/requests/" + ccbId).andExpect(status().isNotFound());
        assertThat(ids(body(get("luoyang", "/api/v1/funds/requests")))).doesNotContain(ccbId, icbcId);
    }

    @Test
    void anUnansweredRequestExpiresAndItsUnitIsTold() throws Exception {
        long caseId = newCase("jinshui", "410105");
        long id = body(post("jinshui", "/api/v1/funds/stop-payments", """
                        {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","toAccount":"%s","toBank":"ABC","amount":"100"}]}""".formatted(caseId, account()))
                        .andExpect(status().isCreated()))
                .get("requests")
                .get(0)
                .get("id")
                .asLong();
        jdbc.update("UPDATE fund_request SET answer_due = answer_due - INTERVAL '3' HOUR WHERE id = ?", id);
        Object service = context.getBean(Class.forName("org.fanzha.funds.internal.FundWatch"));
        service.getClass().getMethod("expire").invoke(service);
        assertThat(jdbc.queryForObject("SELECT state FROM fund_request WHERE id = ?", String.class, id))
                .isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM notice WHERE subject = ?", Integer.class, "fund request " + id))
                .isEqualTo(1);
    }

    @Test
    void aFreezeNearItsEndIsToldOnceAndOneNotRenewedLapsesWithANotice() throws Exception {
        long caseId = newCase("jinshui", "410105");
        long id = body(post("jinshui", "/api/v1/funds/freezes", """
                        {"caseId":%d,"account":"%s","bank":"CCB","amount":"1000","documentNumber":"冻财字〔2026〕9号","approvingOfficer":"王局长"}""".formatted(caseId, account()))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        post(BANK, "/api/v1/funds/requests/" + id + "/response", "{\"result\":\"FROZEN\",\"heldAmount\":\"1000\"}")
                .andExpect(status().isOk());
        Object service = context.getBean(Class.forName("org.fanzha.funds.internal.FundWatch"));
        java.lang.reflect.Method watch = service.getClass().getMethod("watchFreezes");
        String notices = "SELECT COUNT(*) FROM notice WHERE subject = ? AND kind = ?";
        watch.invoke(service);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + id, "FREEZE_LAPSING"))
                .isZero();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        jdbc.update(
                "UPDATE fund_request SET freeze_until = ? WHERE id = ?", java.sql.Date.valueOf(today.plusDays(3)), id);
        watch.invoke(service);
        watch.invoke(service);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + id, "FREEZE_LAPSING"))
                .isEqualTo(1);
        // renewed: far from its end again, nothing more to tell
        post("jinshui", "/api/v1/funds/requests/" + id + "/renew", "{\"documentNumber\":\"续冻〔2026〕2号\"}")
                .andExpect(status().isOk());
        watch.invoke(service);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + id, "FREEZE_LAPSING"))
                .isEqualTo(1);
        // its last day passed without renewal: lapsed, and the unit told
        jdbc.update(
                "UPDATE fund_request SET freeze_until = ? WHERE id = ?", java.sql.Date.valueOf(today.minusDays(1)), id);
        watch.invoke(service);
        assertThat(body(get("jinshui", "/api/v1/funds/requests/" + id))
                        .get("state")
                        .asText())
                .isEqualTo("LAPSED");
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + id, "FREEZE_LAPSED"))
                .isEqualTo(1);
        post("jinshui", "/api/v1/funds/requests/" + id + "/renew", "{\"documentNumber\":\"续冻〔2026〕3号\"}")
                .andExpect(status().isConflict());
    }

    @Test
    void aStopNotFollowedByAFreezeIsToldBeforeItsHoldEnds() throws Exception {
        long caseId = newCase("jinshui", "410105");
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            ids[i] = body(post("jinshui", "/api/v1/funds/stop-payments", """
                            {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","toAccount":"%s","toBank":"CCB","amount":"500"}]}""".formatted(caseId, account()))
                            .andExpect(status().isCreated()))
                    .get("requests")
                    .get(0)
                    .get("id")
                    .asLong();
            post(
                            BANK,
                            "/api/v1/funds/requests/" + ids[i] + "/response",
                            "{\"result\":\"STOPPED\",\"heldAmount\":\"500\"}")
                    .andExpect(status().isOk());
        }
        // the second is followed by a freeze in time
        post("jinshui", "/api/v1/funds/freezes", """
                        {"requestId":%d,"amount":"500","documentNumber":"冻财字〔2026〕11号","approvingOfficer":"王局长"}""".formatted(ids[1])).andExpect(status().isCreated());
        Object service = context.getBean(Class.forName("org.fanzha.funds.internal.FundWatch"));
        java.lang.reflect.Method watch = service.getClass().getMethod("watchStops");
        String notices = "SELECT COUNT(*) FROM notice WHERE subject = ? AND kind = 'STOP_HOLD_ENDING'";
        watch.invoke(service);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + ids[0]))
                .isZero();
        // 44 hours after the answer: 4 hours of the 48 left
        jdbc.update(
                "UPDATE fund_request SET answered_at = answered_at - INTERVAL '44' HOUR WHERE id IN (?, ?)",
                ids[0],
                ids[1]);
        watch.invoke(service);
        watch.invoke(service);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + ids[0]))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(notices, Integer.class, "fund request " + ids[1]))
                .isZero();
    }

    @Test
    void anAccountATraceFoundHoldingMoneyIsStoppedInOneClick() throws Exception {
        long caseId = newCase("jinshui", "410105");
        String acc = account();
        JsonNode stop = body(post("jinshui", "/api/v1/funds/stop-payments/traced", """
                        {"caseId":%d,"account":"%s","bank":"建设银行","amount":"2500.00","level":2}""".formatted(caseId, acc))
                .andExpect(status().isCreated()));
        assertThat(stop.get("state").asText()).isEqualTo("SENT");
        assertThat(stop.get("hop").asInt()).isEqualTo(2);
        assertThat(stop.get("transfers").size()).isZero();
        assertThat(ids(body(get(BANK, "/api/v1/funds/requests?status=SENT"))))
                .contains(stop.get("id").asLong());
        post("jinshui", "/api/v1/funds/stop-payments/traced", """
                        {"caseId":%d,"account":"<b>","bank":"火星银行","amount":"-1","level":99}""".formatted(caseId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4));
        post("luoyang", "/api/v1/funds/stop-payments/traced", """
                        {"caseId":%d,"account":"%s","bank":"CCB","amount":"1","level":1}""".formatted(caseId, acc))
                .andExpect(status().is4xxClientError());
        // malformed, oversized
        post("jinshui", "/api/v1/funds/stop-payments/traced", "{\"caseId\":").andExpect(status().isBadRequest());
        post("jinshui", "/api/v1/funds/stop-payments/traced", "{\"caseId\":\"" + "9".repeat(3_000_000) + "\"}")
                .andExpect(status().isContentTooLarge());
        // a statement as .xlsx is read whole: refused above 32 MB before it is opened
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                "/api/v1/funds/statements")
                        .file(new org.springframework.mock.web.MockMultipartFile(
                                "file", "big.xlsx", "application/octet-stream", new byte[33 << 20]))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsSent() throws Exception {
        long caseId = newCase("jinshui", "410105");
        long luoyangCase = newCase("luoyang", "410305");
        String t =
                "{\"time\":\"2021-06-01T20:20:00+08:00\",\"toAccount\":\"6217000011112222333\",\"toBank\":\"CCB\",\"amount\":\"%s\"}";
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM fund_request", Integer.class);
        for (String amount : new String[] {"-5", "0", "abc", "1.001", "1e400", "99999999999999"}) {
            post(
                            "jinshui",
                            "/api/v1/funds/stop-payments",
                            "{\"caseId\":" + caseId + ",\"transfers\":[" + t.formatted(amount) + "]}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("transfers[0].amount"));
        }
        String[] bad = {
            "{\"caseId\":" + caseId
                    + ",\"transfers\":[{\"time\":\"2021-06-01T20:20:00+08:00\",\"toAccount\":\"6217000011112222333\",\"toBank\":\"火星银行\",\"amount\":\"1\"}]}",
            "{\"caseId\":" + caseId
                    + ",\"transfers\":[{\"time\":\"2099-06-01T20:20:00+08:00\",\"toAccount\":\"6217000011112222333\",\"toBank\":\"CCB\",\"amount\":\"1\"}]}",
            "{\"caseId\":" + caseId
                    + ",\"transfers\":[{\"time\":\"yesterday\",\"toAccount\":\"<script>\",\"toBank\":\"CCB\",\"amount\":\"1\",\"channel\":\"CASH\"}]}",
            "{\"caseId\":" + caseId + ",\"transfers\":[]}",
            "{\"transfers\":[" + t.formatted("1") + "]}",
            "{\"caseId\":" + caseId + ",\"warningId\":1,\"transfers\":[" + t.formatted("1") + "]}",
            "{\"caseId\":" + luoyangCase + ",\"transfers\":[" + t.formatted("1") + "]}",
            "{\"caseId\":" + caseId + ",\"transfers\":[" + t.formatted("1") + "],\"extra\":1}",
            "{\"caseId\":\"x\"}",
            "{",
        };
        for (String body : bad) {
            post("jinshui", "/api/v1/funds/stop-payments", body).andExpect(status().isBadRequest());
        }
        StringBuilder many = new StringBuilder("{\"caseId\":" + caseId + ",\"transfers\":[");
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : ",").append(t.formatted("1"));
        }
        post("jinshui", "/api/v1/funds/stop-payments", many + "]}").andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fund_request", Integer.class))
                .isEqualTo(before);
        // a bank token must name its bank
        post(
                        "admin",
                        "/api/v1/tokens",
                        "{\"name\":\"bank-x\",\"permissions\":[\"funds:respond\"],\"sources\":[\"BANK\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bank"));
        post(
                        "admin",
                        "/api/v1/tokens",
                        "{\"name\":\"bank-y\",\"permissions\":[\"funds:respond\"],\"sources\":[\"BANK\"],\"bank\":\"火星银行\"}")
                .andExpect(status().isBadRequest());
        get("jinshui", "/api/v1/funds/requests?status=DONE").andExpect(status().isBadRequest());
        get("hotline", "/api/v1/funds/requests").andExpect(status().isForbidden());
    }
}
