package org.fanzha.cases.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.fanzha.cases.CaseProperties;
import org.fanzha.cases.CaseStatus;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cases, their status actions, identifiers, suspects and links (串并案). */
@RestController
class CaseController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CaseFiles files;
    private final CaseStore store;
    private final CaseProperties properties;
    private final Clusters clusters;
    private final CaseImport imports;

    private final CaseEdits edits;

    CaseController(
            CaseFiles files,
            CaseStore store,
            CaseProperties properties,
            Clusters clusters,
            CaseImport imports,
            CaseEdits edits) {
        this.edits = edits;
        this.imports = imports;
        this.clusters = clusters;
        this.files = files;
        this.store = store;
        this.properties = properties;
    }

    record ActionRequest(
            @Nullable String caseNumber,
            @Nullable String solvingUnit,
            @Nullable String note) {}

    record IdentifiersRequest(@Nullable List<CaseFiles.@Nullable IdentifierInput> identifiers) {}

    record NonLinkingRequest(@Nullable String reason) {}

    record WarningLink(@Nullable Long warningId) {}

    /** Corrects a case's loss, time or place; each change is kept in the case's history. */
    @org.springframework.web.bind.annotation.PatchMapping("/api/v1/cases/{id}")
    CaseFiles.CaseView correct(@PathVariable long id, @RequestBody CaseEdits.FactsRequest request) {
        return edits.correct(id, request, Actors.requirePermission(Permission.CASES_WRITE));
    }

    /** Links the case to the warning (closed as defrauded) whose person it concerns. */
    @PostMapping("/api/v1/cases/{id}/warning")
    CaseFiles.CaseView linkWarning(@PathVariable long id, @RequestBody WarningLink request) {
        return edits.linkWarning(id, request.warningId(), Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/api/v1/cases")
    ResponseEntity<CaseFiles.CaseView> file(@RequestBody CaseFiles.CaseRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        return ResponseEntity.status(HttpStatus.CREATED).body(files.file(request, actor));
    }

    @GetMapping("/api/v1/cases")
    List<CaseFiles.CaseView> cases(
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable FraudType type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        if (page < 0 || page > 100_000) {
            throw new InvalidInput("page", "error.0100000", page);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "error.1500", size);
        }
        if (unit != null && !unit.matches("[0-9]{2,12}")) {
            throw new InvalidInput("unit", "error.divisionCode", unit.length() > 20 ? unit.substring(0, 20) : unit);
        }
        return store
                .search(
                        actor.unitCode(),
                        unit,
                        status,
                        type,
                        from == null ? null : from.atStartOfDay(CHINA).toInstant(),
                        to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant(),
                        page * size,
                        size)
                .stream()
                .map(files::view)
                .toList();
    }

    /** Cases from a spreadsheet (.xlsx or .csv, a header row naming the columns): a report per row, good rows kept. */
    @PostMapping(
            path = "/api/v1/cases/imports",
            consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    CaseImport.Report importCases(@RequestParam("file") org.springframework.web.multipart.MultipartFile file)
            throws java.io.IOException {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        if (file.isEmpty()) {
            throw new InvalidInput("file", "error.spreadsheetXlsxCsv", null);
        }
        try (var in = file.getInputStream()) {
            return imports.importFile(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), in, actor);
        }
    }

    /** Clusters of linked cases that reach into the jurisdiction, largest first, with total loss and units. */
    @GetMapping("/api/v1/cases/clusters")
    List<Clusters.Cluster> clusters(@RequestParam(defaultValue = "50") int limit) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "error.1500", limit);
        }
        return clusters.all(limit, actor);
    }

    /** The network of a case's cluster (cases and the identifiers they share), for the picture. */
    @GetMapping("/api/v1/cases/{id}/network")
    Clusters.Graph network(@PathVariable long id) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        files.visible(id, actor);
        return clusters.graph(id, 200, actor);
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseFiles.CaseDetail detail(@PathVariable long id) {
        return files.detail(id, Actors.requirePermission(Permission.CASES_READ));
    }

    @PostMapping("/api/v1/cases/{id}/{action:file|investigate|solve|prosecute|withdraw}")
    CaseFiles.CaseView act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestBody(required = false) @Nullable ActionRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        CaseStatus target = switch (action) {
            case "file" -> CaseStatus.FILED;
            case "investigate" -> CaseStatus.INVESTIGATING;
            case "solve" -> CaseStatus.SOLVED;
            case "prosecute" -> CaseStatus.PROSECUTED;
            default -> CaseStatus.WITHDRAWN;
        };
        ActionRequest r = request == null ? new ActionRequest(null, null, null) : request;
        if (r.note() != null && r.note().length() > 2000) {
            throw new InvalidInput("note", "error.atMost2000Characters", null);
        }
        return files.transition(id, target, r.caseNumber(), r.solvingUnit(), r.note(), actor);
    }

    @PostMapping("/api/v1/cases/{id}/identifiers")
    CaseFiles.CaseView identifiers(@PathVariable long id, @RequestBody IdentifiersRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        if (request.identifiers() == null || request.identifiers().isEmpty()) {
            throw new InvalidInput("identifiers", "error.oneMoreIdentifiers", null);
        }
        return files.addIdentifiers(id, request.identifiers(), actor);
    }

    @PostMapping("/api/v1/cases/{id}/suspects")
    ResponseEntity<CaseStore.Suspect> suspect(@PathVariable long id, @RequestBody CaseFiles.SuspectRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        return ResponseEntity.status(HttpStatus.CREATED).body(files.addSuspect(id, request, actor));
    }

    /** The cases sharing identifiers with this one, across the province: their number, unit and what they share. */
    @GetMapping("/api/v1/cases/{id}/related")
    List<CaseStore.Link> related(@PathVariable long id) {
        return files.related(id, Actors.requirePermission(Permission.CASES_READ));
    }

    @GetMapping("/api/v1/identifiers/{type}/{value}")
    Map<String, Object> carrying(@PathVariable String type, @PathVariable String value) {
        return files.carrying(type, value, Actors.requirePermission(Permission.CASES_READ));
    }

    /** As above, with the value as a parameter (URLs carry slashes). */
    @GetMapping("/api/v1/identifiers/{type}")
    Map<String, Object> carryingByParameter(@PathVariable String type, @RequestParam String value) {
        return files.carrying(type, value, Actors.requirePermission(Permission.CASES_READ));
    }

    @PostMapping("/api/v1/identifiers/{type}/{value}/non-linking")
    ResponseEntity<Void> nonLinking(
            @PathVariable String type, @PathVariable String value, @RequestBody NonLinkingRequest request) {
        files.nonLinking(type, value, request.reason(), Actors.requirePermission(Permission.CASES_LINK));
        return ResponseEntity.noContent().build();
    }

    /** Identifiers carried by more cases than {@code fanzha.cases.non-linking-suggestion}: suggested as non-linking. */
    @GetMapping("/api/v1/identifiers/common")
    List<Map<String, Object>> common() {
        Actors.requirePermission(Permission.CASES_LINK);
        return store.commonIdentifiers(properties.nonLinkingSuggestion(), 200);
    }
}
