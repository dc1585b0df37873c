package org.fanzha.contact.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Texts;
import org.fanzha.reports.ReportProgress;
import org.fanzha.reports.Reporters;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A public reporter is told by SMS, where SMS is configured, of each step of their report (received,
 * reviewed, stop-payments sent, money held, a return proposed and approved): from the centre's own sender, with the receipt and
 * 96110, and no link (a link in a text is what fraudsters send).
 */
@Component
class ReporterSms {

    private final SmsOutbox outbox;
    private final ContactProperties properties;
    private final Clock clock;
    private final Reporters reporters;

    ReporterSms(SmsOutbox outbox, ContactProperties properties, Clock clock, Reporters reporters) {
        this.reporters = reporters;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReportProgress progress) {
        if (!properties.sms().configured()) {
            return;
        }
        String phone = reporters.phone(progress.receipt()).orElse(null);
        if (phone == null || !Mobiles.isMobile(phone)) {
            return;
        }
        outbox.enqueue(
                null,
                null,
                phone,
                text(progress),
                SmsOutbox.Purpose.REPORT,
                "report/" + progress.step(),
                clock.instant());
    }

    /** The code that proves a reporter's phone. */
    @ApplicationModuleListener
    void on(org.fanzha.reports.ReportCodeRequested code) {
        if (!properties.sms().configured() || !Mobiles.isMobile(code.phone())) {
            return;
        }
        outbox.enqueue(
                null,
                null,
                code.phone(),
                Texts.resolve(
                        "contact.report.sms.code",
                        List.of(properties.centreName(), code.code()),
                        Locale.SIMPLIFIED_CHINESE),
                SmsOutbox.Purpose.REPORT,
                "report/CODE",
                clock.instant());
    }

    String text(ReportProgress progress) {
        return Texts.resolve(
                "contact.report.sms." + progress.step(),
                List.of(
                        properties.centreName(),
                        progress.receipt(),
                        properties.sms().sourceAddr()),
                Locale.SIMPLIFIED_CHINESE);
    }
}
