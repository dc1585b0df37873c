package org.fanzha.risk.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.cases.Identifiers;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.fanzha.risk.SightingKind;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningOpened;
import org.fanzha.warning.WarningsOpened;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A warning's counterparts (the number calling or texting the person, the account they pay to,
 * the app they installed) as sightings: MEDIUM on their own, a partner's word not yet reviewed.
 */
@Component
class WarningSightings {

    private final WarningDesk warnings;
    private final RiskEntries entries;

    WarningSightings(WarningDesk warnings, RiskEntries entries) {
        this.warnings = warnings;
        this.entries = entries;
    }

    @ApplicationModuleListener
    void on(WarningOpened opened) {
        record(List.of(opened));
    }

    @ApplicationModuleListener
    void on(WarningsOpened opened) {
        record(opened.warnings());
    }

    private void record(List<WarningOpened> opened) {
        Instant now = entries.now();
        List<Sighting> sightings = new ArrayList<>();
        for (WarningOpened w : opened) {
            for (var counterpart : warnings.counterpartsOf(w.warningId())) {
                var id = Identifiers.ofCounterpart(counterpart.getKey(), counterpart.getValue());
                if (id == null) {
                    continue;
                }
                RiskType.of(id.type())
                        .filter(t -> !t.site())
                        .ifPresent(type -> sightings.add(new Sighting(
                                type,
                                id.value(),
                                SightingKind.WARNING_COUNTERPART,
                                now,
                                "WARNING",
                                Long.toString(w.warningId()),
                                null,
                                w.unitCode(),
                                w.fraudType(),
                                false)));
            }
        }
        if (!sightings.isEmpty()) {
            entries.record(sightings);
        }
    }
}
