package org.fanzha.platform;

/**
 * The facts the capabilities record and performance evaluation counts (see {@link FactSource}).
 * Each is a sum per unit and day, except the distributions (one value per warning: see
 * {@link #distribution()}), which are kept as counts per time bucket.
 */
public enum FactKind {
    /** 立案: a case filed on the day (withdrawn cases excluded), for the filing unit. */
    CASE_FILED(false),
    /** The loss of the cases filed on the day, yuan. */
    CASE_LOSS(false),
    /** 破案: a case solved on the day, for the solving unit. */
    CASE_SOLVED(false),
    /** A suspect arrested on the day, for the arresting unit. */
    SUSPECT_ARRESTED(false),
    /** A warning opened on the day. */
    WARNING_RECEIVED(false),
    /** A warning closed on the day (any outcome). */
    WARNING_HANDLED(false),
    /** A warning closed DISSUADED. */
    DISSUADED(false),
    /** A warning closed ALREADY_DEFRAUDED. */
    ALREADY_DEFRAUDED(false),
    /** The amount at risk of the warnings closed DISSUADED, yuan. */
    LOSS_AVERTED(false),
    /** A warning acknowledged on the day. */
    ACKNOWLEDGED(false),
    /** A warning acknowledged on the day before its deadline. */
    ACKNOWLEDGED_IN_TIME(false),
    /** Seconds from opening to acknowledgement of a warning acknowledged on the day. */
    ACK_SECONDS(false),
    /** A warning closed on the day before its closing deadline. */
    CLOSED_IN_TIME(false),
    /** A fraud domain, URL or address put in force on the day (the province's list). */
    DOMAINS_BLOCKED(true),
    /** Visits that landed on the warning page on the day. */
    BLOCK_HITS(true),
    /** A card verification finished on the day. */
    CARD_VERIFICATIONS(false),
    /** A credit restriction approved on the day. */
    CREDIT_RESTRICTIONS(false),
    /** The amount a bank held on a stop-payment answered on the day, yuan. */
    STOPPED_AMOUNT(false),
    /** The amount a bank froze on a freeze answered on the day, yuan. */
    FROZEN_AMOUNT(false),
    /** The amount returned to victims by returns approved on the day, yuan, for each victim's unit. */
    RETURNED_AMOUNT(false),
    /** A stop-payment answered on the day (held, partly held or failed). */
    STOPS_ANSWERED(false),
    /** Seconds from request to answer of the stop-payments answered on the day (summed). */
    STOP_ANSWER_SECONDS(false),
    /** A warning SMS that ended on the day (delivered, undelivered, refused or uncertain). */
    SMS_ENDED(false),
    /** A warning SMS delivered on the day. */
    SMS_DELIVERED(false),
    /** A robot call with a result on the day. */
    ROBOT_CALLS(false),
    /** A robot call answered by the person on the day (safe or at risk). */
    ROBOT_CONNECTED(false),
    /** A contact plan begun on the day (one per warning). */
    CONTACT_PLANS(false),
    /** A contact plan begun on the day that handed the person to an operator or an officer. */
    HANDED_TO_HUMAN(false),
    /** A warning opened on the day for a repeat target (rule repeat-target). */
    REPEAT_TARGETS(false),
    /** A warning closed on the day with the person not (yet) defrauded: dissuaded, insisting, unreachable. */
    WARNED(false),
    /** Of those, one whose person became a victim of a case accepted within 30 days after the close. */
    WARNED_THEN_DEFRAUDED(false),
    /** Seconds from the warning to the first attempt to reach its person (any channel), per plan begun on the day. */
    FIRST_ATTEMPT_SECONDS(false),
    /** Seconds from the warning to the first confirmed contact with its person, per plan begun on the day. */
    FIRST_CONTACT_SECONDS(false),
    /** Seconds from a public report with a transfer to its stop-payments going out, per report stopped on the day. */
    REPORT_STOP_SECONDS(false),
    /** Seconds from the warning to the first warning SMS sent, per plan begun on the day. */
    ATTEMPT_SECONDS_SMS(false),
    /** Seconds from the warning to the first robot call placed, per plan begun on the day. */
    ATTEMPT_SECONDS_ROBOT(false),
    /** Seconds from the warning to an operator's first call, per plan begun on the day. */
    ATTEMPT_SECONDS_HUMAN(false),
    /** Seconds from the warning to an officer's first visit, per plan begun on the day. */
    ATTEMPT_SECONDS_VISIT(false),
    /** Seconds from the warning to its first confirmed contact when a robot call made it. */
    CONTACT_SECONDS_ROBOT(false),
    /** Seconds from the warning to its first confirmed contact when an operator's call made it. */
    CONTACT_SECONDS_HUMAN(false),
    /** Seconds from the warning to its first confirmed contact when an officer's visit made it. */
    CONTACT_SECONDS_VISIT(false);

    private final boolean provinceWide;

    FactKind(boolean provinceWide) {
        this.provinceWide = provinceWide;
    }

    /** A number of seconds per warning, kept as a distribution (medians and percentiles), not summed. */
    public boolean distribution() {
        return this == ACK_SECONDS
                || this == FIRST_ATTEMPT_SECONDS
                || this == FIRST_CONTACT_SECONDS
                || this == REPORT_STOP_SECONDS
                || name().startsWith("ATTEMPT_SECONDS_")
                || name().startsWith("CONTACT_SECONDS_");
    }

    /** Recorded for the whole province only (no unit is responsible), so absent below it. */
    public boolean provinceWide() {
        return provinceWide;
    }
}
