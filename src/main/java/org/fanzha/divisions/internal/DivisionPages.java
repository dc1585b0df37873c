package org.fanzha.divisions.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** htmx fragments of the division tree and search, and the number-segment upload page. */
@Controller
class DivisionPages {

    private final Divisions divisions;
    private final NumberSegmentImport imports;

    DivisionPages(Divisions divisions, NumberSegmentImport imports) {
        this.divisions = divisions;
        this.imports = imports;
    }

    @GetMapping("/divisions/{code}/tree")
    @PreAuthorize("hasAuthority('divisions:read')")
    String tree(@PathVariable String code, Model model) {
        model.addAttribute("divisions", divisions.childNodes(code));
        return "divisions/tree :: nodes(divisions=${divisions})";
    }

    @GetMapping("/divisions/search")
    @PreAuthorize("hasAuthority('divisions:read')")
    String search(
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String within, Model model) {
        String scope = Actors.require().unitCode();
        if (!within.isEmpty() && within.startsWith(scope) && within.chars().allMatch(Character::isDigit)) {
            scope = within;
        }
        String text = q.length() > 50 ? q.substring(0, 50) : q;
        model.addAttribute(
                "results",
                divisions.search(text, scope, 30).stream().map(divisions::node).toList());
        return "divisions/tree :: search(results=${results})";
    }

    @GetMapping("/admin/number-segments")
    @PreAuthorize("hasAuthority('number-segments:manage')")
    String segments(Model model) {
        model.addAttribute("count", imports.count());
        return "divisions/segments";
    }

    @PostMapping("/admin/number-segments")
    @PreAuthorize("hasAuthority('number-segments:manage')")
    String upload(@RequestParam("file") MultipartFile file, Model model) throws IOException {
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            model.addAttribute("report", imports.importCsv(reader));
        }
        return segments(model);
    }
}
