package org.fanzha.blocklist.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fanzha.blocklist.BlocklistProperties;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The blocklist API: entries, review, imports, the check, the allowlist and appeals. */
@RestController
@RequestMapping("/api/v1/blocklist")
class BlocklistController {

    private final Blocklist blocklist;
    private final Imports imports;
    private final Checks checks;
    private final BlockStore store;
    private final BlocklistProperties properties;
    private final Exports exports;
    private final Suspicions suspicions;
    private final org.fanzha.appeals.Appeals appeals;

    BlocklistController(
            Suspicions suspicions,
            Blocklist blocklist,
            Imports imports,
            Checks checks,
            BlockStore store,
            BlocklistProperties properties,
            Exports exports,
            org.fanzha.appeals.Appeals appeals) {
        this.exports = exports;
        this.appeals = appeals;
        this.suspicions = suspicions;
        this.blocklist = blocklist;
        this.imports = imports;
        this.checks = checks;
        this.store = store;
        this.properties = properties;
    }

    record EntryRequest(
            @Nullable String value,
            @Nullable Scope scope,
            @Nullable FraudType category,
            @Nullable Source source,
            @Nullable String evidence,
            @Nullable String screenshotRef,
            @Nullable Instant expiresAt,
            @Nullable Boolean sensitiveConfirmed) {}

    record EntryView(
            long id,
            String value,
            Scope scope,
            FraudType category,
            Source source,
            EntryState state,
            @Nullable String evidence,
            @Nullable String screenshotRef,
            String addedBy,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            Instant firstSeen,
            Instant lastSeen,
            @Nullable Instant expiresAt,
            long serial) {

        static EntryView of(BlockStore.Entry e) {
            return new EntryView(
                    e.id(),
                    e.value(),
                    e.scope(),
                    e.category(),
                    e.source(),
                    e.state(),
                    e.evidence(),
                    e.screenshotRef(),
                    e.addedBy(),
                    e.reviewedBy(),
                    e.reviewedAt(),
                    e.firstSeen(),
                    e.lastSeen(),
                    e.expiresAt(),
                    e.serial());
        }
    }

    record Added(EntryView entry, boolean duplicate) {}

    record EntryDetail(EntryView entry, List<BlockStore.Event> events, List<AppealView> appeals) {}

    /** An appeal of an entry, as this API has always shown it (the contact masked). */
    record AppealView(
            long id,
            String reference,
            long entryId,
            String appellant,
            String contact,
            String reason,
            String state,
            java.time.Instant filedAt,
            @Nullable String decidedBy,
            java.time.@Nullable Instant decidedAt,
            @Nullable String decisionNote,
            int evidence) {
        static AppealView of(org.fanzha.appeals.Appeals.Appeal a) {
            return new AppealView(
                    a.id(),
                    a.reference(),
                    Long.parseLong(a.ref()),
                    a.appellant(),
                    a.contact(),
                    a.reason(),
                    a.state(),
                    a.filedAt(),
                    a.decidedBy(),
                    a.decidedAt(),
                    a.decisionNote(),
                    a.evidence());
        }
    }

    record NoteRequest(@Nullable String note) {}

    record CheckRequest(@Nullable List<@Nullable String> targets) {}

    record CheckResults(List<Checks.Result> results) {}

    record AllowRequest(@Nullable String domain, @Nullable String reason) {}

    record DecisionRequest(
            @Nullable String decision, @Nullable String note) {}

