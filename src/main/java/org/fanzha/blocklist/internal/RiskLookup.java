package org.fanzha.blocklist.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fanzha.blocklist.BlocklistProperties;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Names;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public risk lookup (风险查询): anyone checks a URL, sees whether it is blocked and why, and
 * the owner of a blocked site files an appeal. Rate-limited per client address.
 */
@Controller
class RiskLookup {

    private final Checks checks;
    private final Blocklist blocklist;
    private final BlockStore store;
    private final BlocklistProperties properties;
    private final Map<String, long[]> perAddress = new ConcurrentHashMap<>();

    RiskLookup(Checks checks, Blocklist blocklist, BlockStore store, BlocklistProperties properties) {
        this.checks = checks;
        this.blocklist = blocklist;
        this.store = store;
        this.properties = properties;
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

    /** Counts one request of the address in the current minute; false once over the limit. */
    boolean allowed(String address) {
        long minute = System.currentTimeMillis() / 60_000;
        if (perAddress.size() > 100_000) {
            perAddress.entrySet().removeIf(e -> e.getValue()[0] < minute);
        }
        long[] slot = perAddress.compute(address, (k, v) -> {
            if (v == null || v[0] != minute) {
                return new long[] {minute, 1};
            }
            v[1]++;
            return v;
        });
        return slot[1] <= properties.publicLookupsPerMinute();
    }

    @GetMapping("/risk")
    String page(@RequestParam(required = false) @Nullable String target, HttpServletRequest request, Model model) {
        if (target != null && !target.isBlank()) {
            model.addAttribute("target", target.length() > Names.MAX_URL ? target.substring(0, Names.MAX_URL) : target);
            if (!allowed(request.getRemoteAddr())) {
                model.addAttribute("limited", true);
                return "blocklist/risk";
            }
            var result = checks.check(model.getAttribute("target").toString());
            model.addAttribute("result", result);
            if (result.error() != null) {
                // why the text is no site, in the reader's language
                try {
                    Names.url(model.getAttribute("target").toString());
                } catch (Names.InvalidName e) {
                    model.addAttribute(
                            "errorText",
                            org.fanzha.platform.Texts.resolve(
                                    e.key(),
                                    java.util.List.of(e.args()),
                                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
                }
            }
            if (result.decidedBy() != null && "BLOCK".equals(result.decidedBy().kind())) {
                store.find(result.decidedBy().id())
                        .filter(e -> e.state() == EntryState.ACTIVE)
                        .ifPresent(e -> model.addAttribute("entry", e));
            }
        }
        return "blocklist/risk";
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
        if (!allowed(request.getRemoteAddr())) {
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
