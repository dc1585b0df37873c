package org.fanzha.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module ({@code fanzha.audit.*}).
 *
 * @param hashAlgorithm the hash of the chain for new records: SHA-256 (default) or SM3 (国密).
 *     Each record keeps the algorithm it was made with, so a change applies from then on and the
 *     whole chain still verifies.
 */
@ConfigurationProperties("fanzha.audit")
public record AuditProperties(@DefaultValue("SHA-256") String hashAlgorithm) {}
