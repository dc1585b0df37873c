package org.fanzha.reports.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.Forms;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public's report form (mobile first) and the reporter's status page. */
@Controller
class ReportPages {

    /** Rows the form offers: what the fraudster used, and transfers. */
    static final int IDENTIFIER_ROWS = 3;

    static final int TRANSFER_ROWS = 2;

    static final List<String> IDENTIFIER_TYPES =
            List.of("PHONE", "URL", "WECHAT", "QQ", "PAYMENT_ACCOUNT", "BANK_CARD", "APP");

    private final PublicReports reports;
    private final ReportStops stops;
    private final PhoneCodes codes;

    ReportPages(PublicReports reports, ReportStops stops, PhoneCodes codes) {
        this.reports = reports;
        this.stops = stops;
        this.codes = codes;
    }

    /** The code for the phone, texted; back to the form with the phone kept. */
    @PostMapping("/public/report/code")
    String code(@RequestParam Map<String, String> form, HttpServletRequest request, RedirectAttributes redirect) {
        Map<String, Object> typed = new LinkedHashMap<>(form);
        typed.remove("_csrf");
        try {
            reports.allowAddress(request.getRemoteAddr());
            codes.send(form.get("reporterPhone"));
            redirect.addFlashAttribute("codeSent", true);
            redirect.addFlashAttribute("typed", typed);
        } catch (ProblemException e) {
            Forms.refused(redirect, e, typed);
        }
        return "redirect:/public/report";
    }

    @GetMapping("/public/report")
    String form(Model model) {
        model.addAttribute("hotline", false);
        return form(model, codes.required());
    }

    /** The same form for a 96110 operator entering a caller's report (HOTLINE_REPORT, the operator kept as who took it). */
    @GetMapping("/hotline/reports/new")
    String hotlineForm(Model model) {
        org.fanzha.platform.Actors.requirePermission(org.fanzha.platform.Permission.HOTLINE_CALL);
        model.addAttribute("hotline", true);
        return form(model, false);
    }

    @PostMapping("/hotline/reports")
    String fileForCaller(
            @RequestParam Map<String, String> form,
            @RequestParam(name = "evidence", required = false) @Nullable List<MultipartFile> evidence,
            RedirectAttributes redirect) {
        var actor = org.fanzha.platform.Actors.requirePermission(org.fanzha.platform.Permission.HOTLINE_CALL);
        try {
            PublicReports.Filed filed = reports.file(
                    request(form), Source.HOTLINE_REPORT, ReportsController.uploads(evidence), actor.name());
            // the caller's receipt and status code, read out once by the operator
            redirect.addFlashAttribute("filedToken", filed.statusToken());
            return "redirect:/reports/" + filed.receipt();
        } catch (ProblemException e) {
            Map<String, Object> typed = new LinkedHashMap<>(form);
            typed.remove("_csrf");
            Forms.refused(redirect, e, typed);
            return "redirect:/hotline/reports/new";
        }
    }

    private String form(Model model, boolean codesRequired) {
        model.addAttribute("fraudTypes", FraudType.values());
        model.addAttribute("identifierTypes", IDENTIFIER_TYPES);
        model.addAttribute("channels", ReportValidator.CHANNELS);
        model.addAttribute("identifierRows", IDENTIFIER_ROWS);
        model.addAttribute("transferRows", TRANSFER_ROWS);
        model.addAttribute("codes", codesRequired);
        return "public/report";
    }

    @PostMapping("/public/report")
    String file(
            @RequestParam Map<String, String> form,
            @RequestParam(name = "evidence", required = false) @Nullable List<MultipartFile> evidence,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            reports.allowAddress(request.getRemoteAddr());
            PublicReports.Filed filed =
                    reports.file(request(form), Source.PUBLIC_REPORT, ReportsController.uploads(evidence), null);
            redirect.addFlashAttribute("filed", true);
            redirect.addAttribute("token", filed.statusToken());
            return "redirect:/public/reports/" + filed.receipt();
        } catch (ProblemException e) {
            Map<String, Object> typed = new LinkedHashMap<>(form);
            typed.remove("_csrf");
            Forms.refused(redirect, e, typed);
            return "redirect:/public/report";
        }
    }

    /** The form's fields as the API's body: rows left empty are not sent. */
    static ReportRequest request(Map<String, String> f) {
        List<ReportRequest.@Nullable Identifier> ids = new ArrayList<>();
        for (int i = 0; i < IDENTIFIER_ROWS; i++) {
            String value = f.getOrDefault("fraudster[" + i + "].value", "");
            if (!value.isBlank()) {
                ids.add(new ReportRequest.Identifier(f.get("fraudster[" + i + "].type"), value));
            }
        }
        List<ReportRequest.@Nullable Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < TRANSFER_ROWS; i++) {
            String p = "transfers[" + i + "].";
            boolean any = List.of("time", "toAccount", "toBank", "amount").stream()
                    .anyMatch(k -> !f.getOrDefault(p + k, "").isBlank());
            if (any) {
                transfers.add(new ReportRequest.Transfer(
                        f.get(p + "time"),
                        null,
                        f.get(p + "toAccount"),
                        f.get(p + "toBank"),
                        f.get(p + "amount"),
                        f.get(p + "channel")));
            }
        }
        String victim = f.get("victim");
        return new ReportRequest(
                f.get("reporterPhone"),
                victim == null || victim.isBlank() ? null : Boolean.valueOf(victim),
                f.get("fraudType"),
                ids,
                transfers,
                f.get("text"),
                f.get("code"));
    }

    @GetMapping("/public/reports/{receipt}")
    String status(
            @PathVariable String receipt,
            @RequestParam(required = false) @Nullable String token,
            HttpServletRequest request,
            Model model) {
        try {
            reports.allowAddress(request.getRemoteAddr());
            model.addAttribute("status", reports.status(receipt, token));
        } catch (PublicReports.TooManyReports e) {
            model.addAttribute("limited", true);
        } catch (ProblemException e) {
            model.addAttribute("missing", true);
        }
        return "public/report-status";
    }

    /** A report for staff: masked, within jurisdiction, with the desk's one click. */
    @GetMapping("/reports/{receipt}")
    String report(@PathVariable String receipt, Model model) {
        var actor = org.fanzha.platform.Actors.require();
        model.addAttribute("report", reports.read(receipt, actor));
        model.addAttribute("mayStop", actor.isStaff() && actor.can(org.fanzha.platform.Permission.FUNDS_REQUEST));
        return "reports/report";
    }

    @PostMapping("/reports/{receipt}/stop-payments")
    String stop(@PathVariable String receipt, RedirectAttributes redirect) {
        try {
            ReportStops.Stopped s = stops.stop(receipt, org.fanzha.platform.Actors.require());
            redirect.addFlashAttribute("stopped", s);
        } catch (ProblemException e) {
            redirect.addFlashAttribute(
                    "problem", e.summary(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/reports/" + receipt;
    }

    @PostMapping("/reports/{receipt}/stop-payments/confirm")
    String confirm(@PathVariable String receipt, RedirectAttributes redirect) {
        try {
            stops.confirm(receipt, org.fanzha.platform.Actors.require());
        } catch (ProblemException e) {
            redirect.addFlashAttribute(
                    "problem", e.summary(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/reports/" + receipt;
    }

    @GetMapping("/reports/{receipt}/evidence/{evidenceId}")
    org.springframework.http.ResponseEntity<byte[]> evidence(
            @PathVariable String receipt, @PathVariable long evidenceId) {
        return ReportsController.download(reports.evidence(receipt, evidenceId, org.fanzha.platform.Actors.require()));
    }
}