    @PostMapping("/entries")
    ResponseEntity<Added> add(@RequestBody EntryRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_SUBMIT);
        var added = blocklist.add(
                new Blocklist.Submission(
                        request.value(),
                        request.scope(),
                        request.category(),
                        request.source(),
                        request.evidence(),
                        request.screenshotRef(),
                        request.expiresAt(),
                        request.sensitiveConfirmed()),
                actor);
        return ResponseEntity.status(added.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Added(EntryView.of(added.entry()), added.duplicate()));
    }

    @GetMapping("/entries")
    List<EntryView> entries(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable EntryState state,
            @RequestParam(required = false) @Nullable FraudType category,
            @RequestParam(required = false) @Nullable Source source,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Actors.requirePermission(Permission.BLOCKLIST_CHECK);
        if (page < 0 || page > 100_000) {
            throw new InvalidInput("page", "error.0100000", page);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "error.1500", size);
        }
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > 200) {
            throw new InvalidInput("q", "error.atMost200Characters", null);
        }
        return store.search(text, state, category, source, page * size, size).stream()
                .map(EntryView::of)
                .toList();
    }

    @GetMapping("/entries/{id}")
    EntryDetail entry(@PathVariable long id) {
        Actors.requirePermission(Permission.BLOCKLIST_CHECK);
        var e = store.find(id).orElseThrow(() -> new Blocklist.EntryNotFound(id));
        return new EntryDetail(
                EntryView.of(e),
                store.events(id),
                appeals.of(BlockAppeals.KIND, Long.toString(id)).stream()
                        .map(AppealView::of)
                        .toList());
    }

    @PostMapping("/entries/{id}/approve")
    EntryView approve(@PathVariable long id, @RequestBody(required = false) @Nullable NoteRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        return EntryView.of(blocklist.review(id, true, request == null ? null : request.note(), actor));
    }

    @PostMapping("/entries/{id}/reject")
    EntryView reject(@PathVariable long id, @RequestBody(required = false) @Nullable NoteRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        return EntryView.of(blocklist.review(id, false, request == null ? null : request.note(), actor));
    }

    @PostMapping("/entries/{id}/remove")
    EntryView remove(@PathVariable long id, @RequestBody(required = false) @Nullable NoteRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        return EntryView.of(blocklist.remove(id, request == null ? null : request.note(), actor));
    }

    @PostMapping(path = "/imports", consumes = "*/*")
    Imports.Report importList(
            @RequestParam(defaultValue = "plain") String format,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(defaultValue = "DOMAIN_AND_SUBDOMAINS") String scope,
            jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_SUBMIT);
        Imports.Format f = parse(Imports.Format.class, "format", format, "plain, hosts or csv");
        FraudType c = category == null ? null : parse(FraudType.class, "category", category, "a fraud type code");
        if (c == null) {
            throw new InvalidInput("category", "error.fraudTypeCode", null);
        }
        Source s = source == null ? null : parse(Source.class, "source", source, "a source code");
        if (s == null) {
            throw new InvalidInput("source", "error.sourceCode", null);
        }
        Scope sc = parse(Scope.class, "scope", scope, "DOMAIN, DOMAIN_AND_SUBDOMAINS, URL_PREFIX or IP");
        return imports.importList(f, c, s, sc, request.getInputStream(), actor);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, String expected) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, expected, value.length() > 50 ? value.substring(0, 50) : value);
        }
    }

    @GetMapping("/check")
    Checks.Result check(@RequestParam(required = false) @Nullable String target) {
        Actors.requirePermission(Permission.BLOCKLIST_CHECK);
        if (target == null || target.isBlank()) {
            throw new InvalidInput("target", "error.domainURLIPAddress", null);
        }
        if (target.length() > org.fanzha.blocklist.Names.MAX_URL) {
            throw InvalidInput.of("target", "error.maxChars", null, org.fanzha.blocklist.Names.MAX_URL);
        }
        var result = checks.check(target);
        if (result.error() != null) {
            throw new InvalidInput("target", result.error(), target.length() > 200 ? target.substring(0, 200) : target);
        }
        return result;
    }

    @PostMapping("/check")
    CheckResults checkAll(@RequestBody CheckRequest request) {
        Actors.requirePermission(Permission.BLOCKLIST_CHECK);
        var targets = request.targets();
        if (targets == null || targets.isEmpty() || targets.size() > properties.maxCheckBatch()) {
            throw new InvalidInput(
                    "targets",
                    "1 to " + properties.maxCheckBatch() + " targets",
                    targets == null ? null : targets.size());
        }
        List<String> clean = targets.stream()
                .map(t -> t == null
                        ? ""
                        : t.length() > org.fanzha.blocklist.Names.MAX_URL * 2
                                ? t.substring(0, org.fanzha.blocklist.Names.MAX_URL * 2)
                                : t)
                .toList();
        return new CheckResults(checks.checkAll(clean));
    }

    /** The blocklist for operators: {@code rpz} (a zone master file), {@code hosts} or {@code adblock}, streamed. */
    @GetMapping("/export/{format}")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(
            @PathVariable String format) {
        Actors.requirePermission(Permission.BLOCKLIST_EXPORT);
        Exports.Format f = parse(Exports.Format.class, "format", format, "rpz, hosts or adblock");
        return ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType(
                        "text", f == Exports.Format.RPZ ? "dns" : "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"fanzha-blocklist." + format.toLowerCase(Locale.ROOT)
                                + (f == Exports.Format.RPZ ? ".zone" : ".txt") + "\"")
                .body(out -> exports.write(f, out));
    }

    @GetMapping("/allow")
    List<BlockStore.Allow> allows() {
        Actors.requirePermission(Permission.BLOCKLIST_CHECK);
        return store.allows();
    }

    @PostMapping("/allow")
    ResponseEntity<BlockStore.Allow> allow(@RequestBody AllowRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        long id = blocklist.allow(request.domain(), request.reason(), actor);
        return ResponseEntity.status(HttpStatus.CREATED).body(store.allow(id).orElseThrow());
    }

    @DeleteMapping("/allow/{id}")
    ResponseEntity<Void> unallow(@PathVariable long id) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        blocklist.unallow(id, actor);
        return ResponseEntity.noContent().build();
    }

    /** Look-alikes of protected brands met by checks, for review. */
    @GetMapping("/suspicious")
    List<Suspicions.Suspicious> suspicious() {
        Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        return suspicions.open(500);
    }

    record SuspicionDecision(
            @Nullable String decision, @Nullable FraudType category) {}

    @PostMapping("/suspicious/{name}/decision")
    ResponseEntity<?> decideSuspicion(@PathVariable String name, @RequestBody SuspicionDecision request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        if ("DISMISS".equals(request.decision())) {
            suspicions.dismiss(name, actor);
            return ResponseEntity.noContent().build();
        }
        if (!"BLOCK".equals(request.decision())) {
            throw new InvalidInput("decision", "error.blockDISMISS", request.decision());
        }
        if (request.category() == null) {
            throw new InvalidInput("category", "error.fraudTypeCode", null);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(EntryView.of(suspicions.block(name, request.category(), actor)));
    }

    /** The blocklist's appeals (the appeal engine's of kind BLOCK_ENTRY), open ones first. */
    @GetMapping("/appeals")
    List<AppealView> appeals(@RequestParam(required = false) @Nullable String state) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        return appeals.list(BlockAppeals.KIND, state, actor, 500).stream()
                .map(AppealView::of)
                .toList();
    }

    @PostMapping("/appeals/{id}/decision")
    AppealView decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        if (request.decision() == null || !List.of("UPHOLD", "LIFT").contains(request.decision())) {
            throw new InvalidInput("decision", "error.upholdBlockStaysLIFTEntryRemoved", request.decision());
        }
        return AppealView.of(
                appeals.decide(id, BlockAppeals.KIND, request.decision().equals("LIFT"), request.note(), actor));
    }
}
