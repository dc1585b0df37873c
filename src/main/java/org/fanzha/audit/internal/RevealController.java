package org.fanzha.audit.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows one masked field in full, to a staff member whose jurisdiction covers the record, for a
 * stated reason, and audits it. A record outside the jurisdiction answers exactly like one that
 * does not exist, so ids cannot be probed.
 */
@RestController
class RevealController {

    private final Reveals reveals;

    RevealController(Reveals reveals) {
        this.reveals = reveals;
    }

    record RevealRequest(
            @NotBlank @Size(max = 40) String entity,
            @NotBlank @Size(max = 64) String id,
            @NotBlank @Size(max = 40) String field,
            @NotBlank @Size(min = 4, max = 500) String reason) {}

    @PostMapping("/api/v1/reveal")
    Reveals.Revealed reveal(@Valid @RequestBody RevealRequest request) {
        return reveals.reveal(request.entity(), request.id(), request.field(), request.reason());
    }
}
