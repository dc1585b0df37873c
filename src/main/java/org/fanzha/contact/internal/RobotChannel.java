package org.fanzha.contact.internal;

import java.time.Instant;
import java.util.List;
import org.fanzha.contact.Channel;
import org.fanzha.warning.WarningDesk;
import org.springframework.stereotype.Component;

/**
 * The robot call step: the call, with the script for the warning's fraud type, goes into the
 * voice outbox in the step's transaction, to the person's number (mobile or fixed line; a number
 * that is neither is refused before anything is ordered). Without a call centre the step fails as
 * UNAVAILABLE at once: it counts for handing the person to a human (the plan's AFTER_FAILURES
 * steps), never for raising the warning.
 */
@Component
class RobotChannel implements StepChannel {

    private final WarningDesk desk;
    private final VoiceCalls calls;
    private final VoiceCentre centre;
    private final Scripts scripts;

    RobotChannel(WarningDesk desk, VoiceCalls calls, VoiceCentre centre, Scripts scripts) {
        this.desk = desk;
        this.calls = calls;
        this.centre = centre;
        this.scripts = scripts;
    }

    @Override
    public Channel channel() {
        return Channel.ROBOT_CALL;
    }

    @Override
    public Start start(ContactPlans.Plan plan, ContactStep step, Instant now) {
        if (!centre.available()) {
            return new Failed("UNAVAILABLE", "contact.note.noVoiceGateway");
        }
        var person = desk.personsOf(List.of(plan.warningId())).get(plan.warningId());
        if (person == null || !Mobiles.isCallable(person.phone())) {
            return new Failed("INVALID_NUMBER", "contact.note.notCallable");
        }
        var script = scripts.forWarning(Scripts.Kind.CALL, plan.fraudType());
        String callId =
                calls.enqueue(plan.warningId(), step.id(), person.phone(), VoiceCalls.Purpose.WARNING, script, now);
        return new InFlight(callId);
    }
}
