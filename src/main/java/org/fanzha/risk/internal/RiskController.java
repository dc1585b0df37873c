package org.fanzha.risk.internal;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.risk.RiskAction;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.RiskList;
import org.fanzha.risk.RiskProperties;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.fanzha.risk.SightingKind;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The risk list for partners (risk:check): batch checks, the change feed, snapshots, the
 * carriers' list and feedback. Every call is audited with its count.
 */
@RestController
@RequestMapping("/api/v1/risk")
class RiskController {

    static class TooManyItems extends ProblemException {
        TooManyItems(int count, int max) {
            super(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-many-items",
                    "problem.tooManyItems.title",
                    "problem.tooManyItems.detail",
                    args(count, max),
                    Map.of("max", max));
        }
    }

    record ItemRequest(
            @Nullable String type,
            @Nullable Object value,
            @Nullable String result,
            @Nullable String reference,
            @Nullable String at) {}

    record ItemsRequest(@Nullable List<@Nullable ItemRequest> items) {}

    record CheckResults(List<RiskChecks.Result> results) {}

    record ChangeView(
            long serial, String type, String value, RiskLevel level, RiskAction action, String reason, Instant at) {}

    record Changes(long since, long next, long latest, boolean more, List<ChangeView> changes) {}

    record FeedbackResult(
            int index,
            boolean valid,
            boolean recorded,
            @Nullable String reason,
            @Nullable String message) {}

    record FeedbackResults(int recorded, List<FeedbackResult> results) {}

    /** What a partner's feedback means as a sighting. */
    enum Feedback {
        DECLINED(SightingKind.PARTNER_DECLINED),
        CONFIRMED_FRAUD(SightingKind.PARTNER_CONFIRMED_FRAUD),
        VERIFIED_LEGITIMATE(SightingKind.PARTNER_LEGITIMATE);

        final SightingKind kind;

        Feedback(SightingKind kind) {
            this.kind = kind;
        }
    }

    private final RiskChecks checks;
    private final RiskStore store;
    private final RiskList list;
    private final RiskProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate readOnly;

