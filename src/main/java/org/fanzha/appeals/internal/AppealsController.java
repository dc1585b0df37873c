package org.fanzha.appeals.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.appeals.Appeals.Appeal;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.PublicLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The appeal API. Holders file without signing in ({@code /api/v1/public/appeals}, as a form with
 * files or as JSON with the files in base64) and follow their appeal by its reference and token;
 * reviewers list, read and decide the appeals of the listings they review.
 */
@RestController
class AppealsController {

    record FileJson(@Nullable String name, @Nullable String data) {}

    record FilingJson(
            @Nullable String type,
            @Nullable String value,
            @Nullable String appellant,
            @Nullable String contact,
            @Nullable String reason,
            @Nullable String proof,
            @Nullable List<@Nullable FileJson> evidence) {}

    /** What a holder is given once: the token is not kept and cannot be shown again. */
    record FiledView(String reference, String token, String state, String type, String value, String status) {}

    record DecisionRequest(
            @Nullable String decision, @Nullable String note) {}

    static class TooManyRequests extends ProblemException {
        TooManyRequests() {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-lookups",
                    "problem.tooManyLookups.title",
                    "problem.tooManyLookups.detail");
        }
    }

    private final AppealEngine engine;
    private final PublicLimit limit;

    AppealsController(AppealEngine engine, PublicLimit limit) {
        this.engine = engine;
        this.limit = limit;
    }

    @PostMapping(value = "/api/v1/public/appeals", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FiledView> fileForm(
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String appellant,
            @RequestParam(required = false) @Nullable String contact,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String proof,
            @RequestParam(required = false) @Nullable List<MultipartFile> evidence,
            HttpServletRequest request)
            throws IOException {
        allow(request);
        return filed(
                engine.file(new AppealEngine.Filing(type, value, appellant, contact, reason, proof, files(evidence))));
    }

    @PostMapping(value = "/api/v1/public/appeals", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FiledView> fileJson(@RequestBody FilingJson body, HttpServletRequest request) {
        allow(request);
        List<AppealEngine.Evidence> files = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<@Nullable FileJson> given = body.evidence() == null ? List.of() : body.evidence();
        for (int i = 0; i < given.size() && i <= engine.properties().maxEvidenceFiles(); i++) {
            FileJson f = given.get(i);
            try {
                files.add(new AppealEngine.Evidence(
                        f == null ? null : f.name(),
                        java.util.Base64.getDecoder()
                                .decode(
                                        f == null || f.data() == null
                                                ? ""
                                                : f.data().replaceAll("\\s", ""))));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("evidence[" + i + "].data", "error.appealBase64", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return filed(engine.file(new AppealEngine.Filing(
                body.type(), body.value(), body.appellant(), body.contact(), body.reason(), body.proof(), files)));
    }

    @GetMapping("/api/v1/public/appeals/{reference}")
    AppealEngine.Status status(
            @PathVariable String reference,
            @RequestParam(required = false) @Nullable String token,
            HttpServletRequest request) {
        allow(request);
        return engine.status(reference, token);
    }

    @GetMapping("/api/v1/appeals")
    List<Appeal> list(
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "200") int limit) {
        return engine.list(blank(kind), blank(state), staff(), limit);
    }

    @GetMapping("/api/v1/appeals/{id}")
    AppealEngine.Detail detail(@PathVariable long id) {
        return engine.detail(id, staff());
    }

    @GetMapping("/api/v1/appeals/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable long id, @PathVariable long evidenceId) {
        return download(engine.evidence(id, evidenceId, staff()));
    }

    @PostMapping("/api/v1/appeals/{id}/decision")
    Appeal decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        Actor actor = staff();
        if (request.decision() == null || !List.of("UPHOLD", "LIFT").contains(request.decision())) {
            throw InvalidInput.of("decision", "error.appealDecision", clip(request.decision()));
        }
        return engine.decide(id, null, request.decision().equals("LIFT"), request.note(), actor);
    }

    /** A file for a reviewer: as an attachment, of the type its bytes show, never rendered in place. */
    static ResponseEntity<byte[]> download(AppealStore.EvidenceBytes file) {
        return org.fanzha.platform.Uploads.attachment(file.name(), file.contentType(), file.bytes());
    }

    /** The files as sent; those past the count allowed, or too large, are counted and not read. */
    List<AppealEngine.Evidence> files(@Nullable List<MultipartFile> parts) throws IOException {
        int max = engine.properties().maxEvidenceFiles();
        long maxSize = engine.properties().maxEvidenceSize().toBytes();
        List<AppealEngine.Evidence> files = new ArrayList<>();
        for (MultipartFile p : org.fanzha.platform.Uploads.chosen(parts)) {
            if (files.size() >= max || p.getSize() > maxSize) {
                files.add(new AppealEngine.Evidence(p.getOriginalFilename(), new byte[0], p.getSize()));
                continue;
            }
            files.add(new AppealEngine.Evidence(p.getOriginalFilename(), p.getBytes()));
        }
        return files;
    }

    private static Actor staff() {
        return Actors.require();
    }

    private void allow(HttpServletRequest request) {
        if (!limit.allowed(request.getRemoteAddr())) {
            throw new TooManyRequests();
        }
    }

    private static ResponseEntity<FiledView> filed(AppealEngine.Filed f) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new FiledView(
                        f.reference(),
                        f.token(),
                        "OPEN",
                        f.subject().type(),
                        f.subject().value(),
                        "/public/appeals/" + f.reference() + "?token=" + f.token()));
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null ? null : s.length() > 20 ? s.substring(0, 20) : s;
    }
}
