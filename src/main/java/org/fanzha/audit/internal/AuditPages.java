package org.fanzha.audit.internal;

import java.time.Instant;
import java.util.List;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page for AUDITORs, with the chain verification. */
@Controller
@PreAuthorize("hasAuthority('audit:read')")
class AuditPages {

    private final JdbcAuditLog log;

    AuditPages(JdbcAuditLog log) {
        this.log = log;
    }

    private static final int PAGE = 100;

    private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    @GetMapping("/audit")
    String page(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String entity,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String unit = Actors.requirePermission(Permission.AUDIT_READ).unitCode();
        String a = actor.length() > 100 ? "" : actor.strip();
        String e = entity.length() > 40 ? "" : entity.strip();
        String act = action.length() > 40 || !action.matches("[A-Z_]*") ? "" : action.strip();
        // days in Beijing time, both included; a day that is no date is left out and said so
        java.time.LocalDate fromDay = day(from, model, "fromInvalid");
        java.time.LocalDate toDay = day(to, model, "toInvalid");
        Instant start =
                fromDay == null ? Instant.EPOCH : fromDay.atStartOfDay(CHINA).toInstant();
        Instant end = toDay == null
                ? Instant.now().plusSeconds(60)
                : toDay.plusDays(1).atStartOfDay(CHINA).toInstant();
        long total = log.count(unit, a, act, e, "", start, end);
        int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        int p = Math.max(0, Math.min(page, pages - 1));
        model.addAttribute("actor", a);
        model.addAttribute("entity", e);
        model.addAttribute("action", act);
        model.addAttribute("from", fromDay == null ? "" : fromDay.toString());
        model.addAttribute("to", toDay == null ? "" : toDay.toString());
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("records", log.find(unit, a, act, e, "", start, end, p * PAGE, PAGE));
        return "audit/log";
    }

    /** The actions an auditor filters by, as the log writes them. */
    static final List<String> ACTIONS = List.of(
            "SIGN_IN",
            "SIGN_IN_FAILED",
            "REVEAL",
            "REFUSED_REVEAL",
            "VIEW",
            "CREATE",
            "UPDATE",
            "DELETE",
            "ACKNOWLEDGE",
            "ASSIGN",
            "CONTACT",
            "CLOSE",
            "REVIEW",
            "APPROVE",
            "REJECT",
            "ISSUE",
            "PROPOSE",
            "CHANGE_PASSWORD",
            "RESET_PASSWORD",
            "REVOKE",
            "REFUSED_GRANT");

    private static java.time.@org.jspecify.annotations.Nullable LocalDate day(String raw, Model model, String flag) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(raw.strip());
            return d.getYear() < 2000 || d.getYear() > 2100 ? null : d;
        } catch (java.time.format.DateTimeParseException ex) {
            model.addAttribute(flag, true);
            return null;
        }
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", log.verify());
        return "audit/log :: verification";
    }
}
