package org.fanzha.staff.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Role;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sign-in page, the unit home page, and the ADMIN pages for staff accounts and partner tokens. */
@Controller
class StaffPages {

    private final Divisions divisions;
    private final StaffAdministration staff;
    private final TokenAdministration tokens;
    private final Notices notices;
    private final StaffAccounts accounts;

    private final org.fanzha.warning.WarningDesk warnings;

    StaffPages(
            Divisions divisions,
            StaffAdministration staff,
            TokenAdministration tokens,
            Notices notices,
            StaffAccounts accounts,
            org.fanzha.warning.WarningDesk warnings) {
        this.warnings = warnings;
        this.accounts = accounts;
        this.divisions = divisions;
        this.staff = staff;
        this.tokens = tokens;
        this.notices = notices;
    }

    /** 修改密码: any signed-in staff member changes their own password. */
    @GetMapping("/account/password")
    String passwordPage() {
        Actors.require();
        return "staff/password";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String repeatPassword,
            jakarta.servlet.http.HttpServletRequest request,
            RedirectAttributes redirect) {
        Actors.require();
        if (!newPassword.equals(repeatPassword)) {
            redirect.addFlashAttribute("problem", "repeatPassword");
            return "redirect:/account/password";
        }
        try {
            staff.changeOwnPassword(currentPassword, newPassword);
            SessionRefreshFilter.keepAfterOwnPasswordChange(request, accounts);
            redirect.addFlashAttribute("changed", true);
        } catch (org.fanzha.platform.InvalidInput e) {
            redirect.addFlashAttribute(
                    "errors",
                    e.errors().stream()
                            .map(f -> f.text(org.springframework.context.i18n.LocaleContextHolder.getLocale()))
                            .toList());
        }
        return "redirect:/account/password";
    }

    @GetMapping("/login")
    String login() {
        return Actors.current().isPresent() ? "redirect:/" : "login";
    }

    @GetMapping("/")
    String home(Model model) {
        Actor actor = Actors.require();
        if (!actor.can(Permission.DIVISIONS_READ)) {
            return actor.can(Permission.AUDIT_READ) ? "redirect:/audit" : "redirect:/login?error";
        }
        return unit(actor.unitCode(), model);
    }

