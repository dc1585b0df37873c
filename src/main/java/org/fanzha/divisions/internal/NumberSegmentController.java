package org.fanzha.divisions.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.fanzha.platform.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The number-segment table over the API: import a CSV body, page through the table. */
@RestController
@RequestMapping("/api/v1/number-segments")
class NumberSegmentController {

    private final NumberSegmentImport imports;
    private final NumberSegments segments;

    NumberSegmentController(NumberSegmentImport imports, NumberSegments segments) {
        this.imports = imports;
        this.segments = segments;
    }

    @PostMapping(consumes = {"text/csv", "text/plain"})
    @PreAuthorize("hasAuthority('number-segments:manage')")
    NumberSegmentImport.Report importCsv(@RequestBody String csv) throws IOException {
        return imports.importCsv(new StringReader(csv));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('divisions:read')")
    List<NumberSegments.Segment> list(
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "100") int limit) {
        if (from.length() > 7 || !from.chars().allMatch(Character::isDigit)) {
            throw new InvalidInput("from", "error.up7Digits", null);
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "error.between11000", limit);
        }
        return segments.page(from, limit);
    }
}
