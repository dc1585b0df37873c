package org.fanzha.hotline.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.fanzha.platform.ProblemException;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The 96110 operator's workbench and the officers' list of visits. */
@Controller
class HotlinePages {

    private final Workbench workbench;
    private final org.fanzha.divisions.Divisions divisions;

    HotlinePages(Workbench workbench, org.fanzha.divisions.Divisions divisions) {
        this.divisions = divisions;
        this.workbench = workbench;
    }

    @GetMapping("/hotline")
    @PreAuthorize("hasAuthority('hotline:call')")
    String workbench(Model model) {
        model.addAttribute("queue", workbench.queue().get("queued"));
        return "hotline/workbench";
    }

    @PostMapping("/hotline/next")
    @PreAuthorize("hasAuthority('hotline:call')")
    String next(Locale locale, RedirectAttributes redirect) {
        return workbench
                .next(locale)
                .map(t -> "redirect:/hotline/tasks/" + t.id())
                .orElseGet(() -> {
                    redirect.addFlashAttribute("empty", true);
                    return "redirect:/hotline";
                });
    }

    @GetMapping("/hotline/tasks/{id}")
    @PreAuthorize("hasAuthority('warnings:read')")
    String task(@PathVariable long id, Locale locale, Model model) {
        model.addAttribute("task", workbench.get(id, locale));
        model.addAttribute("results", new ContactResult[] {
            ContactResult.ANSWERED, ContactResult.NO_ANSWER, ContactResult.BUSY, ContactResult.WRONG_NUMBER
        });
        model.addAttribute("outcomes", Outcome.values());
        return "hotline/task";
    }

    @PostMapping("/hotline/tasks/{id}/attempts")
    @PreAuthorize("hasAuthority('hotline:call')")
    String attempt(
            @PathVariable long id,
            @RequestParam ContactResult result,
            @RequestParam(defaultValue = "") String note,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            var task = workbench.attempt(id, result, blank(note), locale);
            return task.state().name().equals("TAKEN") ? "redirect:/hotline/tasks/" + id : "redirect:/hotline";
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
            return "redirect:/hotline/tasks/" + id;
        }
    }

    @PostMapping("/hotline/tasks/{id}/finish")
    @PreAuthorize("hasAuthority('hotline:call')")
    String finish(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Outcome outcome,
            @RequestParam(defaultValue = "") String note,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            workbench.finish(id, outcome, blank(note), locale);
            return "redirect:/hotline";
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
            return "redirect:/hotline/tasks/" + id;
        }
    }

    @PostMapping("/hotline/tasks/{id}/release")
    @PreAuthorize("hasAuthority('hotline:call')")
    String release(@PathVariable long id) {
        workbench.release(id);
        return "redirect:/hotline";
    }

    @GetMapping("/hotline/visits")
    @PreAuthorize("hasAuthority('warnings:read')")
    String visits(Locale locale, Model model) {
        var visits = workbench.visits(locale);
        model.addAttribute("visits", visits);
        java.util.Map<String, String> unitNames = new java.util.HashMap<>();
        visits.forEach(v -> unitNames.computeIfAbsent(
                v.unitCode(), code -> divisions.find(code).map(d -> d.name()).orElse(code)));
        model.addAttribute("unitNames", unitNames);
        return "hotline/visits";
    }

    @PostMapping("/hotline/tasks/{id}/visit")
    @PreAuthorize("hasAuthority('warnings:work')")
    String visit(
            @PathVariable long id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime visitedAt,
            @RequestParam(required = false) @Nullable BigDecimal latitude,
            @RequestParam(required = false) @Nullable BigDecimal longitude,
            @RequestParam(defaultValue = "") String bodyCameraRef,
            @RequestParam(defaultValue = "false") boolean met,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) @Nullable MultipartFile photo,
            @RequestParam(defaultValue = "") String from,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        // the officer's phone page sends its visits here too, and gets them back there
        String page = "phone".equals(from) ? "/m/visits" : "/hotline/visits";
        try {
            byte[] bytes = photo == null || photo.isEmpty() ? null : photo.getBytes();
            String type = bytes == null ? null : HotlineController.imageType(bytes);
            if (bytes != null && type == null) {
                throw org.fanzha.platform.InvalidInput.of("photo", "error.jpegPNGImage", null);
            }
            workbench.visit(
                    id,
                    visitedAt.atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
                    latitude,
                    longitude,
                    blank(bodyCameraRef),
                    met,
                    blank(note),
                    bytes,
                    type,
                    locale);
        } catch (ProblemException e) {
            // the form comes back as typed, at its task (a chosen photo must be chosen again: browsers never refill a
            // file)
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed(
                            "task", id,
                            "visitedAt", visitedAt,
                            "latitude", latitude == null ? "" : latitude.toPlainString(),
                            "longitude", longitude == null ? "" : longitude.toPlainString(),
                            "bodyCameraRef", bodyCameraRef,
                            "met", met,
                            "note", note));
            return "redirect:" + page + "#visit-" + id;
        }
        if ("phone".equals(from)) {
            redirect.addFlashAttribute("done", id);
            return "redirect:/m/visits";
        }
        return "redirect:/hotline/tasks/" + id;
    }

    /** A visit photo, shown on the task page; every view is audited. */
    @GetMapping("/hotline/photos/{id}")
    @PreAuthorize("hasAuthority('warnings:read')")
    org.springframework.http.ResponseEntity<byte[]> photo(@PathVariable long id) {
        return HotlineController.photoResponse(workbench.photo(id));
    }

    /** A field as typed: one longer than allowed is refused with the limit, never cut short. */
    private static @Nullable String blank(String s) {
        String t = s.strip();
        if (t.length() > 1000) {
            throw org.fanzha.platform.InvalidInput.of("note", "error.tooLongHas", null, 1000, t.length());
        }
        return t.isEmpty() ? null : t;
    }
}