    /** A unit of the jurisdiction: its place in the tree, the units below it, its staff. */
    @GetMapping("/units/{code}")
    @PreAuthorize("hasAuthority('divisions:read')")
    String unit(@PathVariable String code, Model model) {
        Actor actor = Actors.require();
        Division unit = divisions
                .find(code)
                .filter(d -> actor.covers(d.code()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("unit", unit);
        model.addAttribute("path", divisions.ancestors(unit.code()));
        model.addAttribute("children", divisions.childNodes(unit.code()));
        model.addAttribute("staff", staff.ofUnit(unit.code()));
        return "staff/home";
    }

    /**
     * The notices of the last day for the signed-in unit (escalations, red warnings), one row per
     * record they are about: the unit's, those sent to me, or those whose warning still awaits
     * acknowledgement here.
     */
    @GetMapping("/notices")
    String notices(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "UNIT") Notices.View view,
            Model model) {
        Actor actor = Actors.require();
        var groups =
                Notices.grouped(notices.recent(actor, unread, view == Notices.View.MINE ? view : Notices.View.UNIT));
        // the records whose warning still awaits acknowledgement here: marked on each row, and the OPEN view
        java.util.Map<String, Long> warningOf = new java.util.HashMap<>();
        groups.forEach(g -> {
            Long w = Notices.warningOf(g.subject());
            if (w != null) {
                warningOf.put(g.subject(), w);
            }
        });
        java.util.Set<Long> awaiting = actor.can(org.fanzha.platform.Permission.WARNINGS_READ)
                ? warnings.awaitingAcknowledgement(warningOf.values())
                : java.util.Set.of();
        java.util.Set<String> awaitingSubjects = warningOf.entrySet().stream()
                .filter(e -> awaiting.contains(e.getValue()))
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        if (view == Notices.View.OPEN) {
            groups = groups.stream()
                    .filter(g -> awaitingSubjects.contains(g.subject()))
                    .toList();
        }
        model.addAttribute("groups", groups);
        model.addAttribute("awaitingSubjects", awaitingSubjects);
        model.addAttribute("unread", unread);
        model.addAttribute("view", view);
        return "staff/notices";
    }

    /** What a browser that opted in alerts with sound and a desktop notice: the red warnings and escalations since it last looked. */
    @GetMapping(path = "/notices/alerts.json", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    java.util.Map<String, Object> alerts(@RequestParam(required = false) @Nullable Long after) {
        Actor actor = Actors.require();
        long latest = notices.latestId(actor);
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<java.util.Map<String, Object>> alerts = after == null
                ? List.of()
                : notices.alertsAfter(actor, after).stream()
                        .map(n -> java.util.Map.<String, Object>of(
                                "id", n.id(),
                                "kind", n.kind(),
                                "text", org.fanzha.platform.Texts.decode(n.text(), locale),
                                "link", "/notices/" + n.id() + "/open"))
                        .toList();
        return java.util.Map.of("latest", latest, "unread", notices.recentCount(actor), "alerts", alerts);
    }

    /** A notice opened: read from now on, and on to what it is about. */
    @GetMapping("/notices/{id}/open")
    String openNotice(@PathVariable long id) {
        return "redirect:"
                + notices.read(id, Actors.require())
                        .filter(l -> l.startsWith("/"))
                        .orElse("/notices");
    }

    @PostMapping("/notices/read")
    String readAllNotices() {
        notices.readAll(Actors.require());
        return "redirect:/notices";
    }

    @GetMapping("/admin/staff")
    @PreAuthorize("hasAuthority('staff:read')")
    String staffList(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q.length() > 50 ? q.substring(0, 50) : q);
        model.addAttribute("accounts", staff.list("", q.length() > 50 ? q.substring(0, 50) : q, 0, 200));
        model.addAttribute("roles", EnumSet.allOf(Role.class));
        return "staff/accounts";
    }

    @PostMapping("/admin/staff")
    @PreAuthorize("hasAuthority('staff:manage')")
    String createStaff(
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam String unitCode,
            @RequestParam(required = false) @Nullable Set<Role> roles,
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam String password,
            Model model,
            RedirectAttributes redirect) {
        try {
            var created = staff.create(new StaffAdministration.NewStaff(
                    username, displayName, unitCode, roles == null ? Set.of() : roles, phone, password));
            redirect.addFlashAttribute("created", created.username());
            return "redirect:/admin/staff";
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.errors());
            model.addAttribute(
                    "form", new StaffForm(username, displayName, unitCode, roles == null ? Set.of() : roles, phone));
            return staffList("", model);
        }
    }

    @PostMapping("/admin/staff/{id}/enabled")
    @PreAuthorize("hasAuthority('staff:manage')")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Model model) {
        try {
            staff.change(id, new StaffAdministration.StaffChange(null, null, null, enabled, null));
            return "redirect:/admin/staff";
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.errors());
            return staffList("", model);
        }
    }

    record StaffForm(
            String username,
            String displayName,
            String unitCode,
            Set<Role> roles,
            @Nullable String phone) {}

    @GetMapping("/admin/tokens")
    @PreAuthorize("hasAuthority('tokens:manage')")
    String tokenList(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("grantable", TokenAdministration.grantable());
        model.addAttribute("sources", EnumSet.allOf(Source.class));
        return "staff/tokens";
    }

    @PostMapping("/admin/tokens")
    @PreAuthorize("hasAuthority('tokens:manage')")
    String createToken(
            @RequestParam String name,
            @RequestParam(required = false) @Nullable List<String> permissions,
            @RequestParam(required = false) @Nullable Set<Source> sources,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    LocalDateTime expiresAt,
            @RequestParam(required = false) @Nullable String bank,
            Model model,
            RedirectAttributes redirect) {
        try {
            var issued = tokens.create(
                    name,
                    permissions == null ? List.of() : permissions,
                    sources == null ? Set.of() : sources,
                    expiresAt == null
                            ? null
                            : expiresAt.atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
                    bank);
            redirect.addFlashAttribute("secret", issued.secret());
            return "redirect:/admin/tokens";
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.errors());
            return tokenList(model);
        }
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    @PreAuthorize("hasAuthority('tokens:manage')")
    String revokeToken(@PathVariable long id) {
        tokens.revoke(id);
        return "redirect:/admin/tokens";
    }
}
