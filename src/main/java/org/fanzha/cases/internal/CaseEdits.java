package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseStatus;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections of a case's facts (loss, time, place), each kept in the case's history with what it
 * was and what it became, and the link between a case and the warning whose person it concerns.
 */
@Service
class CaseEdits {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final BigDecimal MAX_LOSS = new BigDecimal("99999999999999.99");

    private final CaseStore store;
    private final CaseFiles files;
    private final Divisions divisions;
    private final WarningDesk warnings;
    private final AuditLog audit;
    private final Clock clock;

    CaseEdits(
            CaseStore store, CaseFiles files, Divisions divisions, WarningDesk warnings, AuditLog audit, Clock clock) {
        this.store = store;
        this.files = files;
        this.divisions = divisions;
        this.warnings = warnings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The facts to correct; a field left out (null or blank) stays as it is. The note says why. */
    record FactsRequest(
            @Nullable String lossAmount,
            @Nullable String occurredAt,
            @Nullable String divisionCode,
            @Nullable String note) {}

    static final class CaseClosed extends ProblemException {
        CaseClosed(long id) {
            super(
                    HttpStatus.CONFLICT,
                    "case-withdrawn",
                    "problem.wrongState.title",
                    "problem.case.withdrawn",
                    args(id),
                    java.util.Map.of());
        }
    }

    static final class WarningTaken extends ProblemException {
        WarningTaken(long warningId, long caseId) {
            super(
                    HttpStatus.CONFLICT,
                    "warning-linked",
                    "problem.wrongState.title",
                    "problem.case.warningLinked",
                    args(warningId, caseId),
                    java.util.Map.of("caseId", caseId));
        }
    }

    /** Corrects the facts given and records each change (old → new) in the case's history. */
    @Transactional
    CaseFiles.CaseView correct(long id, FactsRequest r, Actor actor) {
        CaseStore.FraudCase c = files.visible(id, actor);
        List<FieldError> errors = new ArrayList<>();
        BigDecimal loss = loss(r.lossAmount(), errors);
        Instant occurred = occurred(r.occurredAt(), errors);
        String division = division(r.divisionCode(), errors);
        String note = r.note() == null ? "" : r.note().strip();
        if (note.length() > 500) {
            errors.add(FieldError.of("note", "error.maxChars", null, 500));
        }
        if (loss == null && occurred == null && division == null && errors.isEmpty()) {
            errors.add(FieldError.of("lossAmount", "error.case.nothingToCorrect", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (c.status() == CaseStatus.WITHDRAWN) {
            throw new CaseClosed(id);
        }
        List<String> changes = new ArrayList<>();
        if (loss != null && loss.compareTo(c.lossAmount()) != 0) {
            changes.add("损失金额 " + yuan(c.lossAmount()) + " → " + yuan(loss));
        }
        if (occurred != null && !occurred.equals(c.occurredAt())) {
            changes.add("发案时间 " + time(c.occurredAt()) + " → " + time(occurred));
        }
        if (division != null && !division.equals(c.divisionCode())) {
            changes.add("发案地 " + place(c.divisionCode()) + " → " + place(division));
        }
        if (changes.isEmpty()) {
            return files.view(c);
        }
        Instant now = clock.instant();
        store.correct(
                id,
                loss == null ? c.lossAmount() : loss,
                occurred == null ? c.occurredAt() : occurred,
                division == null ? c.divisionCode() : division,
                now);
        String text = String.join("；", changes) + (note.isEmpty() ? "" : "（" + note + "）");
        store.event(id, now, CaseFiles.by(actor), "CORRECTED", text);
        audit.record("UPDATE", "case", Long.toString(id), text);
        return files.view(store.find(id).orElseThrow());
    }

    /**
     * Links the case to the warning whose person it concerns (a warning closed as defrauded, or
     * persisting, of the jurisdiction), once: each side then leads to the other.
     */
    @Transactional
    CaseFiles.CaseView linkWarning(long id, @Nullable Long warningId, Actor actor) {
        CaseStore.FraudCase c = files.visible(id, actor);
        if (warningId == null || warningId < 1) {
            throw InvalidInput.of("warningId", "error.required", warningId);
        }
        var w = warnings.summary(warningId)
                .filter(s -> actor.covers(s.unitCode()))
                .orElseThrow(() -> InvalidInput.of("warningId", "error.noSuchWarningInYourJurisdiction", warningId));
        if (w.state() != WarningState.CLOSED
                || (w.outcome() != Outcome.ALREADY_DEFRAUDED && w.outcome() != Outcome.PERSISTS)) {
            throw InvalidInput.of("warningId", "error.case.warningNotDefrauded", warningId);
        }
        if (Objects.equals(c.warningId(), warningId)) {
            return files.view(c);
        }
        var other = store.byWarning(warningId);
        if (other.isPresent()) {
            throw new WarningTaken(warningId, other.get());
        }
        if (c.warningId() != null) {
            throw InvalidInput.of("warningId", "error.case.hasWarning", warningId, c.warningId());
        }
        Instant now = clock.instant();
        store.linkWarning(id, warningId, now);
        store.event(id, now, CaseFiles.by(actor), "WARNING_LINKED", "预警 " + warningId);
        audit.record("UPDATE", "case", Long.toString(id), "linked to warning " + warningId);
        return files.view(store.find(id).orElseThrow());
    }

    private static @Nullable BigDecimal loss(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal a = new BigDecimal(raw.strip().replace(",", ""));
            if (a.signum() < 0 || a.scale() > 2 || a.compareTo(MAX_LOSS) > 0) {
                throw new NumberFormatException();
            }
            return a.setScale(2);
        } catch (NumberFormatException e) {
            errors.add(new FieldError("lossAmount", "error.amountInYuanAtMostTwo", clip(raw)));
            return null;
        }
    }

    /** A time with its offset (the API) or as the page's date-time field gives it, in Beijing time. */
    private @Nullable Instant occurred(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                t = LocalDateTime.parse(raw.strip()).atZone(CHINA).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "error.timeWithOffsetEG2021", clip(raw)));
                return null;
            }
        }
        if (t.isAfter(clock.instant().plusSeconds(300))) {
            errors.add(new FieldError("occurredAt", "error.inFuture", clip(raw)));
            return null;
        }
        return t;
    }

    private @Nullable String division(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var d = divisions.find(raw.strip());
        if (d.isEmpty()) {
            errors.add(new FieldError("divisionCode", "error.divisionCodeProvince", clip(raw)));
            return null;
        }
        return d.get().code();
    }

    private String place(@Nullable String code) {
        return code == null
                ? "—"
                : divisions.find(code).map(d -> d.name() + "（" + code + "）").orElse(code);
    }

    private static final org.fanzha.platform.web.TemplateFigures FIGURES =
            new org.fanzha.platform.web.TemplateFigures();

    private static String yuan(BigDecimal amount) {
        return FIGURES.yuan(amount) + " 元";
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA).format(at);
    }

    private static String clip(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) : raw;
    }
}
