package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.contact.Gateways;
import org.fanzha.contact.GatewaysTest;
import org.fanzha.contact.TestCallCentre;
import org.fanzha.contact.TestSmsc;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.Signatures;
import org.fanzha.testing.Api;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reaching people came to, as performance evaluation counts it: SMS delivered, robot calls answered, people handed on. */
@GatewaysTest
class ReachFactsTest {

    /** 泌阳县: no other test files warnings there. */
    static final String UNIT = "411726";

    static final TestSmsc SMSC = Gateways.SMSC;
    static final TestCallCentre CENTRE = Gateways.CALL_CENTRE;

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    ContactFacts facts;

    @Autowired
    org.fanzha.performance.internal.Rollups rollups;

    long orangeWarning(String phone) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"source":"NATIONAL_CENTRE","sourceId":"REACH-%d","phone":"%s","divisionCode":"%s","fraudType":"IMPERSONATE_POLICE"}""".formatted(System.nanoTime(), phone, UNIT)))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    void smsEnds(long warning, String phone, DeliveryReceiptState state) throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE warning_id = ? AND state = 'SUBMITTED'")
                                .param(warning)
                                .query(Long.class)
                                .single()
                        == 1);
        for (var submit : SMSC.submitsTo(phone)) {
            SMSC.receipt(submit, state, submit.id());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT finished_at IS NOT NULL FROM sms_message WHERE warning_id = ?")
                        .param(warning)
                        .query(Boolean.class)
                        .single());
    }

    void callEnds(String phone, String result) throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !CENTRE.ordersTo(phone).isEmpty());
        String callId = json.readTree(CENTRE.ordersTo(phone).get(0).body())
                .get("callId")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT state FROM voice_call WHERE call_id = ?")
                        .param(callId)
                        .query(String.class)
                        .single()
                        .equals("ORDERED"));
        String body = "{\"callId\":\"" + callId + "\",\"result\":\"" + result + "\"}";
        mvc.perform(post("/api/v1/contact/voice-results")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(Signatures.HEADER, Signatures.sign(TestCallCentre.SECRET, body))
                        .content(body))
                .andExpect(status().isOk());
    }

    @Test
    void smsDeliveredRobotCallsAnsweredAndPeopleHandedOnAreCountedForTheUnit() throws Exception {
        String reached = "13903960001";
        String missed = "13903960002";
        long a = orangeWarning(reached);
        long b = orangeWarning(missed);
        smsEnds(a, reached, DeliveryReceiptState.DELIVRD);
        smsEnds(b, missed, DeliveryReceiptState.UNDELIV);
        callEnds(reached, "ANSWERED_SAFE");
        callEnds(missed, "NO_ANSWER");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM contact_step WHERE warning_id = ? AND channel = 'HUMAN_CALL' AND state = 'DONE'")
                                .param(b)
                                .query(Long.class)
                                .single()
                        == 1);

        Map<FactKind, BigDecimal> sums = new EnumMap<>(FactKind.class);
        Map<FactKind, java.util.List<BigDecimal>> times = new EnumMap<>(FactKind.class);
        LocalDate today = FactSource.day(java.time.Instant.now());
        facts.facts(today.minusDays(1), today.plusDays(1), (kind, unit, day, value, type) -> {
            if (!unit.equals(UNIT)) {
                return;
            }
            if (kind.distribution()) {
                times.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(value);
            } else {
                sums.merge(kind, value, BigDecimal::add);
            }
        });
        // one time per plan tried (both, by SMS and robot at once) and per person reached (one)
        assertThat(times.get(FactKind.FIRST_ATTEMPT_SECONDS)).hasSize(2);
        assertThat(times.get(FactKind.FIRST_CONTACT_SECONDS)).hasSize(1);
        assertThat(times.get(FactKind.FIRST_ATTEMPT_SECONDS))
                .allSatisfy(v -> assertThat(v).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(5)));
        assertThat(sums)
                .containsEntry(FactKind.SMS_ENDED, BigDecimal.valueOf(2))
                .containsEntry(FactKind.SMS_DELIVERED, BigDecimal.ONE)
                .containsEntry(FactKind.ROBOT_CALLS, BigDecimal.valueOf(2))
                .containsEntry(FactKind.ROBOT_CONNECTED, BigDecimal.ONE)
                .containsEntry(FactKind.CONTACT_PLANS, BigDecimal.valueOf(2))
                .containsEntry(FactKind.HANDED_TO_HUMAN, BigDecimal.ONE);
        assertThat(facts.kinds()).containsAll(sums.keySet());

        // how fast: both were tried by SMS and robot at once; one confirmed by the robot
        JsonNode reach = json.readTree(mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach")
                                .param("unit", UNIT)
                                .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(reach.get("plans").asInt()).isEqualTo(2);
        assertThat(reach.at("/firstAttempt/all/count").asInt()).isEqualTo(2);
        assertThat(reach.at("/firstAttempt/SMS/count").asInt()).isEqualTo(2);
        assertThat(reach.at("/firstAttempt/ROBOT_CALL/count").asInt()).isEqualTo(2);
        assertThat(reach.at("/firstAttempt/all/medianSeconds").asLong()).isBetween(0L, 5L);
        assertThat(reach.at("/confirmedContact/all/count").asInt()).isEqualTo(1);
        assertThat(reach.at("/confirmedContact/ROBOT_CALL/count").asInt()).isEqualTo(1);
        assertThat(reach.at("/confirmedContact/HUMAN_CALL/count").asInt()).isZero();
        assertThat(reach.at("/confirmedContact/HUMAN_CALL/medianSeconds").isNull())
                .isTrue();
        assertThat(reach.at("/confirmedContact/all/p90Seconds").asLong())
                .isGreaterThanOrEqualTo(
                        reach.at("/confirmedContact/all/medianSeconds").asLong());

        // and in the performance module's indicators of the county, as the report counts them
        rollups.refreshNow();
        JsonNode indicators =
                json.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/api/v1/performance/indicators")
                                .param("unit", UNIT)
                                .param("period", today.toString())
                                .header("Authorization", api.bearer("duty")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        Map<String, Long> values = new java.util.HashMap<>();
        indicators
                .get("indicators")
                .forEach(v ->
                        values.put(v.get("indicator").asString(), v.get("value").asLong()));
        assertThat(values)
                .containsEntry(
                        "medianFirstAttemptSeconds",
                        reach.at("/firstAttempt/all/medianSeconds").asLong())
                .containsEntry(
                        "p90FirstAttemptSeconds",
                        reach.at("/firstAttempt/all/p90Seconds").asLong())
                .containsEntry(
                        "medianFirstContactSeconds",
                        reach.at("/confirmedContact/all/medianSeconds").asLong())
                .containsEntry(
                        "p90FirstContactSeconds",
                        reach.at("/confirmedContact/all/p90Seconds").asLong())
                // per channel too: the first SMS and robot call of each, the contact the robot made
                .containsEntry(
                        "medianFirstSmsSeconds",
                        reach.at("/firstAttempt/SMS/medianSeconds").asLong())
                .containsEntry(
                        "p90FirstSmsSeconds",
                        reach.at("/firstAttempt/SMS/p90Seconds").asLong())
                .containsEntry(
                        "medianFirstRobotCallSeconds",
                        reach.at("/firstAttempt/ROBOT_CALL/medianSeconds").asLong())
                .containsEntry(
                        "p90ContactByRobotSeconds",
                        reach.at("/confirmedContact/ROBOT_CALL/p90Seconds").asLong())
                .doesNotContainKeys("medianFirstHumanCallSeconds", "medianContactByHumanSeconds");
        assertThat(times.get(FactKind.ATTEMPT_SECONDS_SMS)).hasSize(2);
        assertThat(times.get(FactKind.ATTEMPT_SECONDS_ROBOT)).hasSize(2);
        assertThat(times.get(FactKind.CONTACT_SECONDS_ROBOT)).hasSize(1);
        assertThat(times).doesNotContainKey(FactKind.CONTACT_SECONDS_HUMAN);

        // the same on the page, in Chinese
        var page = org.jsoup.Jsoup.parse(
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/contact/reach")
                                .param("unit", UNIT)
                                .session(api.session("duty")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(page.select("#reach-plans").text()).isEqualTo("预警 2 条");
        assertThat(page.select("#reach-ROBOT_CALL td").eachText()).element(1).isEqualTo("2");
        assertThat(page.select("#reach-ROBOT_CALL td").eachText()).element(4).isEqualTo("1");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/contact/reach")
                        .param("unit", UNIT)
                        .session(api.session("luoyang")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theReachReportRefusesBadPeriodsAndUnitsOutsideTheJurisdiction() throws Exception {
        var get = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach");
        mvc.perform(get.param("from", "2026-13-01")
                        .param("to", "yesterday")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors.length()")
                                .value(2));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach")
                        .param("from", "2020-01-01")
                        .param("to", "2026-01-01")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach")
                        .param("unit", "4101")
                        .header("Authorization", api.bearer("luoyang")))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach")
                        .param("unit", "4101'; DROP TABLE x")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isBadRequest());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/contact/reach")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isForbidden());
    }
}
