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

    FundsPages(FundRequests requests) {
        this.requests = requests;
    }

    static String detail(ProblemException e) {
        if (e instanceof org.fanzha.platform.InvalidInput invalid) {
            return String.join(
                    "; ",
                    invalid.errors().stream()
                            .map(f -> f.field() + ": " + f.message())
                            .toList());
        }
        return e.getMessage();
    }

    @GetMapping("/funds")
    @PreAuthorize("hasAuthority('funds:request')")
    String list(@RequestParam(required = false) @Nullable String state, Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        String s = state == null || state.isBlank() ? null : state;
        try {
            model.addAttribute("requests", requests.list(s, null, actor, 300));
        } catch (ProblemException e) {
            model.addAttribute("problem", detail(e));
            model.addAttribute("requests", List.of());
        }
        model.addAttribute("state", s);
        model.addAttribute("states", FundRequests.State.values());
        model.addAttribute("expiring", requests.expiring(15, actor));
        model.addAttribute("timings", requests.timings(actor));
        return "funds/requests";
    }

    @GetMapping("/funds/requests/{id}")
    @PreAuthorize("hasAuthority('funds:request')")
    String request(@PathVariable long id, Model model) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        model.addAttribute("r", requests.get(id, actor));
        model.addAttribute("children", requests.children(id, actor));
        return "funds/request";
    }

    @PostMapping("/funds/requests/{id}/send")
    @PreAuthorize("hasAuthority('funds:request')")
    String send(@PathVariable long id, RedirectAttributes redirect) {
        try {
            requests.send(id, Actors.requirePermission(Permission.FUNDS_REQUEST));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", detail(e));
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
            RedirectAttributes redirect) {
        try {
            var v = requests.freeze(
                    new FundRequests.FreezeRequest(
                            id, null, null, null, null, amount, documentNumber, approvingOfficer, months),
                    Actors.requirePermission(Permission.FUNDS_REQUEST));
            return "redirect:/funds/requests/" + v.id();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", detail(e));
            return "redirect:/funds/requests/" + id;
        }
    }

    @PostMapping("/funds/requests/{id}/renew")
    @PreAuthorize("hasAuthority('funds:request')")
    String renew(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String documentNumber,
            @RequestParam(required = false) @Nullable Integer months,
            RedirectAttributes redirect) {
        try {
            requests.renew(id, documentNumber, months, Actors.requirePermission(Permission.FUNDS_REQUEST));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", detail(e));
        }
        return "redirect:/funds/requests/" + id;
    }

    @PostMapping("/funds/requests/{id}/release")
    @PreAuthorize("hasAuthority('funds:request')")
    String release(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String deductedAmount,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            requests.release(
                    id,
                    deductedAmount.isBlank() ? null : deductedAmount,
                    note,
                    Actors.requirePermission(Permission.FUNDS_REQUEST));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", detail(e));
        }
        return "redirect:/funds/requests/" + id;
    }
}
