package org.fanzha.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fanzha.audit.AuditRecord;
import org.fanzha.audit.ChainVerification;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for AUDITORs: pages of records within their subtree, and chain verification. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAuthority('audit:read')")
class AuditController {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final JdbcAuditLog log;

    AuditController(JdbcAuditLog log) {
        this.log = log;
    }

    record AuditPage(int page, int size, List<AuditRecord> records) {}

    @GetMapping
    AuditPage records(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String entity,
            @RequestParam(defaultValue = "") String entityId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || page > 100_000) {
            throw new InvalidInput("page", "error.between0100000", page);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "error.between1500", size);
        }
        for (String text : List.of(actor, action, entity, entityId)) {
            if (text.length() > 100) {
                throw new InvalidInput("filter", "error.atMost100Characters", null);
            }
        }
        Instant start =
                from == null ? Instant.EPOCH : from.atStartOfDay(SHANGHAI).toInstant();
        Instant end = to == null
                ? Instant.now().plusSeconds(60)
                : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        String unit = Actors.requirePermission(Permission.AUDIT_READ).unitCode();
        return new AuditPage(
                page, size, log.find(unit, actor, action, entity, entityId, start, end, page * size, size));
    }

    /** The whole chain re-computed; with an anchor written down earlier ({@code seq}, {@code hash}), checked against it too. */
    @GetMapping("/verify")
    ChainVerification verify(
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    Long seq,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
                    String hash) {
        if ((seq == null) != (hash == null)) {
            throw new org.fanzha.platform.InvalidInput(
                    seq == null ? "seq" : "hash", "an anchor is a sequence number and its hash, both", null);
        }
        if (seq != null && (seq < 1 || !hash.matches("[0-9a-f]{64}"))) {
            throw new org.fanzha.platform.InvalidInput(
                    seq < 1 ? "seq" : "hash", seq < 1 ? "1 or more" : "64 lower-case hex digits", null);
        }
        return log.verify(seq, hash);
    }
}
