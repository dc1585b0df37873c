package org.fanzha.contact.internal;

import static org.fanzha.contact.internal.ContactPlans.ts;

import java.time.Clock;
import java.time.Instant;
import org.fanzha.divisions.InvalidPhoneNumber;
import org.fanzha.divisions.PhoneNumbers;
import org.fanzha.warning.ContactAttempt;
import org.fanzha.warning.WarningDesk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A person's reply to a warning text: kept, and written on their open warning's timeline when they have one. */
@Component
class SmsReplies {

    static final int MAX = 1000;

    private final JdbcClient jdbc;
    private final WarningDesk desk;
    private final Clock clock;

    SmsReplies(JdbcClient jdbc, WarningDesk desk, Clock clock) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.clock = clock;
    }

    @Transactional
    void received(String sender, String recipient, String text) {
        Instant now = clock.instant();
        String words = text.length() > MAX ? text.substring(0, MAX) : text;
        String phone;
        try {
            phone = PhoneNumbers.normalise("sender", sender);
        } catch (InvalidPhoneNumber e) {
            phone = sender.length() > 20 ? sender.substring(0, 20) : sender;
        }
        Long warningId = desk.openWarningOf(phone).orElse(null);
        jdbc.sql("INSERT INTO sms_reply (sender, recipient, body, warning_id, received_at) VALUES (?, ?, ?, ?, ?)")
                .params(
                        phone,
                        recipient.length() > 21 ? recipient.substring(0, 21) : recipient,
                        words,
                        warningId,
                        ts(now))
                .update();
        if (warningId != null) {
            desk.recordAttempt(new ContactAttempt(warningId, "SMS", "REPLIED", null, words, now));
        }
    }
}
