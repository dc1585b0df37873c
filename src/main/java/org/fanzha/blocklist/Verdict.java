package org.fanzha.blocklist;

/** The answer of a check. */
public enum Verdict {
    /** An active block entry matches (and no allow entry protects the name). */
    BLOCKED,
    /** An allow entry protects the name; allow entries always win. */
    ALLOWED,
    /** Nothing matches, but the name imitates a protected brand: for review, never blocked on this ground. */
    SUSPICIOUS,
    /** Nothing matches. */
    UNKNOWN
}
