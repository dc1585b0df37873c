package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.DivisionNotFound;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.PerformanceProperties.Scheme;
import org.fanzha.performance.Period;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Indicators, scores, the ranking, adjustments and the dashboard's figures. */
@RestController
@RequestMapping("/api/v1/performance")
class PerformanceController {

    private final Indicators indicators;
    private final Scores scores;
    private final Rollups rollups;
    private final Divisions divisions;
    private final Dashboard dashboard;
    private final java.time.Clock clock;

    PerformanceController(
            Indicators indicators,
            Scores scores,
            Rollups rollups,
            Divisions divisions,
            Dashboard dashboard,
            java.time.Clock clock) {
        this.clock = clock;
        this.indicators = indicators;
        this.scores = scores;
        this.rollups = rollups;
        this.divisions = divisions;
        this.dashboard = dashboard;
    }

    record Report(
            String unitCode,
            String name,
            String period,
            LocalDate from,
            LocalDate to,
            String yearBefore,
            String previous,
            List<Indicators.Value> indicators,
            List<String> absent) {}

    record AdjustmentRequest(
            @Nullable String unitCode,
            @Nullable LocalDate effectiveOn,
            @Nullable BigDecimal points,
            @Nullable String reason,
            @Nullable String evidence) {}

    static Period period(@Nullable String label) {
        if (label == null || label.isBlank()) {
            throw new InvalidInput(List.of(new FieldError("period", "error.required202106012021W22", null)));
        }
        if (label.length() > 30) {
            throw new InvalidInput(List.of(new FieldError("period", "error.tooLong", label.substring(0, 30))));
        }
        try {
            return Period.parse(label);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError("period", e.getMessage() + "", label)));
        }
    }

    /**
     * The unit if the actor may see its figures: its own subtree, and the province and city-level
     * units, whose figures the bulletin publishes to all; other units answer 404.
     */
    Division visible(@Nullable String code, Actor actor) {
        String c = code == null || code.isBlank() ? actor.unitCode() : code;
        if (c.length() > 12 || !c.chars().allMatch(Character::isDigit)) {
            throw new InvalidInput(
                    List.of(new FieldError("unit", "error.divisionCode", c.length() > 12 ? c.substring(0, 12) : c)));
        }
        Division d = divisions.find(c).orElseThrow(() -> new DivisionNotFound(c));
        boolean published = d.level() == DivisionLevel.PROVINCE || d.level() == DivisionLevel.CITY;
        if (!actor.covers(d.code()) && !published) {
            throw new DivisionNotFound(c);
        }
        return d;
    }

    /** Every indicator of a unit (its subtree included) for a period, with 同比 and 环比. */
    @GetMapping("/indicators")
    Report indicators(
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String period) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        Division d = visible(unit, actor);
        Period p = period(period);
        List<Indicators.Value> values = indicators.report(d.code(), p);
        List<String> absent = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (values.stream().noneMatch(v -> v.indicator() == i)) {
                absent.add(i.name());
            }
        }
        return new Report(
                d.code(),
                d.name(),
                p.label(),
                p.from(),
                p.to(),
                p.yearBefore().label(),
                p.previous().label(),
                values,
                absent);
    }

    /** The ranking of the city-level units, or of the counties of one city (level=county&parent=4101). */
    @GetMapping("/ranking")
    Scores.Ranking ranking(
            @RequestParam(defaultValue = "city") String level,
            @RequestParam(required = false) @Nullable String parent,
            @RequestParam(required = false) @Nullable String period) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        Period p = period(period);
        if ("county".equals(level)) {
            Division city = visible(parent, actor);
            if (!actor.covers(city.code())) {
                throw new DivisionNotFound(city.code());
            }
            return scores.ranking(level, city.code(), p);
        }
        return scores.ranking(level, null, p);
    }

    /** One unit's score explained indicator by indicator, with the adjustments apart. */
    @GetMapping("/scores/{unit}")
    Map<String, Object> score(@PathVariable String unit, @RequestParam(required = false) @Nullable String period) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        Division d = visible(unit, actor);
        Period p = period(period);
        String level = d.level() == DivisionLevel.CITY ? "city" : d.level() == DivisionLevel.COUNTY ? "county" : null;
        if (level == null) {
            throw new InvalidInput(List.of(new FieldError("unit", "error.scoresAreKeptForCityLevel", unit)));
        }
        List<Division> peers = scores.peers(level, "county".equals(level) ? d.parentCode() : null);
        Scores.Score score = scores.scores(peers, p).stream()
                .filter(s -> s.unitCode().equals(d.code()))
                .findFirst()
                .orElseThrow(() -> new DivisionNotFound(unit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", p.label());
        out.put("scheme", scores.scheme().name());
        out.put("peers", peers.size());
        out.put("score", score);
        return out;
    }

    @GetMapping("/scheme")
    Scheme scheme() {
        Actors.requirePermission(Permission.PERFORMANCE_READ);
        return scores.scheme();
    }

    @GetMapping("/adjustments")
    List<Scores.Adjustment> adjustments(@RequestParam(required = false) @Nullable String period) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        Period p = period(period);
        List<String> units = new ArrayList<>();
        divisions.atLevel(DivisionLevel.CITY).forEach(c -> units.add(c.code()));
        divisions.atLevel(DivisionLevel.COUNTY).stream()
                .filter(c -> actor.covers(c.code()))
                .forEach(c -> units.add(c.code()));
        return scores.adjustments(units, p).values().stream()
                .flatMap(List::stream)
                .toList();
    }

    /** 加减分 by a province commander, with reason and evidence; audited. */
    @PostMapping("/adjustments")
    ResponseEntity<Scores.Adjustment> adjust(@RequestBody AdjustmentRequest request) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_ADJUST);
        List<FieldError> missing = new ArrayList<>();
        if (request.unitCode() == null) {
            missing.add(new FieldError("unitCode", "error.required", null));
        }
        if (request.effectiveOn() == null) {
            missing.add(new FieldError("effectiveOn", "error.requiredDayItCountsForLike", null));
        }
        if (request.points() == null) {
            missing.add(new FieldError("points", "error.required", null));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput(missing);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(scores.adjust(
                        request.unitCode(),
                        request.effectiveOn(),
                        request.points(),
                        request.reason() == null ? "" : request.reason(),
                        request.evidence() == null ? "" : request.evidence(),
                        actor));
    }

    /** Recomputes every total from the facts (after a change of the facts' rules, or a restore). */
    @PostMapping("/rebuild")
    Map<String, Object> rebuild() {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_ADJUST);
        if (!indicators.isProvince(actor.unitCode())) {
            throw new org.fanzha.platform.Forbidden("problem.forbidden.provinceRebuilds");
        }
        long started = System.nanoTime();
        rollups.rebuild();
        return Map.of("rebuilt", true, "millis", (System.nanoTime() - started) / 1_000_000);
    }

    /** The dashboard's figures for a unit: today, this week, this year, the map, trends, fraud types, ranking. */
    @GetMapping("/dashboard")
    Dashboard.View dashboard(
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(defaultValue = "casesPer10k") String indicator) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        Division d = visible(unit, actor);
        Indicator i;
        try {
            i = Indicator.valueOf(indicator);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(
                    "indicator",
                    "error.oneIndicatorKeys",
                    indicator.length() > 40 ? indicator.substring(0, 40) : indicator)));
        }
        return dashboard.view(d, i, FactSource.day(clock.instant()));
    }
}
