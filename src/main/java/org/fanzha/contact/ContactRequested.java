package org.fanzha.contact;

import org.fanzha.warning.Urgency;

/**
 * A contact plan wants a person to reach the person: a call by a 96110 operator (HUMAN_CALL) or a
 * visit by the local officer (VISIT). The hotline owns both kinds of task.
 */
public record ContactRequested(long warningId, Channel channel, String unitCode, Urgency urgency) {}
