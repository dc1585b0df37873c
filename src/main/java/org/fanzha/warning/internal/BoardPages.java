package org.fanzha.warning.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningNotFound;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The duty board (值班看板) of open warnings, live over Server-Sent Events, and the warning page. */
@Controller
@PreAuthorize("hasAuthority('warnings:read')")
class BoardPages {

    private final WarningStore store;
    private final WarningActions actions;
    private final BoardFeed feed;
    private final Divisions divisions;
    private final JsonMapper json;

    private final org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch;

    BoardPages(
            WarningStore store,
            WarningActions actions,
            BoardFeed feed,
            Divisions divisions,
            JsonMapper json,
            org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch) {
        this.dispatch = dispatch;
        this.store = store;
        this.actions = actions;
        this.feed = feed;
        this.divisions = divisions;
        this.json = json;
    }

    /** The board's filter, from the query string. */
    record BoardFilter(
            @Nullable String unit,
            @Nullable Urgency urgency,
            @Nullable WarningState state,
            @Nullable FraudType fraudType,
            WarningStore.@Nullable Sort sort,
            @Nullable Integer page) {

        /** The page asked for, from 0, within bounds. */
        public int pageIndex() {
            return page == null ? 0 : Math.max(0, Math.min(page, 10_000));
        }

        public WarningStore.Sort order() {
            return sort == null ? WarningStore.Sort.URGENCY : sort;
        }

        String unitOr(String fallback) {
            return unit == null
                            || unit.isBlank()
                            || unit.length() > 12
                            || !unit.chars().allMatch(Character::isDigit)
                    ? fallback
                    : unit;
        }
    }

    /** The board's page size. */
    static final int PAGE = 50;

    /** A page of the board: its rows, how many there are in all, and which page this is. */
    record BoardPage(List<Row> rows, long total, int page) {

        public int pages() {
            return (int) Math.max(1, (total + PAGE - 1) / PAGE);
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** One row of the board; {@code personArea} is where the person is (the unit first assigned), kept when escalated. */
    record Row(
            WarningView warning,
            String unitName,
            @Nullable String personArea,
            long acknowledgeDueMillis,
            long closeDueMillis,
            boolean closeOverdue) {}

    @ModelAttribute("urgencies")
    List<Urgency> urgencies() {
        return List.of(Urgency.values());
    }

    @ModelAttribute("sorts")
    List<WarningStore.Sort> sorts() {
        return List.of(WarningStore.Sort.values());
    }

    /**
     * The board's order when none is asked for: by expected loss while the dispatch model is in
     * charge (a deadline within five minutes still first), else by urgency.
     */
    BoardFilter withDefaultOrder(BoardFilter f) {
        if (f.sort() != null) {
            return f;
        }
        var advice = dispatch.getIfAvailable();
        WarningStore.Sort sort = advice != null && advice.deciding().equals("EXPECTED_LOSS")
                ? WarningStore.Sort.EXPECTED_LOSS
                : WarningStore.Sort.URGENCY;
        return new BoardFilter(f.unit(), f.urgency(), f.state(), f.fraudType(), sort, f.page());
    }

    @GetMapping("/board")
    String board(@ModelAttribute("filter") BoardFilter given, Model model) {
        BoardFilter filter = withDefaultOrder(given);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows(filter));
        model.addAttribute(
                "states", EnumSet.of(WarningState.ASSIGNED, WarningState.ACKNOWLEDGED, WarningState.IN_CONTACT));
        model.addAttribute("fraudTypes", FraudType.values());
        model.addAttribute("units", divisions.childNodes(Actors.require().unitCode()));
        return "warning/board";
    }

    @GetMapping("/board/rows")
    String rows(@ModelAttribute("filter") BoardFilter given, Model model) {
        BoardFilter filter = withDefaultOrder(given);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows(filter));
        return "warning/board :: rows";
    }

    @GetMapping(path = "/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream() {
        return feed.subscribe(Actors.require().unitCode());
    }

    @PostMapping("/board/warnings/{id}/acknowledge")
    @PreAuthorize("hasAuthority('warnings:work')")
    String acknowledgeFromBoard(@PathVariable long id, @ModelAttribute("filter") BoardFilter filter, Model model) {
        try {
            actions.acknowledge(id, null);
        } catch (ProblemException e) {
            model.addAttribute("problem", e.summary());
        }
        return rows(filter, model);
    }

    /** 批量签收: the chosen warnings acknowledged at once; one that someone else took first is named, the rest go on. */
    @PostMapping("/board/acknowledge")
    @PreAuthorize("hasAuthority('warnings:work')")
    String acknowledgeChosen(
            @RequestParam(name = "ids", required = false) @Nullable List<Long> ids,
            @ModelAttribute("filter") BoardFilter filter,
            Model model) {
        int done = 0;
        List<String> problems = new java.util.ArrayList<>();
        for (long id : ids == null
                ? List.<Long>of()
                : ids.stream().distinct().limit(200).toList()) {
            try {
                actions.acknowledge(id, null);
                done++;
            } catch (ProblemException e) {
                problems.add(id + ": " + e.summary());
            }
        }
        model.addAttribute("acknowledged", done);
        if (!problems.isEmpty()) {
            model.addAttribute("problem", String.join("; ", problems));
        }
        return rows(filter, model);
    }

