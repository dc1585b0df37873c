package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.contact.Gateways;
import org.fanzha.contact.GatewaysTest;
import org.fanzha.contact.TestSmsc;
import org.fanzha.testing.Api;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warning SMS against a real SMPP server over TCP (jSMPP's server side, {@link TestSmsc}): the
 * platform binds as a transceiver, submits UCS-2 parts with a concatenation header, matches the
 * receipts, records replies, waits out an SMSC that is down and never sends a message twice.
 */
@GatewaysTest
class SmsOverSmppTest {

    static final TestSmsc SMSC = Gateways.SMSC;

    static final AtomicInteger next = new AtomicInteger((int) (System.nanoTime() % 5000));

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    SmsDispatcher dispatcher;

    @AfterEach
    void smscBackToNormal() throws Exception {
        SMSC.refuseWith(0);
        SMSC.throttleNext(0);
        if (!SMSC.bound()) {
            try {
                SMSC.up();
            } catch (java.io.IOException alreadyUp) {
                // listening already
            }
        }
    }

    String phone() {
        return "1370372" + String.format("%04d", next.incrementAndGet() % 10000);
    }

    long yellowWarning(String phone) throws Exception {
        return yellowWarning(phone, ",\"fraudType\":\"LOAN\"");
    }

    long yellowWarning(String phone, String extra) throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"SMS-%d","phone":"%s","divisionCode":"410105"%s}""".formatted(System.nanoTime(), phone, extra);
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

    List<TestSmsc.Submit> awaitSubmits(String phone, int parts) {
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> SMSC.submitsTo(phone).size() >= parts);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "not submitted; steps "
                            + jdbc.sql("SELECT * FROM contact_step").query().listOfRows()
                            + " messages "
                            + jdbc.sql("SELECT id, recipient, state, failure, tries FROM sms_message")
                                    .query()
                                    .listOfRows()
                            + " plans "
                            + jdbc.sql("SELECT * FROM contact_plan").query().listOfRows(),
                    e);
        }
        return SMSC.submitsTo(phone);
    }

    /** The condition holds now and for the next half second (nothing sent twice, nothing sent early). */
    static void stays(java.util.concurrent.Callable<Boolean> condition) {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(condition);
    }

    int parts(long warning) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE warning_id = ?")
                                .param(warning)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("SELECT parts FROM sms_message WHERE warning_id = ?")
                .param(warning)
                .query(Integer.class)
                .single();
    }

    String smsState(long warning) {
        return jdbc.sql("SELECT state FROM sms_message WHERE warning_id = ?")
                .param(warning)
                .query(String.class)
                .single();
    }

    String smsStep(long warning) {
        return jdbc.sql(
                        "SELECT state || ' ' || COALESCE(result, '') FROM contact_step WHERE warning_id = ? AND channel = 'SMS'")
                .param(warning)
                .query(String.class)
                .single();
    }

    List<String> timeline(long warning) {
        return jdbc.sql("""
                        SELECT method || ' ' || result || ' ' || COALESCE(gateway_ref, '-') FROM warning_event
                        WHERE warning_id = ? AND kind = 'CONTACT' AND method = 'SMS' ORDER BY id""").param(warning).query(String.class).list();
    }

    @Test
    void aWarningTextGoesOnceAsUcs2PartsFromTheServiceNumberAndItsReceiptEndsTheStep() throws Exception {
        String phone = phone();
        // the general text takes two parts
        long w = yellowWarning(phone, "");
        int parts = parts(w);
        assertThat(parts).isEqualTo(2);
        List<TestSmsc.Submit> submits = awaitSubmits(phone, parts);

        assertThat(submits).hasSize(parts);
        assertThat(submits).allSatisfy(s -> {
            assertThat(s.dataCoding()).isEqualTo((byte) 0x08);
            assertThat(s.source()).isEqualTo("96110");
            assertThat(s.udhi()).isTrue();
            assertThat(s.data()[0]).isEqualTo((byte) 5);
            assertThat(s.data()[4]).isEqualTo((byte) parts);
            assertThat(s.text().length()).isLessThanOrEqualTo(67);
        });
        assertThat(submits.stream().map(s -> s.data()[3]).distinct()).hasSize(1);
        assertThat(submits.stream().map(s -> (int) s.data()[5]))
                .containsExactlyInAnyOrder(
                        java.util.stream.IntStream.rangeClosed(1, parts).boxed().toArray(Integer[]::new));
        String text = String.join(
                "",
                submits.stream()
                        .sorted(java.util.Comparator.comparingInt(s -> s.data()[5]))
                        .map(TestSmsc.Submit::text)
                        .toList());
        assertThat(text).contains("河南省公安厅反诈中心", "96110").doesNotContain("http", "www.", "{");

        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        for (var s : submits) {
            SMSC.receipt(s, DeliveryReceiptState.DELIVRD, s.id());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("DELIVERED"));
        assertThat(smsStep(w)).isEqualTo("DONE DELIVERED");
        String first = submits.stream()
                .filter(s -> s.data()[5] == 1)
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(timeline(w)).containsExactly("SMS SUBMITTED " + first, "SMS DELIVERED " + first);
        stays(() -> SMSC.submitsTo(phone).size() == parts);
    }

    @Test
    void anUndeliveredReceiptFailsTheMessageAndItsStepWithTheReason() throws Exception {
        String phone = phone();
        long w = yellowWarning(phone);
        var submits = awaitSubmits(phone, parts(w));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        SMSC.receipt(
                submits.get(0), DeliveryReceiptState.UNDELIV, submits.get(0).id());

        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("FAILED"));
        assertThat(jdbc.sql("SELECT failure FROM sms_message WHERE warning_id = ?")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("UNDELIV err:027");
        assertThat(smsStep(w)).isEqualTo("FAILED UNDELIVERED");
        assertThat(timeline(w)).last().asString().startsWith("SMS UNDELIVERED");
    }

    @Test
    void aReceiptThatNamesAHexadecimalIdInDecimalIsStillMatched() throws Exception {
        String phone = phone();
        long w = yellowWarning(phone);
        var submits = awaitSubmits(phone, parts(w));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        for (var s : submits) {
            SMSC.receipt(s, DeliveryReceiptState.DELIVRD, Long.toString(Long.parseLong(s.id(), 16)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("DELIVERED"));
    }

    @Test
    void aReceiptThatCannotBeReadIsAnsweredAndChangesNothing() throws Exception {
        String phone = phone();
        long w = yellowWarning(phone);
        var submits = awaitSubmits(phone, parts(w));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        long receiptsBefore =
                jdbc.sql("SELECT COUNT(*) FROM sms_receipt").query(Long.class).single();

        SMSC.rawReceipt(phone, "96110", "id:" + submits.get(0).id() + " this is no receipt");
        SMSC.rawReceipt(phone, "96110", "\u0000\u0001garbage");

        // the SMSC's bind stays up and a good receipt after the bad ones still lands
        for (var s : submits) {
            SMSC.receipt(s, DeliveryReceiptState.DELIVRD, s.id());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("DELIVERED"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_receipt")
                        .query(Long.class)
                        .single())
                .isLessThanOrEqualTo(receiptsBefore);
        assertThat(SMSC.bound()).isTrue();
    }

    @Test
    void aPersonsReplyLandsOnTheirOpenWarning() throws Exception {
        String phone = phone();
        long w = yellowWarning(phone);
        awaitSubmits(phone, parts(w));
        SMSC.reply(phone, "96110", "我没有转账，谢谢提醒");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND result = 'REPLIED'")
                                .param(w)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("SELECT note FROM warning_event WHERE warning_id = ? AND result = 'REPLIED'")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("我没有转账，谢谢提醒");
        assertThat(jdbc.sql("SELECT warning_id FROM sms_reply WHERE sender = ?")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isEqualTo(w);
    }

    @Test
    void aFixedLineNumberIsRefusedBeforeAnythingIsSent() throws Exception {
        String fixed = "0371" + String.format("%08d", 66000000 + next.incrementAndGet());
        long w = yellowWarning(fixed);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM contact_step WHERE warning_id = ? AND channel = 'SMS' AND state = 'FAILED'")
                                .param(w)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(smsStep(w)).isEqualTo("FAILED INVALID_NUMBER");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE warning_id = ?")
                        .param(w)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(timeline(w)).containsExactly("SMS INVALID_NUMBER -");
    }

    @Test
    void anSmscThatIsDownDelaysMessagesAndNeverLosesOrDoublesThem() throws Exception {
        SMSC.down();
        await().atMost(Duration.ofSeconds(10)).until(() -> !dispatcherBound());
        String phone = phone();
        long w = yellowWarning(phone);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE warning_id = ?")
                                .param(w)
                                .query(Long.class)
                                .single()
                        == 1);
        stays(() -> smsState(w).equals("QUEUED"));
        assertThat(SMSC.submitsTo(phone)).isEmpty();

        SMSC.up();
        var submits = awaitSubmits(phone, parts(w));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        stays(() -> SMSC.submitsTo(phone).size() == submits.size());
    }

    @Test
    void aThrottledSubmitIsSentAgainLaterAndOnce() throws Exception {
        SMSC.throttleNext(1);
        String phone = phone();
        long w = yellowWarning(phone);
        var submits = awaitSubmits(phone, parts(w));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("SUBMITTED"));
        assertThat(jdbc.sql("SELECT tries FROM sms_message WHERE warning_id = ?")
                        .param(w)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(submits).hasSize(parts(w));
    }

    @Test
    void aSubmitRefusedForGoodFailsTheStep() throws Exception {
        SMSC.refuseWith(0x0B); // ESME_RINVDSTADR
        String phone = phone();
        long w = yellowWarning(phone);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsState(w).equals("FAILED"));
        assertThat(jdbc.sql("SELECT failure FROM sms_message WHERE warning_id = ?")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("smsc 0xb");
        assertThat(smsStep(w)).isEqualTo("FAILED REFUSED");
        assertThat(SMSC.submitsTo(phone)).isEmpty();
    }

    @Test
    void aMessageADeadInstanceLeftMidSubmitIsNeverSentAgainAndOneItNeverStartedIs() throws Exception {
        String uncertain = phone();
        String unsent = phone();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        long a = leftBehind(uncertain, longAgo, true);
        long b = leftBehind(unsent, longAgo, false);

        dispatcher.sweep();

        assertThat(jdbc.sql("SELECT state FROM sms_message WHERE id = ?")
                        .param(a)
                        .query(String.class)
                        .single())
                .isEqualTo("UNCERTAIN");
        awaitSubmits(unsent, 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT state FROM sms_message WHERE id = ?")
                        .param(b)
                        .query(String.class)
                        .single()
                        .equals("SUBMITTED"));
        stays(() -> SMSC.submitsTo(uncertain).isEmpty());
        assertThat(SMSC.submitsTo(unsent)).hasSize(1);
    }

    long leftBehind(String phone, Instant claimedAt, boolean submitStarted) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO sms_message (recipient, body, purpose, state, parts, tries, next_try_at, claimed_by, claimed_at,
                            sending_at, created_at)
                        VALUES (?, '测试', 'STAFF', 'SENDING', 1, 1, ?, 'fanzha-dead', ?, ?, ?)""")
                .params(
                        phone,
                        java.sql.Timestamp.from(claimedAt),
                        java.sql.Timestamp.from(claimedAt),
                        submitStarted ? java.sql.Timestamp.from(claimedAt) : null,
                        java.sql.Timestamp.from(claimedAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Autowired
    SmppLink link;

    boolean dispatcherBound() {
        return link.bound();
    }
}
