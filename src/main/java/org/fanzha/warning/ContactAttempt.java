package org.fanzha.warning;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A machine's attempt to reach a warning's person — a warning SMS, a robot call — as it lands on
 * the warning's timeline beside the operators' calls and the officers' visits.
 *
 * @param channel SMS or ROBOT_CALL
 * @param result what the gateway reported: SUBMITTED, DELIVERED, FAILED, UNCERTAIN, REPLIED,
 *     ANSWERED_SAFE, ANSWERED_AT_RISK, NO_ANSWER, BUSY, HUNG_UP, UNAVAILABLE …
 * @param gatewayRef the SMSC's message id or the call centre's call id, when there is one
 * @param note a text key with its arguments ({@link org.fanzha.platform.Texts#encode}) or a reply's words
 */
public record ContactAttempt(
        long warningId,
        String channel,
        String result,
        @Nullable String gatewayRef,
        @Nullable String note,
        Instant at) {}
