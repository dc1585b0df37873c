package org.fanzha.blocklist;

/** What a block entry covers. */
public enum Scope {
    /** The host name itself. */
    DOMAIN,
    /** The host name and every name under it. */
    DOMAIN_AND_SUBDOMAINS,
    /** Every URL that starts with the entry (host, path and query, whatever the scheme). */
    URL_PREFIX,
    /** An IP address. */
    IP
}
