package org.fanzha.audit.internal;

import java.time.Instant;
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

    @GetMapping("/audit")
    String page(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String entity,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String unit = Actors.requirePermission(Permission.AUDIT_READ).unitCode();
        String a = actor.length() > 100 ? "" : actor.strip();
        String e = entity.length() > 40 ? "" : entity.strip();
        int p = Math.max(0, Math.min(page, 100_000));
        model.addAttribute("actor", a);
        model.addAttribute("entity", e);
        model.addAttribute("page", p);
        model.addAttribute(
                "records",
                log.find(unit, a, "", e, "", Instant.EPOCH, Instant.now().plusSeconds(60), p * 100, 100));
        return "audit/log";
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", log.verify());
        return "audit/log :: verification";
    }
}
