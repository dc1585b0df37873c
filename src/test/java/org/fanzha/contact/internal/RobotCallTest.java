package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.contact.Gateways;
import org.fanzha.contact.GatewaysTest;
import org.fanzha.contact.TestCallCentre;
import org.fanzha.platform.Signatures;
import org.fanzha.testing.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Robot calls through a real HTTP call centre ({@link TestCallCentre}): the platform posts a
 * signed order with the script for the fraud type, takes signed results once per call id, and
 * the plan goes on from what the call came to.
 */
@GatewaysTest
class RobotCallTest {

    static final TestCallCentre CENTRE = Gateways.CALL_CENTRE;
    static final String RESULTS = "/api/v1/contact/voice-results";
    static final AtomicInteger next = new AtomicInteger((int) (System.nanoTime() % 5000));

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @AfterEach
    void centreBackToNormal() {
        CENTRE.answerNormally();
    }

    String phone() {
        return "1390372" + String.format("%04d", next.incrementAndGet() % 10000);
    }

    /** A lead that grades ORANGE (police impersonation) or YELLOW (loan), for this phone. */
    long warning(String phone, String fraudType) throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"VOICE-%d","phone":"%s","divisionCode":"410105","fraudType":"%s"}""".formatted(System.nanoTime(), phone, fraudType);
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    JsonNode awaitOrder(String phone, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> CENTRE.ordersTo(phone).size() >= count);
        return json.readTree(CENTRE.ordersTo(phone).get(count - 1).body());
    }

    ResultActions report(String body, String secret) throws Exception {
        return mvc.perform(post(RESULTS)
                .contentType(MediaType.APPLICATION_JSON)
                .header(Signatures.HEADER, Signatures.sign(secret, body))
                .content(body));
    }

    ResultActions report(String callId, String result, String extra) throws Exception {
        return report("""
                {"callId":"%s","result":"%s"%s}""".formatted(callId, result, extra), TestCallCentre.SECRET);
    }

    String callState(String callId) {
        return jdbc.sql("SELECT state || ' ' || COALESCE(result, '') FROM voice_call WHERE call_id = ?")
                .param(callId)
                .query(String.class)
                .single();
    }

    List<String> robotSteps(long warning) {
        return jdbc.sql("""
                        SELECT state || ' ' || COALESCE(result, '') FROM contact_step
                        WHERE warning_id = ? AND channel = 'ROBOT_CALL' ORDER BY id""").param(warning).query(String.class).list();
    }

    String step(long warning, String channel) {
        return jdbc.sql("""
                        SELECT state || ' ' || COALESCE(result, '') FROM contact_step
                        WHERE warning_id = ? AND channel = ? ORDER BY id FETCH FIRST 1 ROWS ONLY""").params(warning, channel).query(String.class).single();
    }

    List<String> robotTimeline(long warning) {
        return jdbc.sql("""
                        SELECT result || ' ' || COALESCE(gateway_ref, '-') FROM warning_event
                        WHERE warning_id = ? AND kind = 'CONTACT' AND method = 'ROBOT_CALL' ORDER BY id""").param(warning).query(String.class).list();
    }

    long callTasks(long warning) {
        return jdbc.sql("SELECT COUNT(*) FROM hotline_task WHERE warning_id = ? AND kind = 'CALL'")
                .param(warning)
                .query(Long.class)
                .single();
    }

    String urgency(long warning) {
        return jdbc.sql("SELECT urgency FROM warning WHERE id = ?")
                .param(warning)
                .query(String.class)
                .single();
    }

    @Test
    void theOrderIsSignedAndCarriesTheScriptAndASafeAnswerIsAConfirmedContactOnce() throws Exception {
        String phone = phone();
        long w = warning(phone, "IMPERSONATE_POLICE");
        assertThat(urgency(w)).isEqualTo("ORANGE");
        JsonNode order = awaitOrder(phone, 1);
        TestCallCentre.Order posted = CENTRE.ordersTo(phone).get(0);

        assertThat(posted.signed()).isTrue();
        String callId = order.get("callId").asString();
        assertThat(posted.callIdHeader()).isEqualTo(callId);
        assertThat(order.get("callee").asString()).isEqualTo(phone);
        assertThat(order.get("callerId").asString()).isEqualTo("96110");
        assertThat(order.get("purpose").asString()).isEqualTo("WARNING");
        assertThat(order.get("callback").asString()).isEqualTo("https://fanzha.example" + RESULTS);
        assertThat(order.at("/script/id").asString()).isEqualTo("IMPERSONATE_POLICE");
        assertThat(order.at("/script/version").asInt()).isZero();
        assertThat(order.at("/script/text").asString())
                .contains("河南省公安厅反诈中心", "96110", "安全账户")
                .doesNotContain("{", phone);
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(callId).equals("ORDERED "));

        report(callId, "ANSWERED_SAFE", ",\"durationSeconds\":41,\"keypresses\":\"1\",\"recordingRef\":\"rec/1.wav\"")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.repeated").value(false));

        assertThat(callState(callId)).isEqualTo("ENDED ANSWERED_SAFE");
        assertThat(robotSteps(w)).containsExactly("DONE ANSWERED_SAFE");
        assertThat(robotTimeline(w)).containsExactly("ANSWERED_SAFE " + callId);
        assertThat(jdbc.sql("SELECT note FROM warning_event WHERE warning_id = ? AND method = 'ROBOT_CALL'")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("contact.note.robot|#fraud.IMPERSONATE_POLICE|0|41|1");
        // a safe answer is a confirmed contact: the human call waiting on a robot failure is not made
        assertThat(step(w, "HUMAN_CALL")).isEqualTo("CANCELLED CONTACTED");
        assertThat(callTasks(w)).isZero();
        assertThat(jdbc.sql("SELECT contacted_by FROM contact_plan WHERE warning_id = ?")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("ROBOT_CALL");

        // the call centre reporting it again changes nothing; a different result for it is a conflict
        report(callId, "ANSWERED_SAFE", ",\"durationSeconds\":41")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.repeated").value(true));
        report(callId, "NO_ANSWER", "")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:call-ended"));
        assertThat(robotTimeline(w)).hasSize(1);
        assertThat(callState(callId)).isEqualTo("ENDED ANSWERED_SAFE");
    }

    @Test
    void anUnsignedOrWronglySignedResultIs401AndChangesNothing() throws Exception {
        String phone = phone();
        long w = warning(phone, "IMPERSONATE_POLICE");
        String callId = awaitOrder(phone, 1).get("callId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(callId).equals("ORDERED "));
        String body = """
                {"callId":"%s","result":"ANSWERED_SAFE"}""".formatted(callId);

        mvc.perform(post(RESULTS).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:bad-signature"));
        report(body, "another-secret-that-is-long-enough").andExpect(status().isUnauthorized());
        mvc.perform(post(RESULTS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(Signatures.HEADER, Signatures.sign(TestCallCentre.SECRET, body))
                        .content(body.replace("ANSWERED_SAFE", "ANSWERED_AT_RISK")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post(RESULTS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(Signatures.HEADER, "sha256=not-hex")
                        .content(body))
                .andExpect(status().isUnauthorized());
        // a partner's bearer token is no signature either
        mvc.perform(post(RESULTS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Authorization", api.bearer("duty"))
                        .content(body))
                .andExpect(status().isUnauthorized());

        assertThat(callState(callId)).isEqualTo("ORDERED ");
        assertThat(robotTimeline(w)).isEmpty();
        assertThat(urgency(w)).isEqualTo("ORANGE");
    }

    @Test
    void aResultForACallNeverOrderedIs404AndBadFieldsAreNamedOneByOne() throws Exception {
        report("fz-never-ordered", "ANSWERED_SAFE", "")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:unknown-call"));

        report("""
                {"callId":"fz bad id","result":"MAYBE","durationSeconds":-4,"keypresses":"1;DROP","intent":"%s","recordingRef":"%s"}""".formatted("x".repeat(41), "r".repeat(201)), TestCallCentre.SECRET)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "callId", "result", "durationSeconds", "keypresses", "intent", "recordingRef")));
        report("{\"callId\":\"fz-1\",\"result\":\"BUSY\",\"recordingRef\":\"a\\u0000b\"}", TestCallCentre.SECRET)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recordingRef"));
        report("{\"result\":\"BUSY\"}", TestCallCentre.SECRET)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("callId"));
        report("{\"callId\":\"fz-1\",\"result\":\"BUSY\",\"extra\":1}", TestCallCentre.SECRET)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("extra"));
        report("{\"callId\":", TestCallCentre.SECRET)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:malformed-json"));
        report("[1,2]", TestCallCentre.SECRET).andExpect(status().isBadRequest());
        report("{\"callId\":\"" + "x".repeat(2_000_000) + "\"}", TestCallCentre.SECRET)
                .andExpect(status().isContentTooLarge());
        mvc.perform(post(RESULTS)
                        .contentType(MediaType.TEXT_PLAIN)
                        .header(Signatures.HEADER, Signatures.sign(TestCallCentre.SECRET, "x"))
                        .content("x"))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void anAtRiskAnswerRaisesTheWarningAndItsStepsComeForward() throws Exception {
        String phone = phone();
        long w = warning(phone, "LOAN");
        assertThat(urgency(w)).isEqualTo("YELLOW");
        String first = awaitOrder(phone, 1).get("callId").asString();
        assertThat(awaitOrder(phone, 1).at("/script/id").asString()).isEqualTo("LOAN");
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(first).equals("ORDERED "));

        report(first, "ANSWERED_AT_RISK", ",\"durationSeconds\":55,\"keypresses\":\"2\",\"intent\":\"TRANSFERRING\"")
                .andExpect(status().isOk());

        assertThat(urgency(w)).isEqualTo("ORANGE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'UPGRADED'")
                        .param(w)
                        .query(Long.class)
                        .single())
                .isOne();
        // orange calls by robot at once (the yellow plan's later robot call, brought forward) …
        String second = awaitOrder(phone, 2).get("callId").asString();
        assertThat(second).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(second).equals("ORDERED "));
        // … and, when that reaches nobody either, hands the person to an operator
        report(second, "NO_ANSWER", "").andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> callTasks(w) == 1);
        assertThat(robotSteps(w)).containsExactly("FAILED ANSWERED_AT_RISK", "FAILED NO_ANSWER");
    }

    @Test
    void twoRobotCallsThatReachNobodyRaiseTheWarning() throws Exception {
        String phone = phone();
        long w = warning(phone, "LOAN");
        String first = awaitOrder(phone, 1).get("callId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(first).equals("ORDERED "));
        report(first, "BUSY", "").andExpect(status().isOk());
        assertThat(urgency(w)).isEqualTo("YELLOW");

        // the second call waits fifteen minutes after a failure: let them pass
        jdbc.sql("""
                        UPDATE contact_step SET not_before = CURRENT_TIMESTAMP, due_at = CURRENT_TIMESTAMP
                        WHERE warning_id = ? AND channel = 'ROBOT_CALL' AND state = 'PENDING'""").param(w).update();
        String second = awaitOrder(phone, 2).get("callId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(second).equals("ORDERED "));
        report(second, "HUNG_UP", ",\"durationSeconds\":3").andExpect(status().isOk());

        assertThat(urgency(w)).isEqualTo("ORANGE");
        assertThat(jdbc.sql("SELECT robot_failures FROM contact_plan WHERE warning_id = ?")
                        .param(w)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        // orange's human call comes after a robot failure: there were two
        await().atMost(Duration.ofSeconds(10)).until(() -> callTasks(w) == 1);
    }

    @Test
    void aCallCentreThatIsDownIsAskedAgainAndOneThatRefusesHandsThePersonToAnOperator() throws Exception {
        CENTRE.answerNext(503, 503);
        String phone = phone();
        long w = warning(phone, "IMPERSONATE_POLICE");
        String callId = awaitOrder(phone, 1).get("callId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> callState(callId).equals("ORDERED "));
        assertThat(jdbc.sql("SELECT tries FROM voice_call WHERE call_id = ?")
                        .param(callId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(CENTRE.ordersTo(phone)).hasSize(1);

        CENTRE.answerNext(400);
        String refusedPhone = phone();
        long refused = warning(refusedPhone, "IMPERSONATE_POLICE");
        await().atMost(Duration.ofSeconds(10)).until(() -> robotSteps(refused).equals(List.of("FAILED REFUSED")));
        assertThat(robotTimeline(refused)).hasSize(1);
        assertThat(robotTimeline(refused).get(0)).startsWith("REFUSED fz-");
        await().atMost(Duration.ofSeconds(10)).until(() -> callTasks(refused) == 1);
        assertThat(urgency(refused)).isEqualTo("ORANGE");
    }

    @Test
    void aCallWithoutResultFailsInTimeAndACallNotYetOrderedIsNotPlacedOnceTheWarningCloses() throws Exception {
        String phone = phone();
        long w = warning(phone, "IMPERSONATE_POLICE");
        String callId = awaitOrder(phone, 1).get("callId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> callState(callId).equals("FAILED NO_RESULT"));
        assertThat(robotSteps(w)).containsExactly("FAILED NO_RESULT");
        await().atMost(Duration.ofSeconds(10)).until(() -> callTasks(w) == 1);

        // the centre is down: the call waits in the queue; the warning closes meanwhile
        CENTRE.answerNext(503, 503, 503, 503, 503, 503);
        String later = phone();
        long closing = warning(later, "IMPERSONATE_POLICE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM voice_call WHERE warning_id = ? AND tries > 0")
                                .param(closing)
                                .query(Long.class)
                                .single()
                        == 1);
        mvc.perform(post("/api/v1/warnings/" + closing + "/acknowledge").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/warnings/" + closing + "/close")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"FALSE_ALARM\",\"note\":\"本人已确认\"}"))
                .andExpect(status().isOk());
        CENTRE.answerNormally();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT state || ' ' || result FROM voice_call WHERE warning_id = ?")
                        .param(closing)
                        .query(String.class)
                        .single()
                        .equals("FAILED CANCELLED"));
        assertThat(robotSteps(closing)).containsExactly("CANCELLED WARNING_CLOSED");
        SmsOverSmppTest.stays(() -> CENTRE.ordersTo(later).isEmpty());
    }
}
