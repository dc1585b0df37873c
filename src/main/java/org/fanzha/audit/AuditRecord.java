package org.fanzha.audit;

import java.time.Instant;

/** One entry of the audit log as read back. */
public record AuditRecord(
        long seq,
        Instant at,
        String actor,
        String actorUnit,
        String action,
        String entity,
        String entityId,
        String detail,
        String address,
        String algorithm,
        String hash) {}
