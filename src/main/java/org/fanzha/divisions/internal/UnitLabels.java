package org.fanzha.divisions.internal;

import org.fanzha.divisions.Divisions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Units as pages show them, by name with their code ({@code ${@units.label(code)}}: 金水区 (410105)). */
@Component("units")
public class UnitLabels {

    private final Divisions divisions;

    UnitLabels(Divisions divisions) {
        this.divisions = divisions;
    }

    /** "金水区 (410105)"; the code alone when no division has it; a dash for none. */
    public String label(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        return divisions.find(code).map(d -> d.name() + " (" + code + ")").orElse(code);
    }
}
