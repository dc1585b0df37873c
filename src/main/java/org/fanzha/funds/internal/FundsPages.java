package org.fanzha.funds.internal;

import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The stop-payment and freeze pages: the unit's requests, one request with its chase, the actions. */
@Controller
class FundsPages {

    private final FundRequests requests;
    private final FundTraces tracing;
    private final TraceToCase traceToCase;
    private final Returns returns;
    private final tools.jackson.databind.json.JsonMapper json;

    private final Freezes freezes;

    FundsPages(
            FundRequests requests,
            FundTraces tracing,
            TraceToCase traceToCase,
            Returns returns,
            tools.jackson.databind.json.JsonMapper json,
            Freezes freezes) {
        this.freezes = freezes;
        this.requests = requests;
        this.tracing = tracing;
        this.traceToCase = traceToCase;
        this.returns = returns;
        this.json = json;
    }

    /** The trace form's time (as the page's datetime-local gives it) and amount, both optional, checked together. */
    record TraceQuery(java.time.@Nullable Instant at, java.math.@Nullable BigDecimal amount) {

        static TraceQuery of(@Nullable String from, @Nullable String amount) {
            List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
            java.time.Instant at = from == null || from.isBlank()
                    ? null
                    : FundRequests.time(CaseTimes.normalise(from), "from", errors, java.time.Instant.now());
            java.math.BigDecimal given =
                    amount == null || amount.isBlank() ? null : FundRequests.amount(amount, "amount", errors, false);
            if (!errors.isEmpty()) {
                throw new org.fanzha.platform.InvalidInput(errors);
            }
            return new TraceQuery(at, given);
        }
    }

    /** One row of the trace table: an account, how it got the money, and whether it can still be stopped. */
    record TraceRow(FundTraces.Node node, @Nullable String from, java.time.@Nullable Instant at) {}

    /** 资金流向: the trace as a tree by level and an ECharts graph; accounts holding money get one-click actions. */
    @GetMapping("/funds/trace")
    @PreAuthorize("hasAuthority('funds:request')")
    String trace(
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(defaultValue = "5") int hops,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable Long caseId,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        model.addAttribute("account", account);
        model.addAttribute("from", from);
        model.addAttribute("hops", hops);
        model.addAttribute("amount", amount);
        model.addAttribute("caseId", caseId);
        if (account == null || account.isBlank()) {
            return "funds/trace";
        }
        try {
            TraceQuery q = TraceQuery.of(from, amount);
            FundTraces.FundTrace t = tracing.trace(account, q.at(), hops, q.amount(), caseId, actor);
            java.util.Map<String, FundTraces.Edge> firstIn = new java.util.HashMap<>();
            for (FundTraces.Edge e : t.edges()) {
                firstIn.putIfAbsent(e.to(), e);
            }
            List<TraceRow> rows = tree(t, firstIn);
            model.addAttribute("trace", t);
            model.addAttribute("rows", rows);
            model.addAttribute("traceJson", json.writeValueAsString(t));
        } catch (ProblemException e) {
            model.addAttribute("problem", e.summary());
        }
        return "funds/trace";
    }

    /** The trace's accounts join the case as identifiers: an explicit action, never a side effect of viewing. */
    @org.springframework.web.bind.annotation.PostMapping("/funds/trace/identifiers")
    @PreAuthorize("hasAuthority('funds:request')")
    String addTraceToCase(
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "5") int hops,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(required = false) @Nullable Long caseId,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        try {
            TraceQuery q = TraceQuery.of(from, amount);
            redirect.addFlashAttribute(
                    "joined",
                    traceToCase
                            .addToCase(account, q.at(), hops, q.amount(), caseId, actor)
                            .identifiersAdded());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        java.util.function.Function<Object, String> q =
                v -> java.net.URLEncoder.encode(v == null ? "" : v.toString(), java.nio.charset.StandardCharsets.UTF_8);
        return "redirect:/funds/trace?account=" + q.apply(account) + "&from=" + q.apply(from) + "&hops=" + hops
                + "&amount=" + q.apply(amount) + (caseId == null ? "" : "&caseId=" + caseId);
    }

