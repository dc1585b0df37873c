package org.fanzha.warning;

/** NEW → ASSIGNED → ACKNOWLEDGED → IN_CONTACT → CLOSED. */
public enum WarningState {
    NEW,
    ASSIGNED,
    ACKNOWLEDGED,
    IN_CONTACT,
    CLOSED
}
