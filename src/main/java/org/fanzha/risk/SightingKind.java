package org.fanzha.risk;

/** Where an identifier was seen in fraud. */
public enum SightingKind {
    /** An identifier of a filed case: the caller, the receiving account, the app, the site. */
    CASE,
    /** The counterpart of a warning: the number calling or texting the person, the account they pay to. */
    WARNING_COUNTERPART,
    /** An account a fund trace met. */
    TRACED_ACCOUNT,
    /** A bank answered a stop-payment or freeze on the account. */
    BANK_ANSWER,
    /** A member of the public reported it. */
    PUBLIC_REPORT,
    /** A partner declined a payment or call on our word (recorded, it proves nothing new). */
    PARTNER_DECLINED,
    /** A partner's customer confirmed it was fraud. */
    PARTNER_CONFIRMED_FRAUD,
    /** A partner verified its customer as legitimate: queues a review and lowers the entry meanwhile. */
    PARTNER_LEGITIMATE
}
