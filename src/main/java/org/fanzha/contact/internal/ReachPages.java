package org.fanzha.contact.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** 触达时效: how fast a unit's people were tried and reached, per channel, for a period (the page of {@code /api/v1/contact/reach}). */
@Controller
class ReachPages {

    private final ReachReport reports;
    private final Divisions divisions;

    ReachPages(ReachReport reports, Divisions divisions) {
        this.reports = reports;
        this.divisions = divisions;
    }

    @GetMapping("/contact/reach")
    @PreAuthorize("hasAuthority('performance:read')")
    String reach(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        String code = unit.isBlank() ? actor.unitCode() : unit.strip();
        var division = divisions.find(code).filter(d -> actor.covers(d.code()));
        if (division.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        LocalDate today = FactSource.day(java.time.Instant.now());
        LocalDate end = parse(to, today);
        LocalDate start = parse(from, end.minusDays(29));
        if (start.isAfter(end) || start.plusDays(ReachController.MAX_DAYS).isBefore(end)) {
            start = end.minusDays(29);
        }
        model.addAttribute("unit", division.get());
        model.addAttribute(
                "children",
                divisions.children(code).stream().filter(d -> d.unit()).toList());
        model.addAttribute("report", reports.report(code, start, end));
        return "contact/reach";
    }

    private static LocalDate parse(String text, LocalDate otherwise) {
        try {
            return text.isBlank() ? otherwise : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
