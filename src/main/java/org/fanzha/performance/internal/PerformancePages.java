package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.Period;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FactSource;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The commanders' pages: the live dashboard, the ranking with explanations and adjustments, the bulletins. */
@Controller
class PerformancePages {

    private final Scores scores;
    private final Bulletins bulletins;
    private final Divisions divisions;
    private final Indicators indicators;
    private final MessageSource messages;
    private final JsonMapper json;
    private final java.time.Clock clock;
    private final BulletinController bulletinApi;
    private final PerformanceController api;

    PerformancePages(
            BulletinController bulletinApi,
            PerformanceController api,
            Scores scores,
            Bulletins bulletins,
            Divisions divisions,
            Indicators indicators,
            MessageSource messages,
            JsonMapper json,
            java.time.Clock clock) {
        this.bulletinApi = bulletinApi;
        this.api = api;
        this.scores = scores;
        this.bulletins = bulletins;
        this.divisions = divisions;
        this.indicators = indicators;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    private String labels(Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Indicator i : Indicator.values()) {
            m.put(i.name(), messages.getMessage("perf.ind." + i.name(), null, i.name(), locale));
        }
        for (String k : List.of("WARNING_RECEIVED", "DISSUADED", "CASE_FILED", "CASE_SOLVED")) {
            m.put(k, messages.getMessage("perf.kind." + k, null, k, locale));
        }
        for (FraudType t : FraudType.values()) {
            m.put(t.name(), messages.getMessage("fraud." + t.name(), null, t.name(), locale));
        }
        for (String k : List.of("today", "week", "year", "rank", "unit", "score", "rankChange", "lagging", "yoy")) {
            m.put(k, messages.getMessage("perf." + k, null, k, locale));
        }
        return json.writeValueAsString(m);
    }

    @GetMapping("/performance")
    @PreAuthorize("hasAuthority('performance:read')")
    String dashboard(@RequestParam(required = false) @Nullable String unit, Model model) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        String code = unit == null || unit.isBlank() ? actor.unitCode() : unit;
        Division d = divisions
                .find(code)
                .filter(x -> actor.covers(x.code()) || x.level() == DivisionLevel.CITY)
                .orElseGet(() -> divisions.get(actor.unitCode()));
        model.addAttribute("unit", d);
        model.addAttribute("indicators", Indicator.values());
        model.addAttribute("labels", labels(LocaleContextHolder.getLocale()));
        model.addAttribute("province", d.level() == DivisionLevel.PROVINCE);
        return "performance/dashboard";
    }

    @GetMapping("/performance/ranking")
    @PreAuthorize("hasAuthority('performance:read')")
    String ranking(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String parent,
            @RequestParam(required = false) @Nullable String explain,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        LocalDate today = FactSource.day(clock.instant());
        Period p;
        try {
            p = period == null || period.isBlank()
                    ? Period.month(YearMonth.from(today).minusMonths(1))
                    : Period.parse(period);
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            p = Period.month(YearMonth.from(today).minusMonths(1));
        }
        boolean counties = parent != null
                && !parent.isBlank()
                && actor.covers(parent)
                && divisions
                        .find(parent)
                        .map(x -> x.level() == DivisionLevel.CITY && x.code().length() == 4)
                        .orElse(false);
        Scores.Ranking ranking = counties ? scores.ranking("county", parent, p) : scores.ranking("city", null, p);
        model.addAttribute("period", p);
        model.addAttribute("ranking", ranking);
        model.addAttribute("parent", counties ? divisions.get(parent) : null);
        model.addAttribute("scheme", scores.scheme());
        if (explain != null
                && ranking.rows().stream().anyMatch(r -> r.unitCode().equals(explain))) {
            List<Division> peers = scores.peers(counties ? "county" : "city", counties ? parent : null);
            scores.scores(peers, p).stream()
                    .filter(s -> s.unitCode().equals(explain))
                    .findFirst()
                    .ifPresent(s -> model.addAttribute("explained", s));
        }
        model.addAttribute(
                "adjustments",
                scores
                        .adjustments(
                                ranking.rows().stream()
                                        .map(Scores.Row::unitCode)
                                        .toList(),
                                p)
                        .values()
                        .stream()
                        .flatMap(List::stream)
                        .toList());
        model.addAttribute(
                "mayAdjust", actor.can(Permission.PERFORMANCE_ADJUST) && indicators.isProvince(actor.unitCode()));
        model.addAttribute("cityUnit", actor.unitCode().length() == 4 ? actor.unitCode() : null);
        return "performance/ranking";
    }

    @PostMapping("/performance/adjustments")
    @PreAuthorize("hasAuthority('performance:adjust')")
    String adjust(
            @RequestParam String unitCode,
            @RequestParam(defaultValue = "") String effectiveOn,
            @RequestParam(defaultValue = "") String points,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String evidence,
            @RequestParam(defaultValue = "") String period,
            RedirectAttributes redirect) {
        try {
            scores.adjust(
                    unitCode,
                    LocalDate.parse(effectiveOn),
                    new BigDecimal(points),
                    reason,
                    evidence,
                    Actors.requirePermission(Permission.PERFORMANCE_ADJUST));
            redirect.addFlashAttribute("saved", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            redirect.addFlashAttribute(
                    "problem", "effectiveOn: a day like 2021-05-31; points: a number like 2 or -1.5");
        }
        return "redirect:/performance/ranking?period="
                + java.net.URLEncoder.encode(period, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/performance/bulletins")
    @PreAuthorize("hasAuthority('performance:read')")
    String bulletins(Model model) {
        Actors.requirePermission(Permission.PERFORMANCE_READ);
        LocalDate today = FactSource.day(clock.instant());
        model.addAttribute("issued", bulletins.list());
        model.addAttribute("lastWeek", Period.weekOf(today.minusWeeks(1)).label());
        model.addAttribute(
                "lastMonth", Period.month(YearMonth.from(today).minusMonths(1)).label());
        return "performance/bulletins";
    }

    @GetMapping("/performance/bulletins/open")
    @PreAuthorize("hasAuthority('performance:read')")
    String open(
            @RequestParam(defaultValue = "") String period,
            @RequestParam(defaultValue = "html") String format,
            RedirectAttributes redirect) {
        try {
            Period p = BulletinController.bulletinPeriod(period);
            String suffix = switch (format) {
                case "pdf" -> ".pdf";
                case "xlsx" -> ".xlsx";
                default -> "";
            };
            return "redirect:/performance/bulletins/" + p.label() + suffix;
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
            return "redirect:/performance/bulletins";
        }
    }

    /** A bulletin for signed-in staff (the same documents as the API). */
    @GetMapping("/performance/bulletins/{name:[0-9]{4}-.+}")
    @PreAuthorize("hasAuthority('performance:read')")
    org.springframework.http.ResponseEntity<byte[]> bulletin(
            @org.springframework.web.bind.annotation.PathVariable String name) {
        return bulletinApi.get(name);
    }

    /** The dashboard's figures for the page's script (session sign-in; the API takes tokens). */
    @GetMapping(value = "/performance/dashboard.json", produces = "application/json")
    @PreAuthorize("hasAuthority('performance:read')")
    @org.springframework.web.bind.annotation.ResponseBody
    Dashboard.View dashboardJson(
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(defaultValue = "casesPer10k") String indicator) {
        return api.dashboard(unit, indicator);
    }
}
