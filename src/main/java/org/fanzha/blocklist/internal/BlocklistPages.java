package org.fanzha.blocklist.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
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

/** The blocking pages for staff: entries and their search, review, appeals, imports, the allowlist. */
@Controller
class BlocklistPages {

    private final Blocklist blocklist;
    private final Imports imports;
    private final Checks checks;
    private final BlockStore store;
    private final org.fanzha.appeals.Appeals appeals;
    private final org.springframework.context.MessageSource messages;
    private final Suspicions suspicions;

    BlocklistPages(
            Suspicions suspicions,
            Blocklist blocklist,
            Imports imports,
            Checks checks,
            BlockStore store,
            org.springframework.context.MessageSource messages,
            org.fanzha.appeals.Appeals appeals) {
        this.messages = messages;
        this.appeals = appeals;
        this.suspicions = suspicions;
        this.blocklist = blocklist;
        this.imports = imports;
        this.checks = checks;
        this.store = store;
    }

    private static void choices(Model model) {
        model.addAttribute("categories", FraudType.values());
        model.addAttribute("sources", Source.values());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("states", EntryState.values());
    }

    @GetMapping("/blocklist")
    @PreAuthorize("hasAuthority('blocklist:check')")
    String entries(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable EntryState state,
            @RequestParam(required = false) @Nullable FraudType category,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        choices(model);
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
        int p = Math.max(0, Math.min(page, 10_000));
        model.addAttribute("entries", store.search(text, state, category, null, p * 50, 50));
        model.addAttribute("q", text);
        model.addAttribute("state", state);
        model.addAttribute("category", category);
        model.addAttribute("page", p);
        if (target != null && !target.isBlank() && target.length() <= org.fanzha.blocklist.Names.MAX_URL) {
            model.addAttribute("target", target);
            model.addAttribute("result", checks.check(target));
        }
        // entries per category (in force), for the chart
        Map<String, Long> perCategory = new TreeMap<>();
        Map<String, Long> perState = new TreeMap<>();
        for (var row : store.counts()) {
            long n = ((Number) row.get("n")).longValue();
            perState.merge((String) row.get("state"), n, Long::sum);
            if ("ACTIVE".equals(row.get("state"))) {
                perCategory.merge((String) row.get("category"), n, Long::sum);
            }
        }
        model.addAttribute("perCategory", perCategory);
        model.addAttribute(
                "chartLabels",
                String.join(
                        "|",
                        perCategory.keySet().stream()
                                .map(c -> messages.getMessage("fraud." + c, null, c, locale))
                                .toList()));
        LocalDate today = LocalDate.now(Hits.CHINA);
        var perDay = store.hitsPerDay(today.minusDays(29));
        List<String> days = new java.util.ArrayList<>();
        List<String> dayHits = new java.util.ArrayList<>();
        for (LocalDate d = today.minusDays(29); !d.isAfter(today); d = d.plusDays(1)) {
            days.add(d.toString().substring(5));
            dayHits.add(String.valueOf(perDay.getOrDefault(d, 0L)));
        }
        model.addAttribute("hitLabels", String.join("|", days));
        model.addAttribute("hitValues", String.join("|", dayHits));
        model.addAttribute(
                "chartValues",
                String.join(
                        "|", perCategory.values().stream().map(String::valueOf).toList()));
        model.addAttribute("perState", perState);
        return "blocklist/entries";
    }

