package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseProperties;
import org.fanzha.cases.CaseStatus;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Filing and working cases: validation field by field, the filing unit within the actor's
 * subtree, status changes as explicit actions, identifiers that link cases the moment they are
 * saved, suspects. Personal data of victims is masked in every view.
 */
@Service
class CaseFiles {

    static class CaseNotFound extends ProblemException {
        CaseNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "case-not-found",
                    "problem.caseNotFound.title",
                    "problem.caseNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static class NumberTaken extends ProblemException {
        NumberTaken(String number) {
            super(
                    HttpStatus.CONFLICT,
                    "case-number-taken",
                    "problem.caseNumberTaken.title",
                    "problem.caseNumberTaken.detail",
                    args(number),
                    java.util.Map.of());
        }
    }

    static class IllegalCaseTransition extends ProblemException {
        IllegalCaseTransition(CaseStatus from, CaseStatus to) {
            super(
                    HttpStatus.CONFLICT,
                    "illegal-case-transition",
                    "problem.wrongState.title",
                    "problem.caseTransition.detail",
                    args(
                            org.fanzha.platform.Texts.key("case.status." + from),
                            org.fanzha.platform.Texts.key("case.status." + to)),
                    java.util.Map.of());
        }
    }

    record Victim(
            @Nullable String name,
            @Nullable String phone,
            @Nullable String idNumber,
            @Nullable String address) {}

    record IdentifierInput(@Nullable String type, @Nullable String value) {}

    record CaseRequest(
            @Nullable String caseNumber,
            @Nullable String fraudType,
            @Nullable Victim victim,
            @Nullable Object lossAmount,
            @Nullable String occurredAt,
            @Nullable String divisionCode,
            @Nullable String unitCode,
            @Nullable List<@Nullable IdentifierInput> identifiers) {}

    /** A case as users see it: the victim masked. */
    record CaseView(
            long id,
            @Nullable String caseNumber,
            FraudType fraudType,
            CaseStatus status,
            Victim victim,
            BigDecimal lossAmount,
            Instant occurredAt,
            Instant acceptedAt,
            @Nullable Instant filedAt,
            @Nullable Instant solvedAt,
            @Nullable String divisionCode,
            String unitCode,
            @Nullable String solvingUnit,
            @Nullable Long warningId,
            List<CaseStore.Ident> identifiers) {}

    record CaseDetail(
            CaseView fraudCase, List<CaseStore.Event> timeline, List<CaseStore.Suspect> suspects, int related) {}

    private final CaseStore store;
    private final CaseProperties properties;
    private final Divisions divisions;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Pattern> numberPatterns;
    private final CardRegistry cards;

    CaseFiles(
            CaseStore store,
            CaseProperties properties,
            Divisions divisions,
            AuditLog audit,
            Clock clock,
            CardRegistry cards,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.cards = cards;
        this.store = store;
        this.properties = properties;
        this.divisions = divisions;
        this.audit = audit;
        this.clock = clock;
        this.numberPatterns =
                properties.numberPatterns().stream().map(Pattern::compile).toList();
    }

    private final org.springframework.context.ApplicationEventPublisher events;

    static String by(Actor actor) {
        return (actor.kind() == Actor.Kind.PARTNER ? "partner:" : "") + actor.name();
    }

    CaseView view(CaseStore.FraudCase c) {
        return new CaseView(
                c.id(),
                c.caseNumber(),
                c.fraudType(),
                c.status(),
                new Victim(
                        Masking.name(c.victimName()),
                        Masking.phone(c.victimPhone()),
                        Masking.idNumber(c.victimIdNumber()),
                        Masking.address(c.victimAddress())),
                c.lossAmount(),
                c.occurredAt(),
                c.acceptedAt(),
                c.filedAt(),
                c.solvedAt(),
                c.divisionCode(),
                c.unitCode(),
                c.solvingUnit(),
                c.warningId(),
                store.identifiers(c.id()));
    }

    private void checkNumber(String number, List<FieldError> errors) {
        if (numberPatterns.stream().noneMatch(p -> p.matcher(number).matches())) {
            errors.add(new FieldError("caseNumber", "error.caseNumberPattern", number));
        }
    }

