package org.fanzha.risk.internal;

import org.fanzha.platform.Actors;
import org.fanzha.platform.Forms;
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

/** 风险名单 for staff: search by any form of a value, an entry explained with its review, the review queue. */
@Controller
class RiskPages {

    private final RiskReads reads;

    RiskPages(RiskReads reads) {
        this.reads = reads;
    }

    private static boolean reviewer() {
        var actor = Actors.require();
        return actor.can(Permission.RISK_REVIEW) && actor.unitCode().length() <= 4;
    }

    @GetMapping("/risk-list")
    @PreAuthorize("hasAuthority('risk:check')")
    String search(
            @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) @Nullable String type,
            Model model) {
        model.addAttribute(
                "types", PublicLookup.TYPES.stream().filter(t -> !t.site()).toList());
        model.addAttribute("value", value);
        model.addAttribute("type", type == null ? "" : type);
        model.addAttribute("reviewer", reviewer());
        if (!value.isBlank()) {
            try {
                model.addAttribute("found", reads.search(value, type == null || type.isBlank() ? null : type));
            } catch (ProblemException e) {
                model.addAttribute(
                        "problem", e.summary(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            }
        }
        return "risk/entries";
    }

    @GetMapping("/risk-list/entries/{id}")
    @PreAuthorize("hasAuthority('risk:check')")
    String entry(
            @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String value,
            Model model) {
        model.addAttribute("detail", reads.entry(id, value));
        model.addAttribute("reviewer", reviewer());
        model.addAttribute("levels", org.fanzha.risk.RiskLevel.values());
        return "risk/entry";
    }

    @PostMapping("/risk-list/entries/{id}/review")
    @PreAuthorize("hasAuthority('risk:review')")
    String review(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String level,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String validDays,
            RedirectAttributes redirect) {
        try {
            Integer days = null;
            if (!validDays.isBlank()) {
                try {
                    days = Integer.valueOf(validDays.strip());
                } catch (NumberFormatException e) {
                    days = -1; // refused as out of range, with the field
                }
            }
            reads.review(id, new RiskReads.ReviewRequest(level.isBlank() ? null : level, reason, days));
            redirect.addFlashAttribute("reviewed", true);
        } catch (ProblemException e) {
            Forms.refused(redirect, e, Forms.typed("level", level, "reason", reason, "validDays", validDays));
        }
        return "redirect:/risk-list/entries/" + id;
    }

    @GetMapping("/risk-list/reviews")
    @PreAuthorize("hasAuthority('risk:review')")
    String reviews(Model model) {
        model.addAttribute("queue", reads.queue(200));
        return "risk/reviews";
    }
}
