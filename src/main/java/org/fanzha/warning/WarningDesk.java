package org.fanzha.warning;

import java.util.Optional;

/**
 * What other modules (the 96110 hotline) may do with a warning, as the current actor and within
 * their jurisdiction, exactly as through the API: every action lands on the warning's timeline.
 */
public interface WarningDesk {

    Optional<WarningSummary> summary(long warningId);

    /** Of these warnings, those assigned to the actor's own unit and not yet acknowledged there. */
    java.util.Set<Long> awaitingAcknowledgement(java.util.Collection<Long> warningIds);

    /** The full phone, to call it; audited as a full view with the purpose. */
    String phoneToCall(long warningId, String purpose);

    /** The person of a warning, for a case opened from it (no actor: called by the case module's listener, which audits). */
    Optional<WarningPerson> personOf(long warningId);

    /**
     * What the warning's leads observed of the fraudsters — counterpart numbers, accounts and URLs
     * of the signals — as (kind, value) pairs: kind PHONE, ACCOUNT, URL or APP (no actor: for the case
     * module's listener).
     */
    java.util.List<java.util.Map.Entry<String, String>> counterpartsOf(long warningId);

    /** Who a warning is about; its division is the most detailed one its leads gave (a village's at best). */
    record WarningPerson(
            String phone,
            @org.jspecify.annotations.Nullable String idNumber,
            @org.jspecify.annotations.Nullable String name,
            @org.jspecify.annotations.Nullable String address,
            String unitCode,
            @org.jspecify.annotations.Nullable String divisionCode) {}

    void contact(long warningId, ContactMethod method, ContactResult result, String note);

    /** The people of these warnings by id, for the contact plan's machines (no actor: the contact module's own work). */
    java.util.Map<Long, WarningPerson> personsOf(java.util.Collection<Long> warningIds);

    /** The newest open warning about this phone, if any (no actor: a person's SMS reply lands on it). */
    Optional<Long> openWarningOf(String phone);

    /** A machine's contact attempt on the warning's timeline (no actor: the gateway reported it). */
    void recordAttempt(ContactAttempt attempt);

    /**
     * Raises an open warning one level (yellow → orange → red) under the named rule, tightening its
     * deadlines, and publishes {@link WarningUpgraded}; a red or closed warning stays as it is.
     * Returns whether it changed.
     */
    boolean upgrade(long warningId, String rule, String reasonKey);

    void close(long warningId, Outcome outcome, String note);

    /**
     * Records on the warning's timeline who took its call task and what decided it was next
     * ({@code policy} RULES or EXPECTED_LOSS; {@code note} the reason in words).
     */
    void recordDispatch(long warningId, String operator, String policy, String note, java.time.Instant at);
}
