package org.fanzha.contact.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How fast people were reached: {@code GET /api/v1/contact/reach?unit=&from=&to=} (performance:read, own subtree). */
@RestController
class ReachController {

    static final int MAX_DAYS = 366;

    private final ReachReport reports;

    ReachController(ReachReport reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/contact/reach")
    ReachReport.Report reach(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        List<FieldError> errors = new ArrayList<>();
        String code = unit.isBlank() ? actor.unitCode() : unit.strip();
        if (!code.matches("[0-9]{2,12}")) {
            errors.add(FieldError.of("unit", "error.wrongForm", code.length() > 12 ? null : code));
        }
        LocalDate today = FactSource.day(java.time.Instant.now());
        LocalDate end = date("to", to, today, errors);
        LocalDate start = date("from", from, end.minusDays(29), errors);
        if (errors.isEmpty() && (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end))) {
            errors.add(FieldError.of("from", "error.periodRange", from, MAX_DAYS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!actor.covers(code)) {
            throw new Forbidden("problem.forbidden.outsideJurisdiction");
        }
        return reports.report(code, start, end);
    }

    private static LocalDate date(String field, String text, LocalDate otherwise, List<FieldError> errors) {
        if (text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "error.wrongForm", text.length() > 20 ? null : text));
            return otherwise;
        }
    }
}
