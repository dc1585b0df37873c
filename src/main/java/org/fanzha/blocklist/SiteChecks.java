package org.fanzha.blocklist;

import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/** What other modules (the risk list) ask of the blocklist about domains, URLs and IPs. */
public interface SiteChecks {

    /** The answer for one site: the verdict, and for a block its category and since when it holds. */
    record SiteRisk(
            Verdict verdict,
            @Nullable FraudType category,
            @Nullable Instant since) {}

    /** The answers for host names, URLs or IP addresses, in order (a value that is no site is UNKNOWN). */
    List<SiteRisk> sites(List<String> targets);

    /**
     * The public lookup of one site: the normalised value, verdict, category, the site it
     * imitates, and the block entry in force its owner may appeal; for a text that is no site,
     * the error and nothing else.
     */
    record SiteLookup(
            @Nullable String normalized,
            @Nullable Verdict verdict,
            @Nullable FraudType category,
            @Nullable Instant since,
            @Nullable String imitates,
            @Nullable Long appealableEntry,
            @Nullable String error) {}

    SiteLookup lookup(String target);

    /** Counts one public request (lookup or appeal) of a client address; false once over the minute's limit. */
    boolean allowPublic(String address);
}
