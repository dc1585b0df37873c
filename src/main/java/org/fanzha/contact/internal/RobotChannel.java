package org.fanzha.contact.internal;

import java.time.Instant;
import org.fanzha.contact.Channel;
import org.springframework.stereotype.Component;

/**
 * The robot call step. Without a call centre to order it from, the step fails as UNAVAILABLE at
 * once: it counts for handing the person to a human (the plan's AFTER_FAILURES steps), never for
 * raising the warning.
 */
@Component
class RobotChannel implements StepChannel {

    @Override
    public Channel channel() {
        return Channel.ROBOT_CALL;
    }

    @Override
    public Start start(ContactPlans.Plan plan, ContactStep step, Instant now) {
        return new Failed("UNAVAILABLE", "contact.note.noVoiceGateway");
    }
}