    @GetMapping("/warnings/{id}")
    String warning(@PathVariable long id, Model model) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        var own = store.find(id, actor.unitCode());
        // a unit the warning was once assigned to (and escalated away from) still reads it, read only
        Warning w = own.or(() -> store.everAssignedTo(id, actor.unitCode())).orElseThrow(() -> new WarningNotFound(id));
        model.addAttribute("readOnly", own.isEmpty());
        model.addAttribute("row", row(w, store.firstUnits(List.of(w.id())).get(w.id())));
        model.addAttribute(
                "leads",
                store.leads(id).stream()
                        .map(l -> WarningView.LeadView.of(l, json))
                        .toList());
        model.addAttribute("timeline", store.events(id));
        model.addAttribute("methods", ContactMethod.values());
        model.addAttribute("results", ContactResult.values());
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("units", divisions.childNodes(w.unitCode()));
        var advice = dispatch.getIfAvailable();
        model.addAttribute(
                "dispatch",
                advice == null
                        ? null
                        : advice.advise(id, org.springframework.context.i18n.LocaleContextHolder.getLocale())
                                .orElse(null));
        return "warning/warning";
    }

    @PostMapping("/warnings/{id}/acknowledge")
    @PreAuthorize("hasAuthority('warnings:work')")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> actions.acknowledge(id, null));
    }

    @PostMapping("/warnings/{id}/contact")
    @PreAuthorize("hasAuthority('warnings:work')")
    String contact(
            @PathVariable long id,
            @RequestParam ContactMethod method,
            @RequestParam ContactResult result,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> actions.contact(id, method, result, clip(note)));
    }

    @PostMapping("/warnings/{id}/close")
    @PreAuthorize("hasAuthority('warnings:work')")
    String close(
            @PathVariable long id,
            @RequestParam Outcome outcome,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> actions.close(id, outcome, clip(note)));
    }

    @PostMapping("/warnings/{id}/assign")
    @PreAuthorize("hasAuthority('warnings:assign')")
    String assign(
            @PathVariable long id,
            @RequestParam String unitCode,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> actions.assign(id, unitCode, clip(note)));
    }

    private String act(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            if (e instanceof WarningNotFound) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/warnings/" + id;
    }

    private BoardPage rows(BoardFilter filter) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        String unit = filter.unitOr(actor.unitCode());
        String scope = unit.startsWith(actor.unitCode()) ? unit : actor.unitCode();
        var query =
                new WarningStore.Filter(scope, filter.state(), filter.urgency(), filter.fraudType(), true, null, null);
        long total = store.count(query);
        int page = Math.min(filter.pageIndex(), (int) Math.max(0, (total - 1) / PAGE));
        List<Warning> warnings = store.list(query, filter.order(), page * PAGE, PAGE);
        var first = store.firstUnits(warnings.stream().map(Warning::id).toList());
        return new BoardPage(
                warnings.stream().map(w -> row(w, first.get(w.id()))).toList(), total, page);
    }

    /** A unit by its name with the name of the city above it (洛阳市 · 西工区). */
    private @Nullable String area(@Nullable String code) {
        if (code == null) {
            return null;
        }
        return divisions
                .find(code)
                .map(d -> divisions.ancestors(d.code()).stream()
                                .filter(a -> a.code().length() == 4 && !a.code().equals(d.code()))
                                .map(a -> a.name() + " · ")
                                .findFirst()
                                .orElse("")
                        + d.name())
                .orElse(code);
    }

    private Row row(Warning w, @Nullable String firstUnit) {
        Instant now = Instant.now();
        return new Row(
                WarningView.of(w),
                divisions.find(w.unitCode()).map(d -> d.name()).orElse(w.unitCode()),
                firstUnit == null || firstUnit.equals(w.unitCode()) ? null : area(firstUnit),
                w.acknowledgeDue() == null ? 0 : w.acknowledgeDue().toEpochMilli(),
                w.closeDue() == null ? 0 : w.closeDue().toEpochMilli(),
                w.isOpen() && w.closeDue() != null && w.closeDue().isBefore(now));
    }

    /** A note as typed: one longer than allowed is refused with the limit, never cut short. */
    private static @Nullable String clip(String note) {
        String n = note.strip();
        if (n.length() > 1000) {
            throw org.fanzha.platform.InvalidInput.of("note", "error.tooLongHas", null, 1000, n.length());
        }
        return n.isEmpty() ? null : n;
    }
}
