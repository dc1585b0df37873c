package org.fanzha.divisions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/divisions")
@PreAuthorize("hasAuthority('divisions:read')")
class DivisionController {

    private final Divisions divisions;
    private final UnitResolver resolver;

    DivisionController(Divisions divisions, UnitResolver resolver) {
        this.divisions = divisions;
        this.resolver = resolver;
    }

    record Ancestor(String code, String name, DivisionLevel level) {}

    record DivisionView(
            String code,
            String name,
            DivisionLevel level,
            @Nullable String parentCode,
            boolean unit,
            List<Ancestor> path,
            int childCount) {}

    record ChildView(String code, String name, DivisionLevel level, int childCount) {}

    @GetMapping("/{code}")
    DivisionView division(@PathVariable String code) {
        Division d = divisions.get(code);
        List<Ancestor> path = divisions.ancestors(d.code()).stream()
                .map(a -> new Ancestor(a.code(), a.name(), a.level()))
                .toList();
        return new DivisionView(
                d.code(), d.name(), d.level(), d.parentCode(), d.unit(), path, divisions.childCount(d.code()));
    }

    @GetMapping("/{code}/children")
    List<ChildView> children(@PathVariable String code) {
        return divisions.children(code).stream().map(this::child).toList();
    }

    @GetMapping
    List<ChildView> search(
            @RequestParam String q,
            @RequestParam(required = false) @Nullable String within,
            @RequestParam(defaultValue = "20") int limit) {
        if (q.isBlank() || q.length() > 50) {
            throw new InvalidInput("q", "error.give150CharactersNameCode", q);
        }
        if (limit < 1 || limit > 200) {
            throw new InvalidInput("limit", "error.between1200", limit);
        }
        String scope = within == null ? "" : divisions.get(within).code();
        return divisions.search(q, scope, limit).stream().map(this::child).toList();
    }

    private ChildView child(Division d) {
        return new ChildView(d.code(), d.name(), d.level(), divisions.childCount(d.code()));
    }

    /** Exactly one of phone, idNumber, divisionCode or address. */
    @GetMapping("/resolve")
    UnitResolution resolve(
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam(required = false) @Nullable String idNumber,
            @RequestParam(required = false) @Nullable String divisionCode,
            @RequestParam(required = false) @Nullable String address) {
        Map<String, @Nullable String> given = new java.util.LinkedHashMap<>();
        given.put("phone", phone);
        given.put("idNumber", idNumber);
        given.put("divisionCode", divisionCode);
        given.put("address", address);
        List<String> present = new ArrayList<>();
        given.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                present.add(k);
            }
        });
        if (present.size() != 1) {
            throw new InvalidInput(List.of(new FieldError(
                    String.join(",", given.keySet()),
                    present.isEmpty()
                            ? "give one of these"
                            : "give only one of these, not " + String.join(" and ", present),
                    null)));
        }
        String value = given.get(present.get(0));
        if (value.length() > 200) {
            throw new InvalidInput(present.get(0), "error.atMost200Characters", null);
        }
        return switch (present.get(0)) {
            case "phone" -> resolver.byPhone(value);
            case "idNumber" -> resolver.byIdNumber(value);
            case "divisionCode" -> resolver.byDivisionCode(value);
            default -> resolver.byAddress(value);
        };
    }
}
