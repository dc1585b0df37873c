package org.fanzha.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.fanzha.divisions.Divisions;
import org.fanzha.hotline.TaskKind;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The community officer's phone page (390 px wide): today's visits, the nearest first once the
 * phone shares where it is (distance to where earlier visits in the village were recorded; a
 * village never visited yet comes after, soonest due first), each with the person's masked
 * number, the audited reveal to call them, and one form for arrived (time and GPS), outcome and
 * photo.
 */
@Controller
class OfficerPages {

    private final TaskStore tasks;
    private final WarningDesk desk;
    private final Divisions divisions;
    private final Clock clock;

    OfficerPages(TaskStore tasks, WarningDesk desk, Divisions divisions, Clock clock) {
        this.tasks = tasks;
        this.desk = desk;
        this.divisions = divisions;
        this.clock = clock;
    }

    /** A visit as the phone shows it. */
    record Visit(
            long id,
            WarningSummary warning,
            Instant dueAt,
            boolean overdue,
            String place,
            @Nullable Double distanceKm,
            boolean mine) {}

    @GetMapping("/m/visits")
    @PreAuthorize("hasAuthority('warnings:work')")
    @Transactional(readOnly = true)
    String visits(
            @RequestParam(required = false) @Nullable Double lat,
            @RequestParam(required = false) @Nullable Double lon,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        List<HotlineTask> mine = tasks.visitsOf(actor.name(), 100);
        List<HotlineTask> unit = tasks.unassignedVisits(actor.unitCode(), 100);
        boolean located = lat != null && lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
        List<String> places = new ArrayList<>();
        mine.forEach(t -> places.add(String.valueOf(t.routeDivision())));
        Map<String, double[]> positions = tasks.positions(places);
        Instant now = clock.instant();
        List<Visit> shown = new ArrayList<>();
        for (HotlineTask t : mine) {
            shown.add(visit(t, true, located ? distance(positions.get(t.routeDivision()), lat, lon) : null, now));
        }
        for (HotlineTask t : unit) {
            shown.add(visit(t, false, null, now));
        }
        shown.sort(Comparator.comparing((Visit v) -> !v.mine())
                .thenComparing(v -> v.distanceKm() == null ? Double.MAX_VALUE : v.distanceKm())
                .thenComparing(Visit::dueAt));
        model.addAttribute("visits", shown);
        model.addAttribute("located", located);
        model.addAttribute(
                "now",
                LocalDateTime.ofInstant(now, ZoneId.of("Asia/Shanghai"))
                        .withSecond(0)
                        .withNano(0));
        return "hotline/mobile";
    }

    private Visit visit(HotlineTask t, boolean mine, @Nullable Double distance, Instant now) {
        WarningSummary warning =
                desk.summary(t.warningId()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String code = t.routeDivision() == null ? t.unitCode() : t.routeDivision();
        String place = divisions.find(code).map(d -> d.name()).orElse(code);
        return new Visit(t.id(), warning, t.dueAt(), t.dueAt().isBefore(now), place, distance, mine);
    }

    /** Great-circle distance in km from the phone to a known position, or null when there is none. */
    static @Nullable Double distance(double @Nullable [] at, @Nullable Double lat, @Nullable Double lon) {
        if (at == null || lat == null || lon == null) {
            return null;
        }
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(at[0]);
        double dp = p2 - p1;
        double dl = Math.toRadians(at[1] - lon);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** The person's number in full, to call them before knocking: audited as a full view. */
    @PostMapping("/m/visits/{id}/reveal")
    @PreAuthorize("hasAuthority('warnings:work')")
    @Transactional
    String reveal(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Double lat,
            @RequestParam(required = false) @Nullable Double lon,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        HotlineTask task = tasks.find(id)
                .filter(t -> t.kind() == TaskKind.VISIT && actor.covers(t.unitCode()))
                .filter(t -> t.assignedTo() == null || t.assignedTo().equals(actor.name()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        redirect.addFlashAttribute("revealedTask", id);
        redirect.addFlashAttribute("revealedPhone", desk.phoneToCall(task.warningId(), "visit task " + id));
        // back to the list as it was sorted
        String near = lat != null && lon != null ? "?lat=" + lat + "&lon=" + lon : "";
        return "redirect:/m/visits" + near + "#visit-" + id;
    }
}
