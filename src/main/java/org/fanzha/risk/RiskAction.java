package org.fanzha.risk;

/** What a bank, payment institution or carrier does for a level (anti-fraud law Art. 18). */
public enum RiskAction {
    NONE,
    /** Tell the customer of the risk. */
    WARN,
    /** Have the customer confirm (a call back, a delay) before the payment or call goes through. */
    CONFIRM,
    /** Decline the payment, block the call or message. */
    DECLINE
}
