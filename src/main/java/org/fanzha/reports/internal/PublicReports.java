package org.fanzha.reports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FileTypes;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.fanzha.reports.ReportsProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the public's reports: checks every field and every file at once, stores the report with
 * its files streamed into the database, records what the fraudster used on the risk list, and —
 * once that is committed — files the report as a PUBLIC_REPORT lead (a transfer within the stop
 * window: RED, to the province desk). A report is never half stored.
 */
@Service
class PublicReports {

    /** A file as it came: its name, its size, and a way to read it (more than once). */
    interface Upload {
        @Nullable
        String name();

        long size();

        InputStream open() throws IOException;
    }

    record Filed(String receipt, String statusToken) {}

    /** The report was stored: its lead is to be filed. */
    record ReportFiled(String receipt) {}

    /** What the reporter sees: their own report's progress, nothing of anyone else. */
    record Status(
            String receipt,
            Instant receivedAt,
            boolean routed,
            @Nullable Instant reviewedAt,
            @Nullable Instant stopSentAt,
            String held,
            boolean caseAccepted,
            String returnStep,
            int transfers,
            int evidence) {}

    /** The amount the banks hold, as a band: the reporter is told how it goes, not the figure. */
    static String band(BigDecimal held) {
        if (held.signum() <= 0) {
            return "NONE";
        }
        if (held.compareTo(new BigDecimal("10000")) < 0) {
            return "UNDER_10K";
        }
        return held.compareTo(new BigDecimal("100000")) < 0 ? "10K_TO_100K" : "OVER_100K";
    }

    /** A report as staff read it: the phone masked, within their jurisdiction. */
    record StaffView(
            String receipt,
            String source,
            String reporterPhone,
            boolean victim,
            @Nullable String fraudType,
            @Nullable String text,
            Instant receivedAt,
            @Nullable String takenBy,
            @Nullable Long warningId,
            @Nullable String unitCode,
            @Nullable String urgency,
            @Nullable Instant reviewedAt,
            @Nullable Instant stopSentAt,
            boolean stopProvisional,
            @Nullable Instant stopConfirmDue,
            @Nullable String stopConfirmedBy,
            List<ReportValidator.Ident> fraudster,
            List<ReportValidator.Transfer> transfers,
            List<ReportStore.EvidenceFile> evidence) {}

