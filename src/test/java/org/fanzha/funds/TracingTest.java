package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trace worked out by hand: 10,000 reach account A, which held 2,000 before; A pays 5,000 to B,
 * 4,000 to C and 3,000 at an ATM, so first in first out B carries 3,000 of it, C 4,000, the ATM
 * 3,000; B received the 3,000 as the last part of its 5,000 and pays 2,500 to D1 and 2,500 to D2,
 * so D1 carries 500 and D2 2,500; D1 still holds its money.
 */
@IntegrationTest
class TracingTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    JsonNode importStatement(String csv) throws Exception {
        return json.readTree(mvc.perform(multipart("/api/v1/funds/statements")
                        .file(new MockMultipartFile(
                                "file", "statement.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("bank", "中国工商银行")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void theMoneyIsFollowedFirstInFirstOutAndEveryAccountJoinsTheCase() throws Exception {
        // 20-digit accounts: never bank cards (16 to 19 digits passing Luhn), so always BANK_ACCOUNT
        // identifiers (16 random digits passed Luhn one time in ten and made this test flaky)
        String tag = String.format("%06d", System.nanoTime() % 1_000_000);
        String a = "88" + tag + "000000000001";
        String b = "88" + tag + "000000000002";
        String c = "88" + tag + "000000000003";
        String d1 = "88" + tag + "000000000004";
        String d2 = "88" + tag + "000000000005";
        long caseId = json.readTree(mvc.perform(
                                MockMvcRequestBuilders.post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"INVESTMENT\",\"lossAmount\":\"10000\",\"occurredAt\":\"2021-06-01T20:00:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/stop-payments")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","fromAccount":"6222020000000000009","toAccount":"%s","toBank":"ICBC","amount":"10000"}]}""".formatted(caseId, a)))
                .andExpect(status().isCreated());
        JsonNode report = importStatement("""
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                2021-06-01 19:20:00,%1$s,,,,2000.00,贷,2000.00,A-1,网银
                2021-06-01 20:20:00,%1$s,6222020000000000009,被害人,,10000.00,贷,12000.00,A-2,网银
                2021-06-01 20:30:00,%1$s,%2$s,某某,招商银行,5000.00,借,7000.00,A-3,网银
                2021-06-01 20:40:00,%1$s,%3$s,某某,工商银行,4000.00,借,3000.00,A-4,网银
                2021-06-01 20:50:00,%1$s,,,,3000.00,借,0.00,A-5,ATM
                2021-06-01 20:30:00,%2$s,%1$s,某某,,5000.00,贷,5000.00,B-1,网银
                2021-06-01 20:35:00,%2$s,%4$s,某某,,2500.00,借,2500.00,B-2,网银
                2021-06-01 20:36:00,%2$s,%5$s,某某,,2500.00,借,0.00,B-3,网银
                2021-06-01 20:35:00,%4$s,%2$s,某某,,2500.00,贷,2500.00,D1-1,网银
                2021-06-01 21:00:00,%1$s,,,,abc,借,0.00,A-6,网银
                """.formatted(a, b, c, d1, d2));
        assertThat(report.get("rows").asInt()).isEqualTo(10);
        assertThat(report.get("imported").asInt()).isEqualTo(9);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(11);
        assertThat(report.get("errors").get(0).get("errors").get(0).get("field").asText())
                .isEqualTo("amount");
        // the same statement again: nothing doubled
        assertThat(importStatement("交易时间,账号,交易金额,借贷标志,余额,交易流水号\n2021-06-01 19:20:00," + a + ",2000.00,贷,2000.00,A-1\n")
                        .get("duplicates")
                        .asInt())
                .isEqualTo(1);

        JsonNode trace = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/funds/trace")
                        .param("account", a)
                        .param("from", "2021-06-01T20:20:00+08:00")
                        .param("hops", "5")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(trace.get("amount").decimalValue()).isEqualByComparingTo("10000");
        Map<String, BigDecimal> traced = new HashMap<>();
        trace.get("edges")
                .forEach(e -> traced.merge(
                        e.get("from").asText() + ">" + e.get("to").asText(),
                        e.get("traced").decimalValue(),
                        BigDecimal::add));
        assertThat(traced).hasSize(5);
        assertThat(traced.get(a + ">" + b)).isEqualByComparingTo("3000");
        assertThat(traced.get(a + ">" + c)).isEqualByComparingTo("4000");
        assertThat(traced.get(a + ">(ATM)")).isEqualByComparingTo("3000");
        assertThat(traced.get(b + ">" + d1)).isEqualByComparingTo("500");
        assertThat(traced.get(b + ">" + d2)).isEqualByComparingTo("2500");
        Map<String, JsonNode> nodes = new HashMap<>();
        trace.get("nodes").forEach(n -> nodes.put(n.get("account").asText(), n));
        assertThat(nodes.get(a).get("level").asInt()).isZero();
        assertThat(nodes.get(a).get("cashOut").asText()).isEqualTo("CASH");
        assertThat(nodes.get("(ATM)").get("cashOut").asText()).isEqualTo("CASH");
        assertThat(nodes.get("(ATM)").get("level").asInt()).isEqualTo(1);
        assertThat(nodes.get(b).get("level").asInt()).isEqualTo(1);
        assertThat(nodes.get(b).get("bank").asText()).isEqualTo("ICBC");
        assertThat(nodes.get(c).get("bank").asText()).isEqualTo("ICBC");
        assertThat(nodes.get(d1).get("level").asInt()).isEqualTo(2);
        assertThat(nodes.get(d1).get("holdsMoney").asBoolean()).isTrue();
        assertThat(nodes.get(b).get("holdsMoney").asBoolean()).isFalse();
        // viewing changed nothing; adding the trace to the case makes every account met its identifier
        assertThat(trace.get("identifiersAdded").asInt()).isZero();
        assertThat(json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/identifiers/BANK_ACCOUNT/" + d2)
                                        .header("Authorization", api.bearer("jinshui")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("cases")
                        .asInt())
                .isZero();
        JsonNode added = json.readTree(mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/trace/identifiers")
                        .param("account", a)
                        .param("from", "2021-06-01T20:20:00+08:00")
                        .param("hops", "5")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(added.get("identifiersAdded").asInt()).isEqualTo(5);
        String related = mvc.perform(MockMvcRequestBuilders.get("/api/v1/identifiers/BANK_ACCOUNT/" + d2)
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(related).contains(Long.toString(caseId));

        // one hop: only what left A
        JsonNode oneHop = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/funds/trace")
                        .param("account", a)
                        .param("from", "2021-06-01T20:20:00+08:00")
                        .param("hops", "1")
                        .header("Authorization", api.bearer("jinshui")))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(oneHop.get("edges").size()).isEqualTo(3);

        String[][] bad = {
            {a, "yesterday", "5"},
            {a, "2021-06-01T20:20:00+08:00", "11"},
            {null, "2021-06-01T20:20:00+08:00", "5"},
            {"<x>", "2021-06-01T20:20:00+08:00", "5"},
            {a, "2099-06-01T20:20:00+08:00", "5"}
        };
        for (String[] q : bad) {
            var request = MockMvcRequestBuilders.get("/api/v1/funds/trace")
                    .param("from", q[1])
                    .param("hops", q[2]);
            if (q[0] != null) {
                request.param("account", q[0]);
            }
            mvc.perform(request.header("Authorization", api.bearer("jinshui"))).andExpect(status().isBadRequest());
        }
        mvc.perform(MockMvcRequestBuilders.get("/api/v1/funds/trace")
                        .param("account", a)
                        .param("from", "2021-06-01T20:20:00+08:00")
                        .header("Authorization", api.bearer("hotline")))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/v1/funds/statements")
                        .file(new MockMultipartFile(
                                "file", "s.csv", "text/csv", "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void cardsMetByATraceFromAVictimsTransferKeepTheirLevelForTheCardBreakingCampaign() throws Exception {
        String tag = String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        String first = luhn("622848" + tag);
        String second = luhn("622849" + tag);
        long caseId = json.readTree(mvc.perform(
                                MockMvcRequestBuilders.post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"1000\",\"occurredAt\":\"2021-07-01T09:50:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/stop-payments")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"caseId":%d,"transfers":[{"time":"2021-07-01T10:00:00+08:00","toAccount":"%s","toBank":"ABC","amount":"1000"}]}""".formatted(caseId, first)))
                .andExpect(status().isCreated());
        importStatement("""
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                2021-07-01 10:00:00,%1$s,6222020000000000009,被害人,,1000.00,贷,1000.00,L-1,网银
                2021-07-01 10:05:00,%1$s,%2$s,某某,农业银行,1000.00,借,0.00,L-2,网银
                2021-07-01 10:05:00,%2$s,%1$s,某某,,1000.00,贷,1000.00,L-3,网银
                """.formatted(first, second));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/trace/identifiers")
                        .param("account", first)
                        .param("from", "2021-07-01T10:00:00+08:00")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk());
        for (String[] expected : new String[][] {{first, "1"}, {second, "2"}}) {
            JsonNode card = json.readTree(
                            mvc.perform(MockMvcRequestBuilders.get("/api/v1/cards/BANK_CARD/" + expected[0])
                                            .header("Authorization", api.bearer("jinshui")))
                                    .andExpect(status().isOk())
                                    .andReturn()
                                    .getResponse()
                                    .getContentAsString())
                    .get("card");
            assertThat(card.get("fundLevel").asInt()).as(expected[0]).isEqualTo(Integer.parseInt(expected[1]));
        }
    }

    @Test
    void aTraceStartsFromTheVictimsOwnAccountAsTheTransfersRecordIt() throws Exception {
        String tag = String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        String victim = luhn("622202" + tag);
        String first = luhn("622858" + tag);
        String second = luhn("622859" + tag);
        long caseId = json.readTree(mvc.perform(
                                MockMvcRequestBuilders.post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"1200\",\"occurredAt\":\"2021-08-01T09:50:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/stop-payments")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"caseId":%d,"transfers":[{"time":"2021-08-01T10:00:00+08:00","fromAccount":"%s","toAccount":"%s","toBank":"ABC","amount":"1200"}]}""".formatted(caseId, victim, first)))
                .andExpect(status().isCreated());
        importStatement("""
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                2021-08-01 10:00:00,%1$s,%3$s,被害人,,1200.00,贷,1200.00,V-1,网银
                2021-08-01 10:05:00,%1$s,%2$s,某某,农业银行,1200.00,借,0.00,V-2,网银
                2021-08-01 10:05:00,%2$s,%1$s,某某,,1200.00,贷,1200.00,V-3,网银
                """.formatted(first, second, victim));
        // the officer has the victim's account and the time of the transfer, nothing else
        JsonNode trace = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/funds/trace")
                        .param("account", victim)
                        .param("from", "2021-08-01T09:59:00+08:00")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(trace.get("amount").decimalValue()).isEqualByComparingTo("1200");
        Map<String, Integer> levels = new HashMap<>();
        trace.get("nodes")
                .forEach(n ->
                        levels.put(n.get("account").asText(), n.get("level").asInt()));
        assertThat(levels).containsEntry(victim, 0).containsEntry(first, 1).containsEntry(second, 2);
        assertThat(trace.get("caseId").asLong()).isEqualTo(caseId);
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/trace/identifiers")
                        .param("account", victim)
                        .param("from", "2021-08-01T09:59:00+08:00")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk());
        assertThat(json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/cards/BANK_CARD/" + first)
                                        .header("Authorization", api.bearer("jinshui")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("card")
                        .get("fundLevel")
                        .asInt())
                .isEqualTo(1);
        // the victim's own account is no fraud identifier of the case
        assertThat(json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/identifiers/BANK_CARD/" + victim)
                                        .header("Authorization", api.bearer("jinshui")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("cases")
                        .asInt())
                .isZero();
    }

    @Test
    void aTransferTheBankReportedAndTheStatementShowsIsTracedOnce() throws Exception {
        String tag = String.format("%06d", System.nanoTime() % 1_000_000);
        String a = "84" + tag + "000000000001";
        String b = "84" + tag + "000000000002";
        long caseId = json.readTree(mvc.perform(
                                MockMvcRequestBuilders.post("/api/v1/cases")
                                        .header("Authorization", api.bearer("jinshui"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(
                                                "{\"fraudType\":\"LOAN\",\"lossAmount\":\"38000\",\"occurredAt\":\"2021-08-01T20:00:00+08:00\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        long request = json.readTree(mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/stop-payments")
                                .header("Authorization", api.bearer("jinshui"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"caseId":%d,"transfers":[{"time":"2021-08-01T20:20:00+08:00","fromAccount":"6222020000000000009","toAccount":"%s","toBank":"CCB","amount":"38000"}]}""".formatted(caseId, a)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("requests")
                .get(0)
                .get("id")
                .asLong();
        // the bank reports 14,000 gone on to B; later the statements show the same transfer
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/requests/" + request + "/response")
                        .header("Authorization", "Bearer demo-bank-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"result":"PARTIAL","heldAmount":"24000","onward":[{"toAccount":"%s","toBank":"ICBC","amount":"14000","time":"2021-08-01T20:25:00+08:00"}]}""".formatted(b)))
                .andExpect(status().isOk());
        importStatement("""
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                2021-08-01 20:20:00,%1$s,6222020000000000009,被害人,,38000.00,贷,38000.00,D-1,网银
                2021-08-01 20:25:00,%1$s,%2$s,某某,工商银行,14000.00,借,24000.00,D-2,网银
                2021-08-01 20:25:00,%2$s,%1$s,某某,,14000.00,贷,14000.00,D-3,网银
                """.formatted(a, b));
        JsonNode trace = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/funds/trace")
                        .param("account", a)
                        .param("from", "2021-08-01T20:20:00+08:00")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(trace.get("edges").size()).isEqualTo(1);
        Map<String, JsonNode> nodes = new HashMap<>();
        trace.get("nodes").forEach(n -> nodes.put(n.get("account").asText(), n));
        assertThat(nodes.get(b).get("received").decimalValue()).isEqualByComparingTo("14000");
    }

    /** The number with its Luhn check digit appended. */
    static String luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int x = digits.charAt(i) - '0';
            if (twice) {
                x = x * 2 > 9 ? x * 2 - 9 : x * 2;
            }
            sum += x;
            twice = !twice;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