    RiskController(
            RiskChecks checks,
            RiskStore store,
            RiskList list,
            RiskProperties properties,
            AuditLog audit,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.checks = checks;
        this.store = store;
        this.list = list;
        this.properties = properties;
        this.audit = audit;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The items as typed, refused as a whole only for what is no item at all (a missing or unknown type). */
    private List<RiskChecks.Item> items(@Nullable List<@Nullable ItemRequest> requests, boolean feedback) {
        if (requests == null || requests.isEmpty()) {
            throw InvalidInput.of("items", "error.riskItems", null, properties.maxCheckItems());
        }
        if (requests.size() > properties.maxCheckItems()) {
            throw new TooManyItems(requests.size(), properties.maxCheckItems());
        }
        List<FieldError> errors = new ArrayList<>();
        List<RiskChecks.Item> items = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ItemRequest r = requests.get(i);
            String field = "items[" + i + "]";
            if (r == null) {
                errors.add(FieldError.of(field, "error.riskItem", null));
                continue;
            }
            RiskType type = r.type() == null ? null : RiskType.parse(r.type()).orElse(null);
            if (type == null) {
                errors.add(FieldError.of(field + ".type", "error.riskType", clip(r.type())));
            }
            if (feedback && (r.result() == null || parse(r.result()) == null)) {
                errors.add(FieldError.of(field + ".result", "error.riskFeedbackResult", clip(r.result())));
            }
            if (feedback && r.at() != null && at(r.at()) == null) {
                errors.add(FieldError.of(field + ".at", "error.wrongForm", clip(r.at())));
            }
            if (feedback
                    && r.reference() != null
                    && (r.reference().isBlank() || r.reference().length() > 60)) {
                errors.add(FieldError.of(field + ".reference", "error.maxChars", null, 60));
            }
            if (type != null && errors.size() < 100) {
                items.add(new RiskChecks.Item(type, text(r.value())));
            }
            if (errors.size() >= 100) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return items;
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).toPlainString();
        }
        return null;
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null || s.length() <= 50 ? s : s.substring(0, 50);
    }

    private static @Nullable Feedback parse(String result) {
        try {
            return Feedback.valueOf(result.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Instant at(String text) {
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @PostMapping("/check")
    CheckResults check(@RequestBody ItemsRequest request) {
        Actor actor = Actors.requirePermission(Permission.RISK_CHECK);
        List<RiskChecks.Item> items = items(request.items(), false);
        List<RiskChecks.Result> results = checks.check(items, LocaleContextHolder.getLocale());
        long listed = results.stream()
                .filter(r -> r.level() != null && r.level() != RiskLevel.NONE)
                .count();
        audit.record("CHECK", "risk_list", actor.name(), results.size() + " items, " + listed + " listed");
        return new CheckResults(results);
    }

    @GetMapping("/changes")
    Changes changes(
            @RequestParam(defaultValue = "0") String since, @RequestParam(required = false) @Nullable Integer limit) {
        Actor actor = bulkReader();
        long from;
        try {
            from = Long.parseLong(since.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("since", "error.riskSerial", clip(since));
        }
        int max = limit == null ? properties.maxChanges() : limit;
        if (from < 0 || max < 1 || max > properties.maxChanges()) {
            throw InvalidInput.of(
                    from < 0 ? "since" : "limit",
                    from < 0 ? "error.riskSerial" : "error.riskLimit",
                    from < 0 ? since : limit,
                    properties.maxChanges());
        }
        long latest = store.serial();
        List<RiskStore.Change> page = store.changes(from, max + 1);
        boolean more = page.size() > max;
        List<ChangeView> views = page.stream()
                .limit(max)
                .map(c -> new ChangeView(
                        c.serial(),
                        type(c.type()),
                        c.value(),
                        c.level(),
                        c.level().action(),
                        c.rule().code(),
                        c.at()))
                .toList();
        long next = views.isEmpty() ? from : views.get(views.size() - 1).serial();
        audit.record("CHANGES", "risk_list", actor.name(), views.size() + " changes after " + from);
        return new Changes(from, next, latest, more, views);
    }

    /**
     * The whole list (changes, snapshot, carrier numbers) goes to partner systems keeping a copy
     * and to the province; staff of a city or county check values one by one: the list names
     * the callers and accounts of cases all over the province.
     */
    private static Actor bulkReader() {
        Actor actor = Actors.requirePermission(Permission.RISK_CHECK);
        if (actor.isStaff() && actor.unitCode().length() > 2) {
            throw new Forbidden("problem.forbidden.riskBulk");
        }
        return actor;
    }

    static String type(IdentifierType type) {
        return RiskType.of(type).map(Enum::name).orElse(type.name());
    }

    /** Every entry above NONE (of one type, or all) as CSV, with the serial it shows in {@code X-Risk-Serial}. */
    @GetMapping("/snapshot")
    ResponseEntity<StreamingResponseBody> snapshot(@RequestParam(required = false) @Nullable String type) {
        Actor actor = bulkReader();
        RiskType t = null;
        if (type != null && !type.isBlank()) {
            t = RiskType.parse(type)
                    .filter(x -> !x.site())
                    .orElseThrow(() -> new InvalidInput("type", "error.riskListedType", clip(type)));
        }
        IdentifierType only = t == null ? null : t.identifier();
        long serial = store.serial();
        audit.record(
                "EXPORT",
                "risk_list",
                actor.name(),
                "snapshot " + (t == null ? "all types" : t.name()) + " at serial " + serial);
        StreamingResponseBody body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(
                    w,
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader("type", "value", "level", "action", "reason", "since")
                            .get());
            readOnly.executeWithoutResult(status -> store.listed(only, e -> {
                try {
                    csv.printRecord(
                            type(e.type()),
                            e.value(),
                            e.level(),
                            e.level().action(),
                            e.rule().code(),
                            e.levelSince());
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }));
            csv.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("X-Risk-Serial", Long.toString(serial))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"risk-"
                                + (t == null ? "all" : t.name().toLowerCase(Locale.ROOT)) + "-" + serial + ".csv\"")
                .body(body);
    }

    /**
     * For carriers: the VERY_HIGH phone numbers with what to do — INTERCEPT calls and SMS where a
     * reviewer confirmed the number, LABEL it (警示标注) where the rules alone put it there.
     */
    @GetMapping("/carrier/phones")
    ResponseEntity<StreamingResponseBody> carrierPhones() {
        Actor actor = bulkReader();
        long serial = store.serial();
        audit.record("EXPORT", "risk_list", actor.name(), "carrier phones at serial " + serial);
        StreamingResponseBody body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(
                    w,
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader("number", "action", "reason", "since")
                            .get());
            readOnly.executeWithoutResult(status -> store.listed(IdentifierType.PHONE, e -> {
                if (e.level() != RiskLevel.VERY_HIGH) {
                    return;
                }
                try {
                    csv.printRecord(
                            e.value(),
                            e.rule() == RiskRule.REVIEW ? "INTERCEPT" : "LABEL",
                            e.rule().code(),
                            e.levelSince());
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }));
            csv.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("X-Risk-Serial", Long.toString(serial))
                .body(body);
    }

    /** A partner's outcomes: declined, the customer confirmed fraud, the customer verified legitimate. */
    @PostMapping("/feedback")
    FeedbackResults feedback(@RequestBody ItemsRequest request) {
        Actor actor = Actors.requirePermission(Permission.RISK_CHECK);
        List<RiskChecks.Item> items = items(request.items(), true);
        List<RiskChecks.Result> parsed = checks.check(items, LocaleContextHolder.getLocale());
        List<Sighting> sightings = new ArrayList<>();
        List<FeedbackResult> results = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < items.size(); i++) {
            ItemRequest r = request.items().get(i);
            RiskChecks.Result p = parsed.get(i);
            if (!p.valid() || items.get(i).type().site()) {
                results.add(new FeedbackResult(
                        i, false, false, p.valid() ? "site" : p.reason(), p.valid() ? null : p.message()));
                continue;
            }
            Feedback f = parse(r.result());
            Instant at = r.at() == null ? now : at(r.at());
            String reference = r.reference() == null
                    ? f.name() + ":" + java.util.UUID.randomUUID()
                    : f.name() + ":" + r.reference().strip();
            sightings.add(new Sighting(
                    items.get(i).type(),
                    p.normalized(),
                    f.kind,
                    at.isAfter(now) ? now : at,
                    "PARTNER",
                    actor.id() + ":" + reference,
                    actor.name(),
                    null,
                    null,
                    false));
            results.add(new FeedbackResult(i, true, true, null, null));
        }
        int recorded = list.record(sightings);
        audit.record("FEEDBACK", "risk_list", actor.name(), results.size() + " items, " + recorded + " new sightings");
        return new FeedbackResults(recorded, results);
    }
}
