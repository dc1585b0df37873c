package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Texts;
import org.fanzha.staff.DutyPhones;
import org.fanzha.staff.NoticeSent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the staff on duty of escalations and new red warnings by SMS as well as in the app: one
 * message per person with a mobile number, through the same outbox as the warning texts. A burst
 * (a bulk intake of red leads) does not become a burst of texts: a person gets at most one SMS of a
 * kind per {@code staffSmsInterval}; the notices themselves are all in the app. The text names the
 * notice and the warning's number, never a person's data, and carries no link.
 */
@Component
class StaffSms {

    private static final Logger log = LoggerFactory.getLogger(StaffSms.class);
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final DutyPhones phones;
    private final SmsOutbox outbox;
    private final JdbcClient jdbc;
    private final ContactProperties properties;
    private final Clock clock;

    StaffSms(DutyPhones phones, SmsOutbox outbox, JdbcClient jdbc, ContactProperties properties, Clock clock) {
        this.phones = phones;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(NoticeSent notice) {
        if (!properties.staffSmsKinds().contains(notice.kind())
                || notice.recipients().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // each visit is its own errand; a burst of red warnings or escalations is one text
        String template = "staff/" + notice.kind() + (notice.kind().startsWith("VISIT") ? "/" + notice.subject() : "");
        String text = text(notice);
        phones.of(notice.recipients()).forEach((username, phone) -> {
            if (!Mobiles.isMobile(phone)) {
                log.warn("Staff SMS: {} has no mobile number on file; told in the app only", username);
                return;
            }
            if (recentlyTold(phone, template, now)) {
                return;
            }
            outbox.enqueue(null, null, phone, text, SmsOutbox.Purpose.STAFF, template, now);
        });
    }

    /** 【centre】kind: the notice's line. Please deal with it on the platform. */
    String text(NoticeSent notice) {
        String body = Texts.resolve(
                "contact.staff.sms",
                java.util.List.of(
                        properties.centreName(),
                        Texts.resolve("notices.kind." + notice.kind(), java.util.List.of(), CHINESE),
                        Texts.decode(notice.text(), CHINESE)),
                CHINESE);
        // two parts at most
        return body.length() > 134 ? body.substring(0, 133) + "…" : body;
    }

    private boolean recentlyTold(String phone, String template, Instant now) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM sms_message
                        WHERE recipient = ? AND purpose = 'STAFF' AND template = ? AND created_at > ?""")
                        .params(phone, template, ContactPlans.ts(now.minus(properties.staffSmsInterval())))
                        .query(Long.class)
                        .single()
                > 0;
    }
}
