package org.fanzha.warning;

/** What a source observed that makes it think the person is being defrauded. */
public enum SignalType {
    /** In a call with a known fraud number now: counterpart and minutes. */
    ACTIVE_CALL_WITH_FRAUD_NUMBER,
    /** A transfer to an account flagged as a fraud account: account and amount. */
    TRANSFER_TO_FLAGGED_ACCOUNT,
    /** Visited a fraud site: the URL. */
    FRAUD_SITE_VISIT,
    /** A fraud app is installed: the app. */
    FRAUD_APP_INSTALLED,
    /** Received SMS from a fraud number: counterpart. */
    SMS_FROM_FRAUD_NUMBER,
    /** The person reports a transfer they made to a fraudster (公众举报): the receiving account and amount. */
    REPORTED_TRANSFER,
    /** The person reports what the fraudster reached them by (公众举报): a number, site, app or account. */
    REPORTED_CONTACT
}
