package org.fanzha.blocklist;

import java.util.List;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/** Sites the public reported (a public report's URLs, domains and IP addresses), for the blocklist's reviewers. */
public interface ReportedSites {

    /**
     * Puts each site on the review queue as a PUBLIC_REPORT submission waiting for a reviewer (a
     * site already listed is marked reported again); names on the allow list, sensitive names and
     * values that are no site are left out. Returns how many were queued or marked.
     *
     * @param reference what reported it (a report's receipt), kept as the entry's evidence
     */
    int reported(List<String> sites, @Nullable FraudType category, String reference);
}
