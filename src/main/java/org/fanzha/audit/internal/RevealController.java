package org.fanzha.audit.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows one masked field in full, to a staff member whose jurisdiction covers the record, for a
 * stated reason, and audits it. A record outside the jurisdiction answers exactly like one that
 * does not exist, so ids cannot be probed.
 */
@RestController
class RevealController {

    private final Map<String, RevealableRecords> records;
    private final AuditLog audit;

    RevealController(List<RevealableRecords> records, AuditLog audit) {
        this.records = records.stream().collect(Collectors.toMap(RevealableRecords::entity, Function.identity()));
        this.audit = audit;
    }

    record RevealRequest(
            @NotBlank @Size(max = 40) String entity,
            @NotBlank @Size(max = 64) String id,
            @NotBlank @Size(max = 40) String field,
            @NotBlank @Size(min = 4, max = 500) String reason) {}

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
                    "Record not found",
                    "No " + entity + " " + id + " within your jurisdiction.");
        }
    }

    @PostMapping("/api/v1/reveal")
    @Transactional
    Revealed reveal(@Valid @RequestBody RevealRequest request) {
        Actor actor = Actors.requirePermission(Permission.PERSONAL_DATA_REVEAL);
        RevealableRecords source = records.get(request.entity());
        if (source == null) {
            throw new InvalidInput(
                    List.of(new FieldError("entity", "one of " + new TreeSet<>(records.keySet()), request.entity())));
        }
        if (!source.fields().contains(request.field())) {
            throw new InvalidInput(
                    List.of(new FieldError("field", "one of " + new TreeSet<>(source.fields()), request.field())));
        }
        var found = source.find(request.id(), request.field()).filter(r -> actor.covers(r.unitCode()));
        if (found.isEmpty()) {
            // a reveal refused (no such record, or outside the jurisdiction) stays on record too
            audit.recordAlone(
                    audit.origin(),
                    "REVEAL_REFUSED",
                    request.entity(),
                    request.id(),
                    "field " + request.field() + "; reason: " + request.reason());
            throw new RecordNotFound(request.entity(), request.id());
        }
        audit.record(
                "REVEAL", request.entity(), request.id(), "field " + request.field() + "; reason: " + request.reason());
        return new Revealed(
                request.entity(), request.id(), request.field(), found.get().value());
    }
}
