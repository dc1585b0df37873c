package org.fanzha.reports;

/**
 * A public report moved on, for its reporter to be told (by SMS where SMS is configured; the
 * reporter's phone is asked of {@link Reporters}, never carried by the event).
 *
 * @param receipt the report's receipt
 * @param step what changed: RECEIVED; REVIEWED (an officer reached the reporter); STOP_SENT (the
 *     banks were told to stop the payments and a case was accepted); HELD (the banks hold some of
 *     the money, or more of it); RETURN_PROPOSED; RETURN_APPROVED
 */
public record ReportProgress(String receipt, String step) {}
