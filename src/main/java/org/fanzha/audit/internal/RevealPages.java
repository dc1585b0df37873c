package org.fanzha.audit.internal;

import org.fanzha.platform.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audited reveal where the work is: a page's masked value carries a small form (a reason, then
 * the full value), posted by htmx; the answer replaces the form with the value, a phone number as a
 * {@code tel:} link, or says why it was refused.
 */
@Controller
class RevealPages {

    private final Reveals reveals;

    RevealPages(Reveals reveals) {
        this.reveals = reveals;
    }

    @PostMapping("/reveal")
    @PreAuthorize("hasAuthority('personal-data:reveal')")
    String reveal(
            @RequestParam(defaultValue = "") String entity,
            @RequestParam(defaultValue = "") String id,
            @RequestParam(defaultValue = "") String field,
            @RequestParam(defaultValue = "") String reason,
            Model model) {
        model.addAttribute("field", field);
        model.addAttribute("id", id);
        try {
            var revealed = reveals.reveal(entity, id, field, reason);
            model.addAttribute("value", revealed.value());
            model.addAttribute("phone", field.toLowerCase(java.util.Locale.ROOT).endsWith("phone"));
        } catch (Reveals.RecordNotFound e) {
            model.addAttribute("refused", "notFound");
        } catch (ProblemException e) {
            model.addAttribute("refused", "reason");
        }
        return "audit/revealed :: value";
    }
}
