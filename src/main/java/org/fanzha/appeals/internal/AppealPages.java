package org.fanzha.appeals.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Forms;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.PublicLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Appeal pages: the holder's form on the public lookup ({@code /risk}) and their status page
 * ({@code /public/appeals/{reference}?token=}); for reviewers, the appeals they decide, one
 * appeal with its evidence, and the decision.
 */
@Controller
class AppealPages {

    private final AppealEngine engine;
    private final AppealsController api;
    private final PublicLimit limit;

    AppealPages(AppealEngine engine, AppealsController api, PublicLimit limit) {
        this.engine = engine;
        this.api = api;
        this.limit = limit;
    }

    /** The public lookup's appeal form: on success the holder lands on their status page, else back at the answer, each error at its field. */
    @PostMapping("/risk/appeals")
    String file(
            @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "") String appellant,
            @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) @Nullable String proof,
            @RequestParam(required = false) @Nullable List<MultipartFile> evidence,
            HttpServletRequest request,
            RedirectAttributes redirect)
            throws IOException {
        boolean freeze = type.equals("FROZEN_ACCOUNT");
        String back = freeze
                ? "/risk/appeals/freeze"
                : UriComponentsBuilder.fromPath("/risk")
                        .queryParam("type", type.length() > 30 ? "" : type)
                        .queryParam("target", value.length() > 2048 ? "" : value)
                        .fragment("appeal")
                        .encode()
                        .build()
                        .toUriString();
        if (!limit.allowed(request.getRemoteAddr())) {
            redirect.addFlashAttribute("problem", "limited");
            return "redirect:" + back;
        }
        try {
            AppealEngine.Filed f = engine.file(
                    new AppealEngine.Filing(type, value, appellant, contact, reason, proof, api.files(evidence)));
            redirect.addFlashAttribute("filed", true);
            redirect.addAttribute("token", f.token());
            return "redirect:/public/appeals/" + f.reference();
        } catch (ProblemException e) {
            Forms.refused(
                    redirect,
                    e,
                    freeze
                            ? Forms.typed(
                                    "appellant",
                                    appellant,
                                    "contact",
                                    contact,
                                    "reason",
                                    reason,
                                    "value",
                                    value,
                                    "proof",
                                    proof)
                            : Forms.typed("appellant", appellant, "contact", contact, "reason", reason));
            return "redirect:" + back;
        }
    }

    /** The holder of a frozen account appeals with the account and the notice's number. */
    @GetMapping("/risk/appeals/freeze")
    String freezeForm() {
        return "appeals/freeze";
    }

    @GetMapping("/public/appeals/{reference}")
    String status(
            @PathVariable String reference,
            @RequestParam(required = false) @Nullable String token,
            HttpServletRequest request,
            Model model) {
        if (!limit.allowed(request.getRemoteAddr())) {
            model.addAttribute("limited", true);
            return "appeals/status";
        }
        try {
            model.addAttribute("status", engine.status(reference, token));
            model.addAttribute("token", token);
        } catch (ProblemException e) {
            model.addAttribute("missing", true);
        }
        return "appeals/status";
    }

    @GetMapping("/appeals")
    String list(
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String state,
            Model model) {
        String k = kind == null || kind.isBlank() ? null : kind;
        String s = state == null || state.isBlank() ? null : state;
        model.addAttribute("kind", k == null ? "" : k);
        model.addAttribute("state", s == null ? "" : s);
        model.addAttribute("kinds", List.of("BLOCK_ENTRY", "RISK_ENTRY", "FREEZE"));
        model.addAttribute("states", List.of("OPEN", "UPHELD", "LIFTED"));
        try {
            model.addAttribute("appeals", engine.list(k, s, Actors.require(), 200));
        } catch (org.fanzha.platform.InvalidInput e) {
            model.addAttribute("problem", e.summary(LocaleContextHolder.getLocale()));
            model.addAttribute("appeals", List.of());
        }
        return "appeals/list";
    }

    @GetMapping("/appeals/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("detail", engine.detail(id, Actors.require()));
        return "appeals/detail";
    }

    @GetMapping("/appeals/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable long id, @PathVariable long evidenceId) {
        return AppealsController.download(engine.evidence(id, evidenceId, Actors.require()));
    }

    @PostMapping("/appeals/{id}/decision")
    String decide(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            if (!List.of("UPHOLD", "LIFT").contains(decision)) {
                throw org.fanzha.platform.InvalidInput.of("decision", "error.appealDecision", null);
            }
            engine.decide(id, null, decision.equals("LIFT"), note, Actors.require());
            redirect.addFlashAttribute("decided", decision);
        } catch (ProblemException e) {
            Forms.refused(redirect, e, Forms.typed("decision", decision, "note", note));
        }
        return "redirect:/appeals/" + id;
    }
}
