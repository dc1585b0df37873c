package org.fanzha.contact.internal;

import java.time.Instant;
import org.fanzha.contact.Channel;
import org.fanzha.contact.RunWhen;
import org.fanzha.warning.Urgency;
import org.jspecify.annotations.Nullable;

/**
 * One step of a warning's contact plan. It runs once: claimed while PENDING and due, it is handed
 * to its gateway (IN_FLIGHT) or finished at once; the gateway's answer ends it DONE or FAILED. A
 * confirmed contact or the warning's close cancels it while it still waits.
 */
record ContactStep(
        long id,
        long warningId,
        Urgency urgency,
        int position,
        Channel channel,
        RunWhen when,
        int failuresNeeded,
        @Nullable Channel failuresOf,
        Instant notBefore,
        @Nullable Instant dueAt,
        StepState state,
        @Nullable String result,
        @Nullable String gatewayRef) {

    boolean waiting() {
        return state == StepState.PENDING;
    }

    /** Whether the failures so far let an AFTER_FAILURES step run. */
    boolean releasedBy(int failuresOfItsChannel) {
        return when == RunWhen.AFTER_FAILURES && failuresOfItsChannel >= failuresNeeded;
    }

    /** Whether a confirmed contact makes it unnecessary. */
    boolean stoppedByContact() {
        return when != RunWhen.ALWAYS;
    }
}
