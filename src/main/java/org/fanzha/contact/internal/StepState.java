package org.fanzha.contact.internal;

/** Where a planned step stands: waiting, handed to a gateway, finished either way, or no longer needed. */
enum StepState {
    PENDING,
    IN_FLIGHT,
    DONE,
    FAILED,
    CANCELLED
}
