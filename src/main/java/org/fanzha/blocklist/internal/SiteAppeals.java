package org.fanzha.blocklist.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.fanzha.blocklist.Names;
import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A blocked site's owner appeals from the public risk lookup (the page is the risk list's,
 * {@code /risk}). Rate-limited per client address with the lookup.
 */
@Controller
class SiteAppeals {

    private final Blocklist blocklist;
    private final PublicLimit limit;

    SiteAppeals(Blocklist blocklist, PublicLimit limit) {
        this.blocklist = blocklist;
        this.limit = limit;
    }

    static class TooManyLookups extends ProblemException {
        TooManyLookups() {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-lookups",
                    "problem.tooManyLookups.title",
                    "problem.tooManyLookups.detail");
        }
    }

    @PostMapping("/risk/appeals")
    String appeal(
            @RequestParam(defaultValue = "0") long entryId,
            @RequestParam(defaultValue = "") String appellant,
            @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String target,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (!limit.allowed(request.getRemoteAddr())) {
            redirect.addFlashAttribute("problem", "limited");
            return "redirect:/risk";
        }
        try {
            long id = blocklist.appeal(entryId, appellant, contact, reason);
            redirect.addFlashAttribute("appealed", id);
        } catch (ProblemException e) {
            // back to the site's answer with the appeal as typed, each error at its field
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed("appellant", appellant, "contact", contact, "reason", reason));
            if (!target.isBlank() && target.length() <= Names.MAX_URL) {
                redirect.addAttribute("target", target);
                return "redirect:/risk#appeal";
            }
        }
        return "redirect:/risk";
    }
}
