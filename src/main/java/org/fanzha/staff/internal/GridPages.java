package org.fanzha.staff.internal;

import java.io.IOException;
import java.util.Locale;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Forms;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** 一村一警: a township's (or county's) villages with their community officer and grid members, and the .xlsx roster import. */
@Controller
class GridPages {

    private final GridPosts posts;
    private final GridImport imports;
    private final Divisions divisions;

    GridPages(GridPosts posts, GridImport imports, Divisions divisions) {
        this.posts = posts;
        this.imports = imports;
        this.divisions = divisions;
    }

    @GetMapping("/admin/grid")
    @PreAuthorize("hasAuthority('grid:manage')")
    String grid(@RequestParam(defaultValue = "") String unit, Model model) {
        Actor actor = Actors.requirePermission(Permission.GRID_MANAGE);
        String code = unit.isBlank() ? actor.unitCode() : unit.strip();
        try {
            model.addAttribute("posts", posts.posts(code, actor));
            model.addAttribute("unit", divisions.get(code));
            model.addAttribute(
                    "path",
                    divisions.ancestors(code).stream()
                            .filter(d -> actor.covers(d.code()))
                            .toList());
            model.addAttribute(
                    "children",
                    divisions.childNodes(code).stream()
                            .filter(d -> !GridPosts.assignable(divisions.get(d.code())))
                            .toList());
        } catch (ProblemException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND);
        }
        return "staff/grid";
    }

    @PostMapping("/admin/grid/officer")
    @PreAuthorize("hasAuthority('grid:manage')")
    String officer(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String divisionCode,
            @RequestParam(defaultValue = "") String officer,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.GRID_MANAGE);
        try {
            if (officer.isBlank()) {
                posts.removeOfficer(divisionCode, actor);
            } else {
                posts.assignOfficer(divisionCode, officer, actor);
            }
            redirect.addFlashAttribute("saved", divisionCode);
        } catch (ProblemException e) {
            Forms.refused(redirect, e, Forms.typed("divisionCode", divisionCode, "officer", officer));
        }
        return back(unit);
    }

    @PostMapping("/admin/grid/members")
    @PreAuthorize("hasAuthority('grid:manage')")
    String member(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String divisionCode,
            @RequestParam(defaultValue = "") String memberName,
            @RequestParam(defaultValue = "") String memberPhone,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.GRID_MANAGE);
        try {
            posts.addMember(divisionCode, memberName, memberPhone, actor);
            redirect.addFlashAttribute("saved", divisionCode);
        } catch (ProblemException e) {
            Forms.refused(
                    redirect,
                    e,
                    Forms.typed("divisionCode", divisionCode, "memberName", memberName, "memberPhone", memberPhone));
        }
        return back(unit);
    }

    @PostMapping("/admin/grid/members/{id}/remove")
    @PreAuthorize("hasAuthority('grid:manage')")
    String removeMember(
            @PathVariable long id, @RequestParam(defaultValue = "") String unit, RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.GRID_MANAGE);
        try {
            posts.removeMember(id, actor);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return back(unit);
    }

    @PostMapping("/admin/grid/import")
    @PreAuthorize("hasAuthority('grid:manage')")
    String importRoster(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam("file") @Nullable MultipartFile file,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        Actor actor = Actors.requirePermission(Permission.GRID_MANAGE);
        try {
            if (file == null || file.isEmpty()) {
                throw org.fanzha.platform.InvalidInput.of("file", "error.required", null);
            }
            redirect.addFlashAttribute("report", imports.importXlsx(file.getInputStream(), actor, locale));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return back(unit);
    }

    private static String back(String unit) {
        return "redirect:/admin/grid" + (unit.isBlank() ? "" : "?unit=" + UriUtils.encodeQueryParam(unit, "UTF-8"));
    }
}
