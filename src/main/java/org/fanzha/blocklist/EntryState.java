package org.fanzha.blocklist;

/** The life of a block entry. */
public enum EntryState {
    /** Submitted by a source that is not trusted; waits for a reviewer. */
    PENDING_REVIEW,
    /** In force: matched by the check API and pushed to the resolvers. */
    ACTIVE,
    /** Its expiry passed. */
    EXPIRED,
    /** Taken off by a reviewer (e.g. an appeal was granted). */
    REMOVED,
    /** A reviewer refused it. */
    REJECTED
}
