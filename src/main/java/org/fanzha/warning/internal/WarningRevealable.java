package org.fanzha.warning.internal;

import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.RevealableRecords;
import org.springframework.stereotype.Component;

/** The potential victim's phone, ID number, name and address, revealed in full through the audited reveal. */
@Component
class WarningRevealable implements RevealableRecords {

    private final WarningStore store;

    WarningRevealable(WarningStore store) {
        this.store = store;
    }

    @Override
    public String entity() {
        return "warning";
    }

    @Override
    public Set<String> fields() {
        return Set.of("phone", "idNumber", "name", "address");
    }

    @Override
    public Optional<Revealable> find(String id, String field) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return store.findUnscoped(Long.parseLong(id))
                .map(w -> new Revealable(
                        w.unitCode(),
                        switch (field) {
                            case "phone" -> w.phone();
                            case "idNumber" -> w.idNumber();
                            case "name" -> w.name();
                            default -> w.address();
                        }));
    }
}