    @Transactional
    CaseView file(CaseRequest r, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        String number =
                blank(r.caseNumber()) == null ? null : r.caseNumber().strip().toUpperCase(Locale.ROOT);
        if (number != null) {
            checkNumber(number, errors);
        }
        FraudType type = null;
        try {
            type = r.fraudType() == null
                    ? null
                    : FraudType.valueOf(r.fraudType().strip());
        } catch (IllegalArgumentException e) {
            // below
        }
        if (type == null) {
            errors.add(new FieldError("fraudType", "error.fraudTypeCode", r.fraudType()));
        }
        BigDecimal loss = amount(r.lossAmount(), errors);
        Instant occurred = null;
        Instant now = clock.instant();
        try {
            occurred = r.occurredAt() == null
                    ? null
                    : OffsetDateTime.parse(r.occurredAt()).toInstant();
        } catch (DateTimeParseException e) {
            // below
        }
        if (occurred == null || occurred.isAfter(now.plusSeconds(86_400))) {
            errors.add(new FieldError("occurredAt", "error.timeWithOffsetNotInFuture", r.occurredAt()));
        }
        Victim v = r.victim() == null ? new Victim(null, null, null, null) : r.victim();
        String phone = null;
        if (blank(v.phone()) != null) {
            try {
                phone = national(
                        Identifiers.normalise(IdentifierType.PHONE, v.phone()).value());
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("victim.phone", null));
            }
        }
        String idNumber = null;
        if (blank(v.idNumber()) != null) {
            try {
                idNumber = Identifiers.normalise(IdentifierType.ID_NUMBER, v.idNumber())
                        .value();
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("victim.idNumber", null));
            }
        }
        if (v.name() != null && v.name().length() > 50) {
            errors.add(new FieldError("victim.name", "error.atMost50Characters", null));
        }
        if (v.address() != null && v.address().length() > 200) {
            errors.add(new FieldError("victim.address", "error.atMost200Characters", null));
        }
        String division = null;
        if (blank(r.divisionCode()) != null) {
            try {
                division = divisions.get(r.divisionCode().strip()).code();
            } catch (RuntimeException e) {
                errors.add(new FieldError("divisionCode", "error.divisionCodeProvince", r.divisionCode()));
            }
        }
        String unit = blank(r.unitCode()) != null
                ? r.unitCode().strip()
                : division != null ? unitOf(division) : actor.unitCode();
        if (divisions.find(unit).filter(d -> d.unit()).isEmpty()) {
            errors.add(new FieldError("unitCode", "error.unit", unit));
        } else if (!actor.covers(unit)) {
            errors.add(FieldError.of("unitCode", "error.unitOfJurisdiction", unit, actor.unitCode()));
        }
        List<Identifiers.Identifier> idents = identifiers(r.identifiers(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (number != null && store.numberTaken(number)) {
            throw new NumberTaken(number);
        }
        CaseStatus status = number == null ? CaseStatus.ACCEPTED : CaseStatus.FILED;
        long id = store.insert(
                new CaseStore.FraudCase(
                        0,
                        number,
                        type,
                        status,
                        blank(v.name()),
                        phone,
                        idNumber,
                        blank(v.address()),
                        loss,
                        occurred,
                        now,
                        status == CaseStatus.FILED ? now : null,
                        null,
                        division,
                        unit,
                        null,
                        null,
                        by(actor)),
                now);
        // a new case: its identifiers (repeats dropped) in one batch; they link it the moment it commits
        var distinct = new java.util.LinkedHashMap<String, Identifiers.Identifier>();
        idents.forEach(i -> distinct.putIfAbsent(i.type() + " " + i.value(), i));
        store.addIdentifiers(id, List.copyOf(distinct.values()), by(actor), now);
        for (var ident : distinct.values()) {
            cards.fromCase(id, ident.type(), ident.value(), ident.detail(), now);
        }
        store.event(id, now, by(actor), status.name(), number == null ? "受案" : "立案 " + number);
        audit.record("CREATE", "case", Long.toString(id), status + " " + type + " " + unit);
        events.publishEvent(new org.fanzha.cases.CaseFiled(id));
        return view(store.find(id).orElseThrow());
    }

    /** The unit that covers a division: the division itself if it is a unit, else its nearest unit above. */
    private String unitOf(String division) {
        String code = division;
        while (code != null) {
            var d = divisions.find(code);
            if (d.isPresent() && d.get().unit()) {
                return d.get().code();
            }
            code = d.map(x -> x.parentCode()).orElse(null);
        }
        return division;
    }

    private static BigDecimal amount(@Nullable Object raw, List<FieldError> errors) {
        if (raw == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal a = new BigDecimal(raw.toString().strip());
            if (a.signum() < 0 || a.scale() > 2 || a.compareTo(new BigDecimal("99999999999999.99")) > 0) {
                throw new NumberFormatException();
            }
            return a.setScale(2);
        } catch (NumberFormatException e) {
            errors.add(new FieldError("lossAmount", "error.amountInYuanAtMostTwo", raw.toString()));
            return BigDecimal.ZERO;
        }
    }

    private static List<Identifiers.Identifier> identifiers(
            @Nullable List<@Nullable IdentifierInput> inputs, List<FieldError> errors) {
        List<Identifiers.Identifier> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        if (inputs.size() > 500) {
            errors.add(new FieldError("identifiers", "error.atMost500Identifiers", inputs.size()));
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            IdentifierInput in = inputs.get(i);
            if (in == null) {
                errors.add(new FieldError("identifiers[" + i + "]", "error.null", null));
                continue;
            }
            IdentifierType type;
            try {
                type = IdentifierType.valueOf(in.type() == null ? "" : in.type().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("identifiers[" + i + "].type", "error.identifierType", in.type()));
                continue;
            }
            try {
                out.add(Identifiers.normalise(type, in.value() == null ? "" : in.value()));
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("identifiers[" + i + "].value", null));
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    CaseStore.FraudCase visible(long id, Actor actor) {
        return store.find(id).filter(c -> actor.covers(c.unitCode())).orElseThrow(() -> new CaseNotFound(id));
    }

    @Transactional(readOnly = true)
    CaseDetail detail(long id, Actor actor) {
        var c = visible(id, actor);
        return new CaseDetail(
                view(c),
                store.events(id),
                store.suspects(id).stream().map(CaseStore.Suspect::masked).toList(),
                store.related(id).size());
    }

    @Transactional
    CaseView transition(
            long id,
            CaseStatus target,
            @Nullable String number,
            @Nullable String solvingUnit,
            @Nullable String note,
            Actor actor) {
        var c = store.forUpdate(id).filter(x -> actor.covers(x.unitCode())).orElseThrow(() -> new CaseNotFound(id));
        if (!c.status().next().contains(target)) {
            throw new IllegalCaseTransition(c.status(), target);
        }
        String n = blank(number) == null ? null : number.strip().toUpperCase(Locale.ROOT);
        if (target == CaseStatus.FILED) {
            if (n == null && c.caseNumber() == null) {
                throw new InvalidInput("caseNumber", "error.caseNumberFilingNeedsOne", null);
            }
            if (n != null) {
                List<FieldError> errors = new ArrayList<>();
                checkNumber(n, errors);
                if (!errors.isEmpty()) {
                    throw new InvalidInput(errors);
                }
                if (!n.equals(c.caseNumber()) && store.numberTaken(n)) {
                    throw new NumberTaken(n);
                }
            }
        }
        String solver = null;
        if (target == CaseStatus.SOLVED) {
            solver = blank(solvingUnit) == null ? actor.unitCode() : solvingUnit.strip();
            if (divisions.find(solver).filter(d -> d.unit()).isEmpty()) {
                throw new InvalidInput("solvingUnit", "error.unit", solvingUnit);
            }
        }
        if (target == CaseStatus.WITHDRAWN && blank(note) == null) {
            throw new InvalidInput("note", "error.whyCaseWithdrawn", null);
        }
        Instant now = clock.instant();
        store.status(id, target, target == CaseStatus.FILED ? n : null, solver, now);
        store.event(id, now, by(actor), target.name(), note == null ? (solver == null ? n : "破案单位 " + solver) : note);
        audit.record(target.name(), "case", Long.toString(id), c.status() + " → " + target);
        if (target == CaseStatus.WITHDRAWN) {
            events.publishEvent(new org.fanzha.cases.CaseWithdrawn(id));
        }
        return view(store.find(id).orElseThrow());
    }

    @Transactional
    CaseView addIdentifiers(long id, List<@Nullable IdentifierInput> inputs, Actor actor) {
        var c = visible(id, actor);
        List<FieldError> errors = new ArrayList<>();
        var idents = identifiers(inputs, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        boolean added = false;
        for (var ident : idents) {
            if (store.addIdentifier(id, ident.type(), ident.value(), ident.detail(), by(actor), now)) {
                store.event(id, now, by(actor), "IDENTIFIER", ident.type() + " " + ident.value());
                cards.fromCase(id, ident.type(), ident.value(), ident.detail(), now);
                added = true;
            }
        }
        if (added) {
            events.publishEvent(new org.fanzha.cases.CaseIdentifiersAdded(id));
        }
        audit.record("UPDATE", "case", Long.toString(id), idents.size() + " identifiers");
        return view(store.find(c.id()).orElseThrow());
    }

    record SuspectRequest(
            @Nullable String name,
            @Nullable String idNumber,
            @Nullable String phone,
            @Nullable String arrestedAt,
            @Nullable String arrestingUnit,
            @Nullable String note) {}

    @Transactional
    CaseStore.Suspect addSuspect(long id, SuspectRequest r, Actor actor) {
        visible(id, actor);
        List<FieldError> errors = new ArrayList<>();
        if (blank(r.name()) == null || r.name().length() > 50) {
            errors.add(new FieldError("name", "error.suspectNameAtMost50Characters", null));
        }
        String idNumber = null;
        if (blank(r.idNumber()) != null) {
            try {
                idNumber = Identifiers.normalise(IdentifierType.ID_NUMBER, r.idNumber())
                        .value();
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("idNumber", null));
            }
        }
        String phone = null;
        if (blank(r.phone()) != null) {
            try {
                phone = national(
                        Identifiers.normalise(IdentifierType.PHONE, r.phone()).value());
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("phone", null));
            }
        }
        Instant arrested = null;
        if (blank(r.arrestedAt()) != null) {
            try {
                arrested = OffsetDateTime.parse(r.arrestedAt()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("arrestedAt", "error.timeWithOffset", r.arrestedAt()));
            }
        }
        String unit = blank(r.arrestingUnit());
        if (unit != null && divisions.find(unit).filter(d -> d.unit()).isEmpty()) {
            errors.add(new FieldError("arrestingUnit", "error.unit", unit));
        }
        if (r.note() != null && r.note().length() > 1000) {
            errors.add(new FieldError("note", "error.atMost1000Characters2", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        var suspect = new CaseStore.Suspect(0, r.name().strip(), idNumber, phone, arrested, unit, blank(r.note()));
        long sid = store.addSuspect(id, suspect, by(actor), now);
        store.event(id, now, by(actor), "SUSPECT", Masking.name(suspect.name()) + (arrested == null ? "" : "，已抓获"));
        audit.record("CREATE", "case_suspect", Long.toString(sid), "case " + id);
        return store.suspects(id).stream()
                .filter(x -> x.id() == sid)
                .findFirst()
                .orElseThrow()
                .masked();
    }

    @Transactional(readOnly = true)
    List<CaseStore.Link> related(long id, Actor actor) {
        visible(id, actor);
        return store.related(id).stream().map(l -> l.scopedTo(actor)).toList();
    }

    @Transactional(readOnly = true)
    Map<String, Object> carrying(String type, String value, Actor actor) {
        IdentifierType t = identifierType(type);
        Identifiers.Identifier ident;
        try {
            ident = Identifiers.normalise(t, value);
        } catch (Identifiers.InvalidIdentifier e) {
            throw e.asInput("value", null);
        }
        var reason = store.nonLinkingReason(t, ident.value());
        return Map.of(
                "type",
                t,
                "value",
                ident.value(),
                "detail",
                ident.detail(),
                "nonLinking",
                reason.orElse(""),
                "cases",
                store.carriers(t, ident.value()),
                "carriedBy",
                store.carrying(t, ident.value(), 500).stream()
                        .map(l -> l.scopedTo(actor))
                        .toList());
    }

    @Transactional
    void nonLinking(String type, String value, @Nullable String reason, Actor actor) {
        IdentifierType t = identifierType(type);
        Identifiers.Identifier ident;
        try {
            ident = Identifiers.normalise(t, value);
        } catch (Identifiers.InvalidIdentifier e) {
            throw e.asInput("value", null);
        }
        if (blank(reason) == null || reason.length() > 500) {
            throw new InvalidInput("reason", "error.whyItTooCommonLinkCases", null);
        }
        store.markNonLinking(t, ident.value(), reason.strip(), by(actor), clock.instant());
        audit.record("NON_LINKING", "identifier", t + ":" + ident.value(), reason.strip());
    }

    static IdentifierType identifierType(String type) {
        try {
            return IdentifierType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "error.identifierType", type.length() > 30 ? type.substring(0, 30) : type);
        }
    }

    /** A person's Chinese number as warnings hold it (11 digits); foreign numbers stay in E.164. */
    static String national(String e164) {
        return e164.startsWith("+86") ? e164.substring(3) : e164;
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
