package org.fanzha.contact;

import org.fanzha.warning.Urgency;

/**
 * A contact plan wants a person to reach the person: a call by a 96110 operator (HUMAN_CALL) or a
 * visit by the local officer (VISIT). The hotline owns both kinds of task.
 *
 * @param followUp a follow-up call (回访) after the warning closed, with the recovery-scam script
 */
public record ContactRequested(long warningId, Channel channel, String unitCode, Urgency urgency, boolean followUp) {

    public ContactRequested(long warningId, Channel channel, String unitCode, Urgency urgency) {
        this(warningId, channel, unitCode, urgency, false);
    }
}
