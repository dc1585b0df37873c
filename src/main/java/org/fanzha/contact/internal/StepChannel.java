package org.fanzha.contact.internal;

import java.time.Instant;
import org.fanzha.contact.Channel;
import org.jspecify.annotations.Nullable;

/** Runs a due step on one channel, inside the transaction that claimed it. */
interface StepChannel {

    Channel channel();

    Start start(ContactPlans.Plan plan, ContactStep step, Instant now);

    /** What starting a step did. */
    sealed interface Start {}

    /** Handed to a gateway (an SMS stored in the outbox, a call ordered); its answer ends the step later. */
    record InFlight(String gatewayRef) implements Start {}

    /** Done at once, e.g. handed to the hotline as a task. */
    record Done(String result) implements Start {}

    /** Could not be tried, e.g. no mobile number to send to; {@code noteKey} says why on the timeline. */
    record Failed(String result, @Nullable String noteKey) implements Start {}
}
