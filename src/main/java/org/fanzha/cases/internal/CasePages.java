package org.fanzha.cases.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.cases.CaseStatus;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The case pages: the list with the filing form, a case with its links and network, the clusters. */
@Controller
class CasePages {

    private final CaseFiles files;
    private final CaseStore store;
    private final Clusters clusters;
    private final org.fanzha.divisions.Divisions divisions;

    private final CaseEdits edits;
    private final CaseSearch search;

    CasePages(
            CaseFiles files,
            CaseStore store,
            Clusters clusters,
            org.fanzha.divisions.Divisions divisions,
            CaseEdits edits,
            CaseSearch search) {
        this.search = search;
        this.edits = edits;
        this.divisions = divisions;
        this.files = files;
        this.store = store;
        this.clusters = clusters;
    }

    @GetMapping("/cases")
    @PreAuthorize("hasAuthority('cases:read')")
    String list(
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable FraudType type,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        String query = q.strip().length() > 100 ? q.strip().substring(0, 100) : q.strip();
        CaseSearch.Lookup lookup = lookup(query);
        long total = search.count(actor.unitCode(), status, type, lookup);
        int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        int p = Math.max(0, Math.min(page, pages - 1));
        var found = search.page(actor.unitCode(), status, type, lookup, p * PAGE, PAGE).stream()
                .map(files::view)
                .toList();
        model.addAttribute("cases", found);
        java.util.Map<String, String> unitNames = new java.util.HashMap<>();
        found.forEach(c -> unitNames.computeIfAbsent(
                c.unitCode(), code -> divisions.find(code).map(d -> d.name()).orElse(code)));
        model.addAttribute("unitNames", unitNames);
        model.addAttribute("status", status);
        model.addAttribute("type", type);
        model.addAttribute("q", query);
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute(
                "pageNumbers",
                java.util.stream.IntStream.rangeClosed(Math.max(0, p - 4), Math.min(pages - 1, p + 4))
                        .boxed()
                        .toList());
        model.addAttribute("total", total);
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("types", FraudType.values());
        model.addAttribute("identifierTypes", typeList());
        return "cases/list";
    }

    private static final int PAGE = 50;

    /** What the search box finds a case by: the number, the victim's phone, an identifier of any type. */
    static CaseSearch.Lookup lookup(String q) {
        if (q.isBlank()) {
            return CaseSearch.Lookup.ANY;
        }
        java.util.Set<String> phones = new java.util.LinkedHashSet<>();
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        values.add(q);
        for (IdentifierType t : IdentifierType.values()) {
            try {
                String v = org.fanzha.cases.Identifiers.normalise(t, q).value();
                values.add(v);
                if (t == IdentifierType.PHONE) {
                    phones.add(v);
                    phones.add(v.startsWith("+86") ? v.substring(3) : v);
                }
            } catch (org.fanzha.cases.Identifiers.InvalidIdentifier notThisType) {
                // the text is no identifier of this type
            }
        }
        return new CaseSearch.Lookup(q.toUpperCase(java.util.Locale.ROOT), List.copyOf(phones), List.copyOf(values));
    }

