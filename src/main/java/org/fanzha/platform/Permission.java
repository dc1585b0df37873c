package org.fanzha.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an actor may do. Staff get permissions through their {@link Role}s; partner systems get
 * the {@link #partnerGrantable() grantable} ones named on their API token.
 */
public enum Permission {
    DIVISIONS_READ("divisions:read", true),
    NUMBER_SEGMENTS_MANAGE("number-segments:manage", false),
    STAFF_READ("staff:read", false),
    STAFF_MANAGE("staff:manage", false),
    TOKENS_MANAGE("tokens:manage", false),
    AUDIT_READ("audit:read", false),
    PERSONAL_DATA_REVEAL("personal-data:reveal", false),
    /** See warnings of the subtree (personal data masked). */
    WARNINGS_READ("warnings:read", false),
    /** Acknowledge, contact and close warnings of the subtree. */
    WARNINGS_WORK("warnings:work", false),
    /** Reassign warnings down the subtree. */
    WARNINGS_ASSIGN("warnings:assign", false),
    /** Take and work 96110 call tasks. */
    HOTLINE_CALL("hotline:call", false),
    /** Submit warning leads, for the sources the token names, and read back what became of them. */
    LEADS_SUBMIT("leads:submit", true),
    /** Check names and URLs against the blocklist. */
    BLOCKLIST_CHECK("blocklist:check", true),
    /** Submit block entries and imports (partners: for the token's sources); trusted sources are in force at once. */
    BLOCKLIST_SUBMIT("blocklist:submit", true),
    /** Download the blocklist as an RPZ zone, hosts file or AdBlock list (DNS and gateway operators). */
    BLOCKLIST_EXPORT("blocklist:export", true),
    /** Review block entries, decide appeals, keep the allowlist. */
    BLOCKLIST_REVIEW("blocklist:review", false),
    /** See cases of the subtree (personal data masked) and the cases linked to them. */
    CASES_READ("cases:read", false),
    /** File cases for units of the subtree, change their status, add identifiers and suspects. */
    CASES_WRITE("cases:write", false),
    /** Mark identifiers as too common to link cases. */
    CASES_LINK("cases:link", false),
    /** A bank or operator registering who holds a card used in fraud and which outlet opened it. */
    CARDS_REGISTER("cards:register", true),
    /** A bank answering stop-payment and freeze requests addressed to it. */
    FUNDS_RESPOND("funds:respond", true),
    /** Query the credit-punishment list. */
    CREDIT_QUERY("credit:query", true),
    /** Record victims' transfers, send stop-payment and freeze requests, renew and release freezes (and decide their appeals), read their answers. */
    FUNDS_REQUEST("funds:request", false),
    /** Approve returns (返还) of frozen money to the victims, in proportion to what each contributed. */
    FUNDS_RETURN_APPROVE("funds:return-approve", false),
    /** Indicators, scores, rankings, bulletins and the dashboard of the unit subtree. */
    PERFORMANCE_READ("performance:read", false),
    /** Assign the community officers and grid members of villages and townships (一村一警). */
    GRID_MANAGE("grid:manage", false),
    /** Read the SMS templates and robot call scripts; province commanders also write new versions. */
    CONTACT_SCRIPTS_EDIT("contact-scripts:edit", false),
    /** Check identifiers against the risk list, follow its changes, download it, give feedback (banks, payment institutions, carriers). */
    RISK_CHECK("risk:check", true),
    /** Review risk entries: raise, lower or clear with a reason; decide appeals. */
    RISK_REVIEW("risk:review", false),
    /** Adjustments (加减分) to scores; only province commanders may enter them. */
    PERFORMANCE_ADJUST("performance:adjust", false),
    /** Refit the dispatch model now (it refits nightly on its own). */
    DISPATCH_MODEL_MANAGE("dispatch-model:manage", false);

    private final String authority;
    private final boolean partnerGrantable;

    Permission(String authority, boolean partnerGrantable) {
        this.authority = authority;
        this.partnerGrantable = partnerGrantable;
    }

    /** The name used in tokens, the API and {@code hasAuthority(...)} checks. */
    public String authority() {
        return authority;
    }

    /** Whether an ADMIN may put this permission on a partner system's API token. */
    public boolean partnerGrantable() {
        return partnerGrantable;
    }

    public static Optional<Permission> ofAuthority(String authority) {
        return Arrays.stream(values())
                .filter(p -> p.authority.equals(authority))
                .findFirst();
    }
}
