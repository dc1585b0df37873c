package org.fanzha.reports;

/**
 * A public report moved on, for its reporter to be told (by SMS where SMS is configured).
 *
 * @param receipt the report's receipt
 * @param phone the reporter's mobile (11 digits)
 * @param step RECEIVED, or STOP_SENT (the banks were told to stop the payments and a case was accepted)
 */
public record ReportProgress(String receipt, String phone, String step) {}
