package org.fanzha.cases;

/** What the verification (核查) of a card found. */
public enum VerificationResult {
    /** The owner sold the card. */
    SOLD,
    /** The owner rented it out. */
    RENTED,
    /** The owner lent it. */
    LENT,
    /** The owner helped others pass real-name checks. */
    VERIFICATION_HELP,
    LOST_OR_STOLEN,
    /** Someone opened it with the owner's identity. */
    IDENTITY_MISUSED,
    /** The owner did not know of it. */
    OWNER_UNAWARE
}