    /** Over a limit: {@code 429} with {@code Retry-After} in seconds. */
    static class TooManyReports extends ProblemException {
        TooManyReports(java.time.Duration retryAfter) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-reports",
                    "problem.tooManyReports.title",
                    "problem.tooManyReports.detail",
                    Map.of("retryAfter", Math.max(1, retryAfter.toSeconds())));
            getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
    }

    static class ReportNotFound extends ProblemException {
        ReportNotFound(String receipt) {
            super(
                    HttpStatus.NOT_FOUND,
                    "report-not-found",
                    "problem.reportNotFound.title",
                    "problem.reportNotFound.detail",
                    args(receipt),
                    Map.of());
        }
    }

    private final ReportValidator validator;
    private final ReportStore store;
    private final ReportsProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String provinceCode;
    private final org.fanzha.platform.RateLimits limits;
    private final org.fanzha.funds.StopPayments stopPayments;
    private final PhoneCodes codes;
    private final SecureRandom random = new SecureRandom();

    PublicReports(
            ReportValidator validator,
            ReportStore store,
            ReportsProperties properties,
            AuditLog audit,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            Clock clock,
            DivisionsProperties divisions,
            org.fanzha.platform.RateLimits limits,
            org.fanzha.funds.StopPayments stopPayments,
            PhoneCodes codes) {
        this.codes = codes;
        this.limits = limits;
        this.stopPayments = stopPayments;
        this.validator = validator;
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.provinceCode = divisions.provinceCode();
    }

    ReportsProperties properties() {
        return properties;
    }

    /** One request of a client address against its hourly allowance (in the database, for every instance). */
    void allowAddress(String address) {
        if (properties.perAddressPerHour() <= 0) {
            return; // off: a gateway in front limits by address, or a load test drives from one
        }
        limits.take("report-address:" + address, properties.perAddressPerHour()).ifPresent(wait -> {
            throw new TooManyReports(wait);
        });
    }

    /** Files a report (the hotline names its operator in {@code takenBy}). */
    Filed file(ReportRequest request, Source source, List<Upload> files, @Nullable String takenBy) {
        List<FieldError> errors = new ArrayList<>();
        ReportValidator.Report report = null;
        try {
            report = validator.validate(request, source);
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        List<Checked> checked = check(files, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        ReportValidator.Report r = report;
        var origin = audit.origin();
        if (source == Source.PUBLIC_REPORT) {
            // where SMS is configured, the phone is proven by the code texted to it
            codes.check(r.reporterPhone(), request.code());
            // a valid report counts against its phone's allowance; an operator's is not limited
            limits.take("report-phone:" + r.reporterPhone(), properties.perPhonePerHour())
                    .ifPresent(wait -> {
                        throw new TooManyReports(wait);
                    });
        }
        String token = token();
        Instant now = clock.instant();
        ReportStore.Row row = tx.execute(status -> {
            ReportStore.Row stored = store.insert(r, sha256(token), takenBy, now);
            for (Checked c : checked) {
                try (InputStream in = c.upload().open()) {
                    store.evidence(stored.id(), c.name(), c.type(), c.upload().size(), c.sha256(), in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            // machine intake: the record joins the chain moments later, without queueing for its lock
            audit.recordInOutbox(
                    origin,
                    "CREATE",
                    "public_report",
                    stored.receipt(),
                    source + ", " + r.fraudster().size() + " identifiers, "
                            + r.transfers().size() + " transfers, " + checked.size() + " files"
                            + (takenBy == null ? "" : ", taken by " + takenBy));
            events.publishEvent(new ReportFiled(stored.receipt()));
            events.publishEvent(new org.fanzha.reports.ReportProgress(stored.receipt(), "RECEIVED"));
            return stored;
        });
        return new Filed(row.receipt(), token);
    }

    private record Checked(Upload upload, String name, String type, String sha256) {}

    /** Each file's type by its bytes, its size and its hash, before anything is stored. */
    private List<Checked> check(List<Upload> files, List<FieldError> errors) {
        List<Checked> out = new ArrayList<>();
        if (files.size() > properties.maxEvidenceFiles()) {
            errors.add(FieldError.of("evidence", "error.appealFiles", files.size(), properties.maxEvidenceFiles()));
            return out;
        }
        long max = properties.maxEvidenceSize().toBytes();
        for (int i = 0; i < files.size(); i++) {
            Upload u = files.get(i);
            String field = "evidence[" + i + "]";
            if (u.size() > max) {
                errors.add(FieldError.of(
                        field,
                        "error.appealFileSize",
                        null,
                        properties.maxEvidenceSize().toMegabytes()));
                continue;
            }
            try (InputStream in = u.open()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                DigestInputStream d = new DigestInputStream(in, digest);
                byte[] head = d.readNBytes(16);
                String type = FileTypes.sniff(head);
                if (type == null) {
                    type = FileTypes.audio(head);
                }
                if (type == null || u.size() == 0) {
                    errors.add(FieldError.of(field, "error.reportFileType", null));
                    continue;
                }
                d.transferTo(java.io.OutputStream.nullOutputStream());
                out.add(new Checked(u, name(u.name(), i), type, HexFormat.of().formatHex(digest.digest())));
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                errors.add(FieldError.of(field, "error.reportFileType", null));
            }
        }
        return out;
    }

    /** The reporter's view, for the receipt and the token they were given; a wrong token is the same 404 as an unknown receipt. */
    Status status(String receipt, @Nullable String token) {
        String r = ReportValidator.clip(receipt, 20);
        String hash = r == null ? null : store.tokenHash(r).orElse(null);
        if (hash == null
                || token == null
                || token.length() > 64
                || !MessageDigest.isEqual(hash.getBytes(), sha256(token).getBytes())) {
            throw new ReportNotFound(r == null ? "" : r);
        }
        ReportStore.Row row = store.find(r).orElseThrow();
        return new Status(
                row.receipt(),
                row.receivedAt(),
                row.warningId() != null,
                row.reviewedAt(),
                row.stopSentAt(),
                band(stopPayments.held(store.fundRequests(row.id()))),
                row.caseId() != null,
                row.caseId() == null
                        ? org.fanzha.funds.StopPayments.ReturnStep.NONE.name()
                        : stopPayments.returnOf(row.caseId()).name(),
                store.transfers(row.id()).size(),
                store.files(row.id()).size());
    }

    /** A report for staff who read warnings, within the jurisdiction of the unit its warning went to (the province until then). */
    StaffView read(String receipt, Actor actor) {
        ReportStore.Row row = readable(receipt, actor);
        return new StaffView(
                row.receipt(),
                row.source(),
                java.util.Objects.requireNonNull(Masking.phone(row.reporterPhone())),
                row.victim(),
                row.fraudType(),
                row.text(),
                row.receivedAt(),
                row.takenBy(),
                row.warningId(),
                row.unitCode(),
                row.urgency(),
                row.reviewedAt(),
                row.stopSentAt(),
                row.stopProvisional(),
                row.stopConfirmDue(),
                row.stopConfirmedBy(),
                store.identifiers(row.id()),
                store.transfers(row.id()),
                store.files(row.id()));
    }

    /** One file of a report: a full view of personal data, audited. */
    ReportStore.EvidenceBytes evidence(String receipt, long evidenceId, Actor actor) {
        ReportStore.Row row = readable(receipt, actor);
        ReportStore.EvidenceBytes file =
                store.file(row.id(), evidenceId).orElseThrow(() -> new ReportNotFound(receipt + "/" + evidenceId));
        audit.record(
                "VIEW",
                "public_report_evidence",
                Long.toString(evidenceId),
                "evidence of report " + receipt + " viewed");
        return file;
    }

    private ReportStore.Row readable(String receipt, Actor actor) {
        if (!actor.can(Permission.WARNINGS_READ)) {
            throw new org.fanzha.platform.Forbidden(
                    "problem.forbidden.permission",
                    org.fanzha.platform.Texts.key("permission." + Permission.WARNINGS_READ.name()));
        }
        return store.inJurisdiction(receipt, actor, false);
    }

    static String name(@Nullable String given, int i) {
        return org.fanzha.platform.Uploads.fileName(given, i);
    }

    private String token() {
        return org.fanzha.platform.Uploads.token();
    }

    static String sha256(String s) {
        return org.fanzha.platform.Uploads.sha256(s);
    }
}
