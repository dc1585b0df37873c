package org.fanzha.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of re-computing the audit chain.
 *
 * @param intact true when every record hashes to what the next one and the head expect
 * @param checked how many records were checked
 * @param brokenAt the first sequence number where the chain breaks
 * @param problem what is wrong there (edited, deleted, inserted)
 */
public record ChainVerification(
        boolean intact,
        long checked,
        @Nullable Long brokenAt,
        @Nullable String problem) {}
