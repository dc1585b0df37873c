package org.fanzha.warning.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningNotFound;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/warnings")
class WarningController {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final WarningStore store;
    private final WarningActions actions;
    private final JsonMapper json;
    private final WarningStatistics statistics;

    private final org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch;

    WarningController(
            WarningStore store,
            WarningActions actions,
            JsonMapper json,
            WarningStatistics statistics,
            org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch) {
        this.dispatch = dispatch;
        this.store = store;
        this.actions = actions;
        this.json = json;
        this.statistics = statistics;
    }

    record Page(int page, int size, List<WarningView> warnings) {}

    record NoteRequest(@Nullable @Size(max = 1000) String note) {}

    record AssignRequest(
            @NotBlank @Size(max = 12) String unitCode,
            @Nullable @Size(max = 1000) String note) {}

    record ContactRequest(
            @NotNull ContactMethod method,
            @NotNull ContactResult result,
            @Nullable @Size(max = 1000) String note) {}

    record CloseRequest(
            @NotNull Outcome outcome,
            @Nullable @Size(max = 1000) String note) {}

    @GetMapping
    Page list(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(required = false) @Nullable WarningState state,
            @RequestParam(required = false) @Nullable Urgency urgency,
            @RequestParam(required = false) @Nullable FraudType fraudType,
            @RequestParam(defaultValue = "false") boolean open,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        if (unit.length() > 12 || !unit.chars().allMatch(Character::isDigit)) {
            throw new InvalidInput("unit", "error.divisionCode", null);
        }
        if (page < 0 || page > 100_000 || size < 1 || size > 500) {
            throw new InvalidInput("size", "error.page0100000Size1500", size);
        }
        // the unit filter narrows the caller's jurisdiction, never widens it
        String prefix = !unit.isEmpty() && unit.startsWith(actor.unitCode()) ? unit : actor.unitCode();
        var filter = new WarningStore.Filter(
                prefix,
                state,
                urgency,
                fraudType,
                open,
                from == null ? null : from.atStartOfDay(SHANGHAI).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
        return new Page(
                page,
                size,
                store.list(filter, page * size, size).stream()
                        .map(WarningView::of)
                        .toList());
    }

    /** Figures for the warnings opened from {@code from} to {@code to} (dates in China time, inclusive) in a unit's subtree. */
    @GetMapping("/stats")
    WarningStatistics.Stats stats(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        String scope = unit.isEmpty() ? actor.unitCode() : unit;
        if (scope.length() > 12 || !scope.chars().allMatch(Character::isDigit) || !actor.covers(scope)) {
            throw new InvalidInput("unit", "error.unitWithinYourJurisdiction", unit.length() > 12 ? null : unit);
        }
        if (to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw new InvalidInput("to", "error.onAfterFromAtMostFive", to);
        }
        return statistics.of(
                scope,
                from.atStartOfDay(SHANGHAI).toInstant(),
                to.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
    }

    @GetMapping("/{id}")
    WarningView.Detail get(@PathVariable long id) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        Warning warning = store.find(id, actor.unitCode()).orElseThrow(() -> new WarningNotFound(id));
        var leads = store.leads(id).stream()
                .map(l -> WarningView.LeadView.of(l, json))
                .toList();
        var advice = dispatch.getIfAvailable();
        return new WarningView.Detail(
                WarningView.of(warning),
                leads,
                store.events(id),
                advice == null
                        ? null
                        : advice.advise(id, org.springframework.context.i18n.LocaleContextHolder.getLocale())
                                .orElse(null));
    }

    @PostMapping("/{id}/acknowledge")
    WarningView acknowledge(
            @PathVariable long id, @Valid @RequestBody(required = false) @Nullable NoteRequest request) {
        return WarningView.of(actions.acknowledge(id, request == null ? null : request.note()));
    }

    @PostMapping("/{id}/assign")
    WarningView assign(@PathVariable long id, @Valid @RequestBody AssignRequest request) {
        return WarningView.of(actions.assign(id, request.unitCode(), request.note()));
    }

    @PostMapping("/{id}/contact")
    WarningView contact(@PathVariable long id, @Valid @RequestBody ContactRequest request) {
        return WarningView.of(actions.contact(id, request.method(), request.result(), request.note()));
    }

    @PostMapping("/{id}/close")
    WarningView close(@PathVariable long id, @Valid @RequestBody CloseRequest request) {
        return WarningView.of(actions.close(id, request.outcome(), request.note()));
    }
}
