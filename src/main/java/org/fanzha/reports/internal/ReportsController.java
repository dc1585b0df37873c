package org.fanzha.reports.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The report API: the public files without a token ({@code /api/v1/public/reports}, JSON, or
 * multipart with the JSON as the part {@code report} and files as parts {@code evidence}) and
 * follows the report by receipt and token; 96110 operators file callers' reports
 * ({@code POST /api/v1/reports}); staff read reports within their jurisdiction.
 */
@RestController
class ReportsController {

    private final PublicReports reports;
    private final ReportStops stops;
    private final PhoneCodes codes;

    ReportsController(PublicReports reports, ReportStops stops, PhoneCodes codes) {
        this.reports = reports;
        this.stops = stops;
        this.codes = codes;
    }

    /** An officer confirms the stop-payments sent at once for a VERY_HIGH receiving account. */
    @PostMapping("/api/v1/reports/{receipt}/stop-payments/confirm")
    PublicReports.StaffView confirm(@PathVariable String receipt) {
        stops.confirm(receipt, Actors.require());
        return reports.read(receipt, Actors.require());
    }

    /** The one click: the reported transfers' stop-payments to their banks, and the case accepted (once). */
    @PostMapping("/api/v1/reports/{receipt}/stop-payments")
    ResponseEntity<ReportStops.Stopped> stop(@PathVariable String receipt) {
        ReportStops.Stopped stopped = stops.stop(receipt, Actors.require());
        return ResponseEntity.status(stopped.again() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(stopped);
    }

    @PostMapping(value = "/api/v1/public/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicReports.Filed> fileJson(@RequestBody ReportRequest report, HttpServletRequest request) {
        allow(request);
        return accepted(reports.file(report, Source.PUBLIC_REPORT, List.of(), null));
    }

    @PostMapping(value = "/api/v1/public/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PublicReports.Filed> fileMultipart(
            @RequestPart("report") ReportRequest report,
            @RequestPart(name = "evidence", required = false) @Nullable List<MultipartFile> evidence,
            HttpServletRequest request) {
        allow(request);
        return accepted(reports.file(report, Source.PUBLIC_REPORT, uploads(evidence), null));
    }

    /** A 96110 operator enters a caller's report (HOTLINE_REPORT), named as the one who took it. */
    @PostMapping(value = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicReports.Filed> fileForCaller(@RequestBody ReportRequest report) {
        Actor actor = Actors.requirePermission(Permission.HOTLINE_CALL);
        return accepted(reports.file(report, Source.HOTLINE_REPORT, List.of(), actor.name()));
    }

    record CodeRequest(@Nullable String phone) {}

    record CodeSent(boolean sent, long expiresInSeconds) {}

    /** Texts the code that proves the reporter's phone (where SMS is configured: else nothing to prove, 404). */
    @PostMapping("/api/v1/public/reports/codes")
    ResponseEntity<CodeSent> code(@RequestBody CodeRequest body, HttpServletRequest request) {
        allow(request);
        if (!codes.required()) {
            return ResponseEntity.notFound().build();
        }
        codes.send(body.phone());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CodeSent(true, PhoneCodes.VALID.toSeconds()));
    }

    @GetMapping("/api/v1/public/reports/{receipt}")
    PublicReports.Status status(
            @PathVariable String receipt,
            @RequestParam(required = false) @Nullable String token,
            HttpServletRequest request) {
        allow(request);
        return reports.status(receipt, token);
    }

    @GetMapping("/api/v1/reports/{receipt}")
    PublicReports.StaffView read(@PathVariable String receipt) {
        return reports.read(receipt, Actors.require());
    }

    @GetMapping("/api/v1/reports/{receipt}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable String receipt, @PathVariable long evidenceId) {
        return download(reports.evidence(receipt, evidenceId, Actors.require()));
    }

    /** A file for staff: as an attachment, of the type its bytes show, never rendered in place. */
    static ResponseEntity<byte[]> download(ReportStore.EvidenceBytes file) {
        return org.fanzha.platform.Uploads.attachment(file.name(), file.contentType(), file.bytes());
    }

    static ResponseEntity<PublicReports.Filed> accepted(PublicReports.Filed filed) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(filed);
    }

    void allow(HttpServletRequest request) {
        reports.allowAddress(request.getRemoteAddr());
    }

    /** The files as Tomcat keeps them (on disk past its threshold), read as often as needed. */
    static List<PublicReports.Upload> uploads(@Nullable List<MultipartFile> parts) {
        List<PublicReports.Upload> out = new ArrayList<>();
        for (MultipartFile p : org.fanzha.platform.Uploads.chosen(parts)) {
            out.add(new PublicReports.Upload() {
                @Override
                public @Nullable String name() {
                    return p.getOriginalFilename();
                }

                @Override
                public long size() {
                    return p.getSize();
                }

                @Override
                public InputStream open() throws IOException {
                    return p.getInputStream();
                }
            });
        }
        return out;
    }
}