    @PostMapping("/blocklist/entries")
    @PreAuthorize("hasAuthority('blocklist:submit')")
    String add(
            @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "DOMAIN_AND_SUBDOMAINS") Scope scope,
            @RequestParam(required = false) @Nullable FraudType category,
            @RequestParam(defaultValue = "POLICE") Source source,
            @RequestParam(defaultValue = "") String evidence,
            @RequestParam(defaultValue = "") String screenshotRef,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expires,
            @RequestParam(defaultValue = "false") boolean sensitiveConfirmed,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_SUBMIT);
        try {
            var added = blocklist.add(
                    new Blocklist.Submission(
                            value,
                            scope,
                            category,
                            source,
                            evidence,
                            screenshotRef,
                            expires == null
                                    ? null
                                    : expires.plusDays(1)
                                            .atStartOfDay(ZoneId.of("Asia/Shanghai"))
                                            .toInstant(),
                            sensitiveConfirmed),
                    actor);
            return "redirect:/blocklist/entries/" + added.entry().id();
        } catch (ProblemException e) {
            // the form comes back as typed; a sensitive name asks for the confirmation box
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed(
                            "value", value,
                            "scope", scope,
                            "category", category,
                            "source", source,
                            "evidence", evidence,
                            "screenshotRef", screenshotRef,
                            "expires", expires));
            redirect.addFlashAttribute("askSensitive", e instanceof SensitiveNames.SensitiveName);
            return "redirect:/blocklist#add-form";
        }
    }

    @GetMapping("/blocklist/entries/{id}")
    @PreAuthorize("hasAuthority('blocklist:check')")
    String entry(@PathVariable long id, Model model) {
        var e = store.find(id).orElseThrow(() -> new Blocklist.EntryNotFound(id));
        model.addAttribute("entry", e);
        model.addAttribute("events", store.events(id));
        model.addAttribute("hits", store.hitsOf(id));
        model.addAttribute("appeals", appeals.of(BlockAppeals.KIND, Long.toString(id)));
        return "blocklist/entry";
    }

    @PostMapping("/blocklist/entries/{id}/{action:approve|reject|remove}")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        try {
            switch (action) {
                case "approve" -> blocklist.review(id, true, note, actor);
                case "reject" -> blocklist.review(id, false, note, actor);
                default -> blocklist.remove(id, note, actor);
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return back.equals("review") ? "redirect:/blocklist/review" : "redirect:/blocklist/entries/" + id;
    }

    @GetMapping("/blocklist/review")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String review(Model model) {
        model.addAttribute("entries", store.search(null, EntryState.PENDING_REVIEW, null, null, 0, 200));
        model.addAttribute("suspicious", suspicions.open(100));
        model.addAttribute("categories", FraudType.values());
        return "blocklist/review";
    }

    @PostMapping("/blocklist/suspicious")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String suspicion(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String decision,
            @RequestParam(required = false) @Nullable FraudType category,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        try {
            if (decision.equals("BLOCK")) {
                suspicions.block(name, category == null ? FraudType.CUSTOMER_SERVICE : category, actor);
            } else {
                suspicions.dismiss(name, actor);
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/blocklist/review";
    }

    /** The blocklist's appeals are the appeal engine's. */
    @GetMapping("/blocklist/appeals")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String appeals() {
        return "redirect:/appeals?kind=" + BlockAppeals.KIND;
    }

    @GetMapping("/blocklist/imports")
    @PreAuthorize("hasAuthority('blocklist:submit')")
    String imports(Model model) {
        choices(model);
        model.addAttribute(
                "imports",
                store.imports(50).stream().map(BlocklistPages::readable).toList());
        return "blocklist/imports";
    }

    @PostMapping("/blocklist/imports")
    @PreAuthorize("hasAuthority('blocklist:submit')")
    String importList(
            @RequestParam(defaultValue = "PLAIN") Imports.Format format,
            @RequestParam FraudType category,
            @RequestParam Source source,
            @RequestParam(defaultValue = "DOMAIN_AND_SUBDOMAINS") Scope scope,
            @RequestParam(required = false) @Nullable MultipartFile file,
            RedirectAttributes redirect)
            throws IOException {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_SUBMIT);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problem", "file: a list to import");
            return "redirect:/blocklist/imports";
        }
        try (InputStream in = file.getInputStream()) {
            redirect.addFlashAttribute("report", imports.importList(format, category, source, scope, in, actor));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/blocklist/imports";
    }

    @GetMapping("/blocklist/imports/{id}")
    @PreAuthorize("hasAuthority('blocklist:submit')")
    String importReport(@PathVariable long id, Model model) {
        var row = store.importReport(id).orElseThrow(() -> new Blocklist.EntryNotFound(id));
        model.addAttribute("imp", readable(row));
        String report = row.get("report") == null ? "" : row.get("report").toString();
        model.addAttribute(
                "lines",
                report.lines()
                        .map(l -> l.split("\t", 3))
                        .filter(p -> p.length == 3)
                        .toList());
        return "blocklist/import";
    }

    @GetMapping("/blocklist/allow")
    @PreAuthorize("hasAuthority('blocklist:check')")
    String allows(Model model) {
        model.addAttribute("allows", store.allows());
        return "blocklist/allow";
    }

    @PostMapping("/blocklist/allow")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String allow(
            @RequestParam(defaultValue = "") String domain,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        try {
            blocklist.allow(domain, reason, actor);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/blocklist/allow";
    }

    @PostMapping("/blocklist/allow/{id}/remove")
    @PreAuthorize("hasAuthority('blocklist:review')")
    String unallow(@PathVariable long id, RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.BLOCKLIST_REVIEW);
        try {
            blocklist.unallow(id, actor);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/blocklist/allow";
    }

    /** An import's row with its time as an instant, for the page to show in Beijing time. */
    static java.util.Map<String, Object> readable(java.util.Map<String, Object> row) {
        Object at = row.get("imported_at");
        if (at instanceof java.sql.Timestamp t) {
            row.put("imported_at", t.toInstant());
        } else if (at instanceof java.time.OffsetDateTime t) {
            row.put("imported_at", t.toInstant());
        }
        return row;
    }
}