    @PostMapping("/cases")
    @PreAuthorize("hasAuthority('cases:write')")
    String file(
            @RequestParam(defaultValue = "") String caseNumber,
            @RequestParam(defaultValue = "") String fraudType,
            @RequestParam(defaultValue = "") String victimName,
            @RequestParam(defaultValue = "") String victimPhone,
            @RequestParam(defaultValue = "") String victimIdNumber,
            @RequestParam(defaultValue = "") String victimAddress,
            @RequestParam(defaultValue = "") String lossAmount,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    LocalDateTime occurredAt,
            @RequestParam(defaultValue = "") String divisionCode,
            @RequestParam(defaultValue = "") String identifiers,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            var view = files.file(
                    new CaseFiles.CaseRequest(
                            caseNumber,
                            fraudType,
                            new CaseFiles.Victim(victimName, victimPhone, victimIdNumber, victimAddress),
                            lossAmount.isBlank() ? null : lossAmount,
                            occurredAt == null
                                    ? null
                                    : occurredAt.atOffset(ZoneOffset.ofHours(8)).toString(),
                            divisionCode,
                            null,
                            lines(identifiers)),
                    actor);
            return "redirect:/cases/" + view.id();
        } catch (ProblemException e) {
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed(
                            "caseNumber", caseNumber,
                            "fraudType", fraudType,
                            "victimName", victimName,
                            "victimPhone", victimPhone,
                            "victimIdNumber", victimIdNumber,
                            "victimAddress", victimAddress,
                            "lossAmount", lossAmount,
                            "occurredAt", occurredAt,
                            "divisionCode", divisionCode,
                            "identifiers", identifiers));
            return "redirect:/cases";
        }
    }

    /**
     * Identifier lines as the form takes them: a type and a value, one pair a line; the type by
     * its code ({@code BANK_CARD}) or by its name as the page shows it ({@code 银行卡}, {@code bank card}).
     */
    static List<CaseFiles.@Nullable IdentifierInput> lines(String text) {
        List<CaseFiles.@Nullable IdentifierInput> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            String type = null;
            int length = 0;
            for (var name : TYPE_NAMES.entrySet()) {
                String n = name.getKey();
                if (n.length() > length
                        && l.length() > n.length()
                        && l.regionMatches(true, 0, n, 0, n.length())
                        && " \t:：".indexOf(l.charAt(n.length())) >= 0) {
                    type = name.getValue();
                    length = n.length();
                }
            }
            if (type != null) {
                out.add(new CaseFiles.IdentifierInput(
                        type, l.substring(length + 1).strip()));
                continue;
            }
            int space = l.indexOf(' ');
            out.add(
                    space < 0
                            ? new CaseFiles.IdentifierInput(l, "")
                            : new CaseFiles.IdentifierInput(
                                    l.substring(0, space).toUpperCase(),
                                    l.substring(space + 1).strip()));
        }
        return out;
    }

    /** Every way a line may name an identifier type: its code and its names in both bundles. */
    private static final java.util.Map<String, String> TYPE_NAMES = typeNames();

    private static java.util.Map<String, String> typeNames() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (IdentifierType t : IdentifierType.values()) {
            names.put(t.name(), t.name());
            for (var locale : List.of(java.util.Locale.SIMPLIFIED_CHINESE, java.util.Locale.ENGLISH)) {
                org.fanzha.platform.Texts.find("ident." + t.name(), List.of(), locale)
                        .ifPresent(n -> names.put(n, t.name()));
            }
        }
        return java.util.Map.copyOf(names);
    }

    /** The identifier types by their names in the reader's language, for the form's hint. */
    static String typeList() {
        return String.join(
                org.fanzha.platform.Texts.resolve("cases.identifiers.separator"),
                java.util.Arrays.stream(IdentifierType.values())
                        .map(t -> org.fanzha.platform.Texts.resolve("ident." + t.name()))
                        .toList());
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('cases:read')")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        model.addAttribute("detail", files.detail(id, actor));
        var related = files.related(id, actor);
        model.addAttribute("related", related);
        // units by name with their code: whom to call about a linked case
        java.util.Map<String, String> unitNames = new java.util.HashMap<>();
        related.forEach(r -> unitNames.computeIfAbsent(
                r.unitCode(), code -> divisions.find(code).map(d -> d.name()).orElse(code)));
        model.addAttribute("unitNames", unitNames);
        var c = files.visible(id, actor);
        model.addAttribute(
                "unitName", divisions.find(c.unitCode()).map(d -> d.name()).orElse(c.unitCode()));
        model.addAttribute(
                "placeName",
                c.divisionCode() == null
                        ? null
                        : divisions
                                .find(c.divisionCode())
                                .map(d -> d.name() + " (" + d.code() + ")")
                                .orElse(c.divisionCode()));
        model.addAttribute("next", c.status().next());
        return "cases/case";
    }

    @GetMapping("/cases/{id}/network.json")
    @PreAuthorize("hasAuthority('cases:read')")
    @ResponseBody
    Clusters.Graph network(@PathVariable long id) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        files.visible(id, actor);
        return clusters.graph(id, 200, actor);
    }

    @PostMapping("/cases/{id}/status")
    @PreAuthorize("hasAuthority('cases:write')")
    String status(
            @PathVariable long id,
            @RequestParam CaseStatus target,
            @RequestParam(defaultValue = "") String caseNumber,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            files.transition(id, target, caseNumber, null, note.isBlank() ? null : note, actor);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cases/" + id;
    }

    @PostMapping("/cases/{id}/identifiers")
    @PreAuthorize("hasAuthority('cases:write')")
    String identifiers(
            @PathVariable long id, @RequestParam(defaultValue = "") String identifiers, RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            var lines = lines(identifiers);
            if (lines.isEmpty()) {
                throw InvalidInput.of("identifiers", "error.identifierLines", null);
            }
            files.addIdentifiers(id, lines, actor);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cases/" + id;
    }

    /** 更正案情: loss, time and place corrected, each change kept in the case's history. */
    @PostMapping("/cases/{id}/facts")
    @PreAuthorize("hasAuthority('cases:write')")
    String facts(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String lossAmount,
            @RequestParam(defaultValue = "") String occurredAt,
            @RequestParam(defaultValue = "") String divisionCode,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            edits.correct(id, new CaseEdits.FactsRequest(lossAmount, occurredAt, divisionCode, note), actor);
        } catch (ProblemException e) {
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed(
                            "lossAmount",
                            lossAmount,
                            "occurredAt",
                            occurredAt,
                            "divisionCode",
                            divisionCode,
                            "note",
                            note));
        }
        return "redirect:/cases/" + id;
    }

    /** 添加嫌疑人: the suspect joins the case (ID number and phone masked on the page, revealable). */
    @PostMapping("/cases/{id}/suspects")
    @PreAuthorize("hasAuthority('cases:write')")
    String suspect(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String idNumber,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String arrestedAt,
            @RequestParam(defaultValue = "") String arrestingUnit,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            files.addSuspect(
                    id,
                    new CaseFiles.SuspectRequest(
                            name,
                            blankToNull(idNumber),
                            blankToNull(phone),
                            arrestedAt.isBlank() ? null : org.fanzha.platform.Forms.withOffset(arrestedAt),
                            blankToNull(arrestingUnit),
                            blankToNull(note)),
                    actor);
        } catch (ProblemException e) {
            org.fanzha.platform.Forms.refused(
                    redirect,
                    e,
                    org.fanzha.platform.Forms.typed(
                            "name", name,
                            "idNumber", idNumber,
                            "phone", phone,
                            "arrestedAt", arrestedAt,
                            "arrestingUnit", arrestingUnit,
                            "suspectNote", note));
        }
        return "redirect:/cases/" + id + "#suspects";
    }

    /** 关联预警: the case and the warning whose person it concerns lead to each other. */
    @PostMapping("/cases/{id}/warning")
    @PreAuthorize("hasAuthority('cases:write')")
    String linkWarning(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long warningId,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        try {
            edits.linkWarning(id, warningId, actor);
        } catch (ProblemException e) {
            org.fanzha.platform.Forms.refused(redirect, e, org.fanzha.platform.Forms.typed("warningId", warningId));
        }
        return "redirect:/cases/" + id;
    }

    /** The case a warning opened or was linked to, from the warning's page; the cases list when there is none. */
    @GetMapping("/cases/from-warning/{warningId}")
    @PreAuthorize("hasAuthority('cases:read')")
    String fromWarning(@PathVariable long warningId, RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        var found = store.byWarning(warningId).flatMap(store::find).filter(c -> actor.covers(c.unitCode()));
        if (found.isPresent()) {
            return "redirect:/cases/" + found.get().id();
        }
        redirect.addFlashAttribute("problem", org.fanzha.platform.Texts.resolve("cases.noneForWarning", warningId));
        return "redirect:/cases";
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    @GetMapping("/cases/clusters")
    @PreAuthorize("hasAuthority('cases:read')")
    String clusters(Model model) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        model.addAttribute("clusters", clusters.all(100, actor));
        return "cases/clusters";
    }
}
