package org.fanzha.audit.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fanzha.audit.AuditLog;
import org.fanzha.audit.RevealableRecords;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shows one masked field in full, to a staff member whose jurisdiction covers the record, for a
 * stated reason, and audits it; a refusal is audited too. A record outside the jurisdiction
 * answers exactly like one that does not exist, so ids cannot be probed. Shared by the API
 * ({@code POST /api/v1/reveal}) and the pages ({@code POST /reveal}).
 */
@Service
class Reveals {

    static final int MIN_REASON = 4;
    static final int MAX_REASON = 500;

    record Revealed(
            String entity,
            String id,
            String field,
            @Nullable String value) {}

    static class RecordNotFound extends ProblemException {
        RecordNotFound(String entity, String id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "record-not-found",
                    "problem.recordNotFound.title",
                    "problem.recordNotFound.detail",
                    args(entity, id),
                    java.util.Map.of());
        }
    }

    private final Map<String, RevealableRecords> records;
    private final AuditLog audit;

    Reveals(List<RevealableRecords> records, AuditLog audit) {
        this.records = records.stream().collect(Collectors.toMap(RevealableRecords::entity, Function.identity()));
        this.audit = audit;
    }

    @Transactional
    Revealed reveal(String entity, String id, String field, String reason) {
        Actor actor = Actors.requirePermission(Permission.PERSONAL_DATA_REVEAL);
        RevealableRecords source = records.get(entity);
        if (source == null) {
            throw new InvalidInput(
                    List.of(FieldError.of("entity", "error.oneOf", entity, new TreeSet<>(records.keySet()))));
        }
        if (!source.fields().contains(field)) {
            throw new InvalidInput(
                    List.of(FieldError.of("field", "error.oneOf", field, new TreeSet<>(source.fields()))));
        }
        String why = reason.strip();
        if (why.length() < MIN_REASON || why.length() > MAX_REASON) {
            throw new InvalidInput(
                    List.of(FieldError.of("reason", "error.revealReason", null, MIN_REASON, MAX_REASON)));
        }
        var found = source.find(id, field).filter(r -> actor.covers(r.unitCode()));
        if (found.isEmpty()) {
            // a reveal refused (no such record, or outside the jurisdiction) stays on record too
            audit.recordAlone(audit.origin(), "REVEAL_REFUSED", entity, id, "field " + field + "; reason: " + why);
            throw new RecordNotFound(entity, id);
        }
        audit.record("REVEAL", entity, id, "field " + field + "; reason: " + why);
        return new Revealed(entity, id, field, found.get().value());
    }
}
