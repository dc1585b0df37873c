package org.fanzha.contact;

/** When a planned step runs once its delay has passed. */
public enum RunWhen {
    /** Whatever has happened. */
    ALWAYS,
    /** Only while nobody has reached the person (a confirmed contact cancels it). */
    NOT_CONTACTED,
    /** Once enough earlier steps failed (of one channel, or of any); a confirmed contact cancels it. */
    AFTER_FAILURES
}
