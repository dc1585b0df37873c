package org.fanzha.risk.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Risk entries for staff through the API (risk:check to read, risk:review to review). */
@RestController
@RequestMapping("/api/v1/risk")
class RiskEntriesController {

    private final RiskReads reads;

    RiskEntriesController(RiskReads reads) {
        this.reads = reads;
    }

    @GetMapping("/entries")
    List<RiskReads.EntryView> search(
            @RequestParam(defaultValue = "") String value, @RequestParam(required = false) @Nullable String type) {
        return reads.search(value, type);
    }

    @GetMapping("/entries/{id}")
    RiskReads.EntryDetail entry(@PathVariable long id, @RequestParam(required = false) @Nullable String value) {
        return reads.entry(id, value);
    }

    @GetMapping("/reviews")
    List<RiskReads.EntryView> queue(@RequestParam(defaultValue = "100") int limit) {
        return reads.queue(limit);
    }

    @PostMapping("/entries/{id}/review")
    RiskReads.EntryView review(@PathVariable long id, @RequestBody RiskReads.ReviewRequest request) {
        return reads.review(id, request);
    }
}
