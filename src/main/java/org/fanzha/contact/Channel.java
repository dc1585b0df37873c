package org.fanzha.contact;

/** How a contact plan reaches a person: a warning SMS, a robot call, an operator's call, an officer's visit. */
public enum Channel {
    SMS,
    ROBOT_CALL,
    HUMAN_CALL,
    VISIT
}
