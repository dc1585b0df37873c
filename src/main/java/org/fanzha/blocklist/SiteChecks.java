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
}
