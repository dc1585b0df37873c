package org.fanzha.platform;

/**
 * Where a lead or an entry comes from. A partner's API token names the sources it may speak
 * for (a bank's token submits {@link #BANK} leads only); staff may enter data for any source.
 */
public enum Source {
    NATIONAL_CENTRE,
    TELECOM,
    BANK,
    FRAUD_SITE_VISIT,
    HOTLINE_REPORT,
    PUBLIC_REPORT,
    POLICE
}
