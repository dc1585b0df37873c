package org.fanzha.contact.internal;

import java.time.Instant;
import java.util.List;
import org.fanzha.contact.Channel;
import org.fanzha.warning.WarningDesk;
import org.springframework.stereotype.Component;

/**
 * The warning SMS step: the text for the warning's fraud type goes into the outbox in the step's
 * transaction, to the person's mobile. A number that is no mobile is refused here, before
 * anything is sent.
 */
@Component
class SmsChannel implements StepChannel {

    private final WarningDesk desk;
    private final SmsOutbox outbox;
    private final Scripts scripts;

    SmsChannel(WarningDesk desk, SmsOutbox outbox, Scripts scripts) {
        this.desk = desk;
        this.outbox = outbox;
        this.scripts = scripts;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Start start(ContactPlans.Plan plan, ContactStep step, Instant now) {
        var person = desk.personsOf(List.of(plan.warningId())).get(plan.warningId());
        if (person == null || !Mobiles.isMobile(person.phone())) {
            return new Failed("INVALID_NUMBER", "contact.note.notMobile");
        }
        var text = scripts.forWarning(Scripts.Kind.SMS, plan.fraudType());
        long id = outbox.enqueue(
                plan.warningId(),
                step.id(),
                person.phone(),
                text.body(),
                SmsOutbox.Purpose.WARNING,
                text.ref(Scripts.Kind.SMS),
                now);
        return new InFlight("sms:" + id);
    }
}