    /**
     * The trace as a tree, depth first: each account under the one its money first came from, in the
     * order the money left (an account reached from several is shown under the first).
     */
    static List<TraceRow> tree(FundTraces.FundTrace t, java.util.Map<String, FundTraces.Edge> firstIn) {
        java.util.Map<String, FundTraces.Node> byAccount = new java.util.LinkedHashMap<>();
        t.nodes().forEach(n -> byAccount.put(n.account(), n));
        java.util.Map<String, List<String>> children = new java.util.LinkedHashMap<>();
        for (FundTraces.Edge e : t.edges()) {
            if (firstIn.get(e.to()) == e) {
                children.computeIfAbsent(e.from(), k -> new java.util.ArrayList<>())
                        .add(e.to());
            }
        }
        List<TraceRow> rows = new java.util.ArrayList<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        stack.push(t.account());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            String account = stack.pop();
            FundTraces.Node n = byAccount.get(account);
            if (n == null || !seen.add(account)) {
                continue;
            }
            FundTraces.Edge in = firstIn.get(account);
            rows.add(new TraceRow(n, in == null ? null : in.from(), in == null ? t.from() : in.time()));
            List<String> next = children.getOrDefault(account, List.of());
            for (int i = next.size() - 1; i >= 0; i--) {
                stack.push(next.get(i));
            }
        }
        // anything not reached from the root (should not happen) still shows, by level
        byAccount.values().stream()
                .filter(n -> !seen.contains(n.account()))
                .sorted(java.util.Comparator.comparingInt(FundTraces.Node::level))
                .forEach(n -> rows.add(new TraceRow(n, null, null)));
        return rows;
    }

    @PostMapping("/funds/trace/stop")
    @PreAuthorize("hasAuthority('funds:request')")
    String traceStop(
            @RequestParam(required = false) @Nullable Long caseId,
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String bank,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "0") int level,
            RedirectAttributes redirect) {
        return created(
                () -> requests.stopTraced(
                        caseId, null, account, bank, amount, level, Actors.requirePermission(Permission.FUNDS_REQUEST)),
                "/funds",
                redirect);
    }

    @PostMapping("/funds/trace/freeze")
    @PreAuthorize("hasAuthority('funds:request')")
    String traceFreeze(
            @RequestParam(required = false) @Nullable Long caseId,
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String bank,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String documentNumber,
            @RequestParam(defaultValue = "") String approvingOfficer,
            @RequestParam(required = false) @Nullable Integer months,
            RedirectAttributes redirect) {
        return created(
                () -> freezes.freeze(
                        new FundRequests.FreezeRequest(
                                null,
                                caseId,
                                null,
                                account,
                                bank,
                                amount,
                                documentNumber,
                                approvingOfficer,
                                months,
                                null),
                        Actors.requirePermission(Permission.FUNDS_REQUEST)),
                "/funds",
                redirect);
    }

    /** Runs an action that creates a request: to the new request's page, or back with the reason. */
    private static String created(
            java.util.function.Supplier<FundRequests.View> action, String back, RedirectAttributes redirect) {
        return created(action, back, redirect, java.util.Map.of());
    }

    /** As above; a refused form comes back as typed, each error at its field. */
    private static String created(
            java.util.function.Supplier<FundRequests.View> action,
            String back,
            RedirectAttributes redirect,
            java.util.Map<String, ?> typed) {
        try {
            return "redirect:/funds/requests/" + action.get().id();
        } catch (ProblemException e) {
            org.fanzha.platform.Forms.refused(redirect, e, typed);
            return "redirect:" + back;
        }
    }

    @PostMapping("/funds/requests/{id}/returns")
    @PreAuthorize("hasAuthority('funds:request')")
    String proposeReturn(@PathVariable long id, RedirectAttributes redirect) {
        try {
            var r = returns.propose(id, Actors.requirePermission(Permission.FUNDS_REQUEST));
            return "redirect:/funds/returns/" + r.id();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
            return "redirect:/funds/requests/" + id;
        }
    }

    @GetMapping("/funds/returns/{id}")
    @PreAuthorize("hasAuthority('funds:request')")
    String returnPage(@PathVariable long id, Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        var r = returns.get(id, actor);
        model.addAttribute("ret", r);
        model.addAttribute(
                "mayDecide",
                r.state().equals("PROPOSED")
                        && actor.can(Permission.FUNDS_RETURN_APPROVE)
                        && actor.covers(r.unitCode())
                        && !actor.name().equals(r.proposedBy()));
        return "funds/return";
    }

    @PostMapping("/funds/returns/{id}/decide")
    @PreAuthorize("hasAuthority('funds:return-approve')")
    String decideReturn(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_RETURN_APPROVE);
        try {
            if (decision.equals("approve")) {
                returns.approve(id, new Returns.Decision(note), actor);
            } else {
                returns.reject(id, new Returns.Decision(note), actor);
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/funds/returns/" + id;
    }

    @GetMapping("/funds")
    @PreAuthorize("hasAuthority('funds:request')")
    String list(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable Long caseId,
            @RequestParam(required = false) @Nullable String account,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        String s = state == null || state.isBlank() ? null : state;
        model.addAttribute("caseId", caseId);
        model.addAttribute("account", account);
        try {
            model.addAttribute("requests", requests.list(s, null, caseId, account, actor, 300));
        } catch (ProblemException e) {
            model.addAttribute("problem", e.summary());
            model.addAttribute("requests", List.of());
        }
        model.addAttribute("state", s);
        model.addAttribute("states", FundRequests.State.values());
        model.addAttribute("expiring", freezes.expiring(15, actor));
        model.addAttribute("timings", requests.timings(actor));
        return "funds/requests";
    }

    @GetMapping("/funds/requests/{id}")
    @PreAuthorize("hasAuthority('funds:request')")
    String request(@PathVariable long id, Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        model.addAttribute("r", requests.get(id, actor));
        model.addAttribute("children", requests.children(id, actor));
        model.addAttribute("returns", returns.ofFreeze(id, actor));
        return "funds/request";
    }

    @PostMapping("/funds/requests/{id}/send")
    @PreAuthorize("hasAuthority('funds:request')")
    String send(@PathVariable long id, RedirectAttributes redirect) {
        return acted(() -> requests.send(id, Actors.requirePermission(Permission.FUNDS_REQUEST)), id, redirect);
    }

    /** Runs an action on a request, back to its page, with the reason if it was refused. */
    private static String acted(Runnable action, long id, RedirectAttributes redirect) {
        try {
            action.run();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/funds/requests/" + id;
    }

    @PostMapping("/funds/requests/{id}/freeze")
    @PreAuthorize("hasAuthority('funds:request')")
    String freeze(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String documentNumber,
            @RequestParam(defaultValue = "") String approvingOfficer,
            @RequestParam(required = false) @Nullable Integer months,
            @RequestParam(defaultValue = "false") boolean aboveBalanceConfirmed,
            RedirectAttributes redirect) {
        return created(
                () -> freezes.freeze(
                        new FundRequests.FreezeRequest(
                                id,
                                null,
                                null,
                                null,
                                null,
                                amount,
                                documentNumber,
                                approvingOfficer,
                                months,
                                aboveBalanceConfirmed),
                        Actors.requirePermission(Permission.FUNDS_REQUEST)),
                "/funds/requests/" + id,
                redirect,
                org.fanzha.platform.Forms.typed(
                        "amount", amount,
                        "documentNumber", documentNumber,
                        "approvingOfficer", approvingOfficer,
                        "months", months,
                        "aboveBalanceConfirmed", aboveBalanceConfirmed));
    }

    @PostMapping("/funds/requests/{id}/renew")
    @PreAuthorize("hasAuthority('funds:request')")
    String renew(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String documentNumber,
            @RequestParam(required = false) @Nullable Integer months,
            RedirectAttributes redirect) {
        return acted(
                () -> freezes.renew(id, documentNumber, months, Actors.requirePermission(Permission.FUNDS_REQUEST)),
                id,
                redirect);
    }

    @PostMapping("/funds/requests/{id}/release")
    @PreAuthorize("hasAuthority('funds:request')")
    String release(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String deductedAmount,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        return acted(
                () -> freezes.release(
                        id,
                        deductedAmount.isBlank() ? null : deductedAmount,
                        note,
                        Actors.requirePermission(Permission.FUNDS_REQUEST)),
                id,
                redirect);
    }
}
