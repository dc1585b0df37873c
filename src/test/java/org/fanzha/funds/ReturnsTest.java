package org.fanzha.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.performance.internal.Rollups;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A return worked out by hand. Victim 1 (金水, case 1) sends 30,000 to A, which passes all of it to M;
 * victim 2 (洛阳, case 2) sends 10,000 to B, which passes 6,000 of it to M; victim 3 sends 5,000 to Z,
 * which never reaches M. M is frozen and its bank holds 24,000. M received 36,000 of victims' money,
 * more than is frozen, so each gets 24,000 × contribution ÷ 36,000: victim 1 20,000.00, victim 2
 * 4,000.00, victim 3 nothing.
 */
@IntegrationTest
class ReturnsTest {

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
    Rollups rollups;

    ResultActions post(String auth, String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions get(String auth, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth)));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    long newCase(String user, String unit) throws Exception {
        return body(post(user, "/api/v1/cases", """
                        {"fraudType":"INVESTMENT","lossAmount":"30000","occurredAt":"2021-06-01T20:15:00+08:00","unitCode":"%s"}""".formatted(unit)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    void transfer(String user, long caseId, OffsetDateTime at, String to, String bank, String amount) throws Exception {
        post(user, "/api/v1/funds/stop-payments", """
                        {"caseId":%d,"transfers":[{"time":"%s","fromAccount":"6222020000000000009","toAccount":"%s","toBank":"%s","amount":"%s"}]}""".formatted(caseId, at, to, bank, amount))
                .andExpect(status().isCreated());
    }

    @Test
    void frozenMoneyGoesBackInProportionToWhatEachVictimContributed() throws Exception {
        String tag = String.format("%06d", System.nanoTime() % 1_000_000);
        String a = "87" + tag + "000000000001";
        String b = "87" + tag + "000000000002";
        String m = "87" + tag + "000000000003";
        String z = "87" + tag + "000000000004";
        long case1 = newCase("jinshui", "410105");
        long case2 = newCase("luoyang", "410305");
        long case3 = newCase("jinshui", "410105");
        OffsetDateTime t0 =
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2).truncatedTo(ChronoUnit.MINUTES);
        transfer("jinshui", case1, t0, a, "ICBC", "30000");
        transfer("luoyang", case2, t0.plusMinutes(5), b, "ABC", "10000");
        transfer("jinshui", case3, t0.plusMinutes(7), z, "ICBC", "5000");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        String csv = """
                交易时间,账号,对手账号,对手户名,对手行名,交易金额,借贷标志,余额,交易流水号,交易渠道
                %1$s,%5$s,6222020000000000009,被害人一,,30000.00,贷,30000.00,R-A1,网银
                %3$s,%5$s,%7$s,某某,建设银行,30000.00,借,0.00,R-A2,网银
                %2$s,%6$s,6222020000000000009,被害人二,,10000.00,贷,10000.00,R-B1,网银
                %4$s,%6$s,%7$s,某某,建设银行,6000.00,借,4000.00,R-B2,网银
                %3$s,%7$s,%5$s,某某,,30000.00,贷,30000.00,R-M1,网银
                %4$s,%7$s,%6$s,某某,,6000.00,贷,36000.00,R-M2,网银
                """.formatted(
                        f.format(t0),
                        f.format(t0.plusMinutes(5)),
                        f.format(t0.plusMinutes(10)),
                        f.format(t0.plusMinutes(15)),
                        a,
                        b,
                        m);
        mvc.perform(multipart("/api/v1/funds/statements")
                        .file(new MockMultipartFile("file", "m.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(6));

        long freezeId = body(post("jinshui", "/api/v1/funds/freezes", """
                        {"caseId":%d,"account":"%s","bank":"中国建设银行","amount":"36000","documentNumber":"金公（刑）冻财字〔2026〕1号","approvingOfficer":"王局长"}""".formatted(case1, m))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        // nothing to return before the bank froze anything
        post("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns", "").andExpect(status().isConflict());
        post(
                        BANK,
                        "/api/v1/funds/requests/" + freezeId + "/response",
                        "{\"result\":\"PARTIAL\",\"heldAmount\":\"24000.00\"}")
                .andExpect(status().isOk());

        JsonNode proposed = body(post("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns", "")
                .andExpect(status().isCreated()));
        long returnId = proposed.get("id").asLong();
        assertThat(proposed.get("state").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("frozenAmount").decimalValue()).isEqualByComparingTo("24000");
        assertThat(proposed.get("tracedTotal").decimalValue()).isEqualByComparingTo("36000");
        assertThat(proposed.get("returnTotal").decimalValue()).isEqualByComparingTo("24000");
        assertThat(proposed.get("calculation").asText()).contains("按比例", "24000.00", "36000.00", "上游账户");
        Map<Long, JsonNode> byCase = new HashMap<>();
        proposed.get("shares").forEach(s -> byCase.put(s.get("caseId").asLong(), s));
        assertThat(byCase).containsOnlyKeys(case1, case2);
        assertThat(byCase.get(case1).get("traced").decimalValue()).isEqualByComparingTo("30000");
        assertThat(byCase.get(case1).get("share").decimalValue()).isEqualByComparingTo("20000.00");
        assertThat(byCase.get(case2).get("traced").decimalValue()).isEqualByComparingTo("6000");
        assertThat(byCase.get(case2).get("share").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(byCase.get(case2).get("unitCode").asText()).isEqualTo("410305");

        // one proposal at a time; an officer cannot approve; the proposer's unit sees it, others not
        post("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns", "").andExpect(status().isConflict());
        post("jinshui", "/api/v1/funds/returns/" + returnId + "/approve", "{}").andExpect(status().isForbidden());
        post("zhengzhou", "/api/v1/funds/returns/" + returnId + "/reject", "{}").andExpect(status().isBadRequest());
        get("hotline", "/api/v1/funds/returns/" + returnId).andExpect(status().isForbidden());
        get("luoyang", "/api/v1/funds/returns/" + returnId).andExpect(status().isOk()); // its victim's share
        post("luoyang", "/api/v1/funds/returns/" + returnId + "/approve", "{}").andExpect(status().isNotFound());

        // hostile and malformed input
        post("zhengzhou", "/api/v1/funds/returns/999999999/approve", "{}").andExpect(status().isNotFound());
        post("jinshui", "/api/v1/funds/requests/999999999/returns", "").andExpect(status().isNotFound());
        post("zhengzhou", "/api/v1/funds/returns/" + returnId + "/reject", "{\"note\":\"" + "x".repeat(1001) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        post("zhengzhou", "/api/v1/funds/returns/" + returnId + "/approve", "{\"note\":")
                .andExpect(status().isBadRequest());
        get("zhengzhou", "/api/v1/funds/returns/abc").andExpect(status().isBadRequest());
        // the page shows the calculation to all, the decision only to a commander other than the proposer
        mvc.perform(MockMvcRequestBuilders.get("/funds/returns/" + returnId).session(api.session("jinshui")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("按比例")))
                .andExpect(content().string(containsString("20000.00")))
                .andExpect(content().string(not(containsString("id=\"decide\""))));
        mvc.perform(MockMvcRequestBuilders.get("/funds/requests/" + freezeId).session(api.session("jinshui")))
                .andExpect(content().string(containsString("/funds/returns/" + returnId)));
        var commander = api.session("zhengzhou");
        mvc.perform(MockMvcRequestBuilders.get("/funds/returns/" + returnId).session(commander))
                .andExpect(content().string(containsString("id=\"decide\"")));
        mvc.perform(MockMvcRequestBuilders.post("/funds/returns/" + returnId + "/decide")
                        .session(commander)
                        .with(csrf())
                        .param("decision", "approve")
                        .param("note", "同意"))
                .andExpect(status().is3xxRedirection());
        JsonNode approved =
                body(get("zhengzhou", "/api/v1/funds/returns/" + returnId).andExpect(status().isOk()));
        assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asText()).isEqualTo("zhengzhou");
        post("zhengzhou", "/api/v1/funds/returns/" + returnId + "/approve", "{}")
                .andExpect(status().isConflict());
        JsonNode freeze = body(get("jinshui", "/api/v1/funds/requests/" + freezeId));
        assertThat(freeze.get("deductedAmount").decimalValue()).isEqualByComparingTo("24000");
        assertThat(freeze.get("state").asText()).isEqualTo("RELEASED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM notice WHERE subject = ? AND unit_code = '410305'",
                        Integer.class,
                        "fund return " + returnId))
                .isEqualTo(1);
        assertThat(body(get("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns"))
                        .size())
                .isEqualTo(1);

        // the amount returned counts for each victim's unit
        rollups.refreshNow();
        JsonNode indicators = body(get(
                "duty",
                "/api/v1/performance/indicators?unit=410305&period=" + LocalDate.now(ZoneId.of("Asia/Shanghai"))));
        JsonNode returned = null;
        for (JsonNode i : indicators.get("indicators")) {
            if (i.get("indicator").asText().equals("amountReturned")) {
                returned = i;
            }
        }
        assertThat(returned).isNotNull();
        assertThat(returned.get("value").decimalValue()).isEqualByComparingTo("4000");
    }

    @Test
    void aVictimIsNeverReturnedMoreThanTheirMoneyThatReachedTheAccount() throws Exception {
        String tag = String.format("%06d", System.nanoTime() % 1_000_000);
        String m = "85" + tag + "000000000001";
        long caseId = newCase("jinshui", "410105");
        OffsetDateTime t0 =
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
        // 10,000 straight into M; the bank freezes 15,000 there (other money too)
        transfer("jinshui", caseId, t0, m, "CCB", "10000");
        long freezeId = body(post("jinshui", "/api/v1/funds/freezes", """
                        {"caseId":%d,"account":"%s","bank":"CCB","amount":"15000","documentNumber":"冻财字〔2026〕21号","approvingOfficer":"王局长"}""".formatted(caseId, m))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        post(
                        BANK,
                        "/api/v1/funds/requests/" + freezeId + "/response",
                        "{\"result\":\"FROZEN\",\"heldAmount\":\"15000\"}")
                .andExpect(status().isOk());
        JsonNode first = body(post("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns", "")
                .andExpect(status().isCreated()));
        // the contribution fits in what is frozen: all of it back
        assertThat(first.get("returnTotal").decimalValue()).isEqualByComparingTo("10000");
        assertThat(first.get("calculation").asText()).contains("全额返还");
        // two commanders approve at the same moment: one decides, the other is told, deducted once
        String approve = "/api/v1/funds/returns/" + first.get("id").asLong() + "/approve";
        List<Integer> answers = org.fanzha.testing.Concurrently.run(List.<java.util.concurrent.Callable<Integer>>of(
                () -> post("zhengzhou", approve, "{}").andReturn().getResponse().getStatus(),
                () -> post("duty", approve, "{}").andReturn().getResponse().getStatus()));
        assertThat(answers).containsExactlyInAnyOrder(200, 409);
        JsonNode freeze = body(get("jinshui", "/api/v1/funds/requests/" + freezeId));
        assertThat(freeze.get("state").asText()).isEqualTo("FROZEN"); // 5,000 still held
        assertThat(freeze.get("deductedAmount").decimalValue()).isEqualByComparingTo("10000");
        // 5,000 remain frozen, but the victim has had back all that reached M: nothing more to return
        post("jinshui", "/api/v1/funds/requests/" + freezeId + "/returns", "")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("returned already")));
    }
}
