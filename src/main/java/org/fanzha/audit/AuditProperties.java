package org.fanzha.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module ({@code fanzha.audit.*}).
 *
 * @param hashAlgorithm the hash of the chain for new records: SHA-256 (default) or SM3 (国密).
 *     Each record keeps the algorithm it was made with, so a change applies from then on and the
 *     whole chain still verifies.
 * @param chainKey the secret that keys the chain (HMAC with the chosen hash), at least 32
 *     characters, from the environment ({@code FANZHA_AUDIT_CHAIN_KEY}), never from the repository.
 *     With a key, someone who can write the database cannot recompute the chain after editing it;
 *     records made before the key stay verifiable, but once keyed records exist, an unkeyed one
 *     after them, or an unkeyed newest record, is a break.
 */
@ConfigurationProperties("fanzha.audit")
public record AuditProperties(
        @DefaultValue("SHA-256") String hashAlgorithm,
        @Nullable String chainKey) {}
