package org.fanzha.risk.internal;

import java.util.Arrays;
import java.util.Optional;

/** The rule that decided an entry's level; its code is the reason partners are given. */
enum RiskRule {
    /** Nothing that counts (or everything decayed). */
    NONE("none"),
    /** A reviewer set the level; it holds until the review expires. */
    REVIEW("review"),
    /** A receiving account or caller of a case filed within the case window (90 days). */
    CASE_RECENT("case-recent"),
    /** An identifier of a case. */
    CASE_LINKED("case-linked"),
    /** A partner's customer confirmed the fraud. */
    PARTNER_CONFIRMED("partner-confirmed"),
    /** A fund trace met the account. */
    TRACED("traced"),
    /** A bank answered a stop-payment or freeze on the account. */
    BANK_ANSWER("bank-answer"),
    /** The counterpart of a warning. */
    WARNING_COUNTERPART("warning-counterpart"),
    /** Reported by the public, not reviewed. */
    REPORTED("reported"),
    /** A partner verified its customer as legitimate: one level lower until reviewed. */
    PARTNER_LEGITIMATE("partner-legitimate");

    private final String code;

    RiskRule(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<RiskRule> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
