package org.fanzha.cases.internal;

import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.RevealableRecords;
import org.springframework.stereotype.Component;

/** A victim's phone, ID number, name and address, revealed in full through the audited reveal (POST /api/v1/reveal). */
@Component
class CaseRevealable implements RevealableRecords {

    private final CaseStore store;

    CaseRevealable(CaseStore store) {
        this.store = store;
    }

    @Override
    public String entity() {
        return "case";
    }

    @Override
    public Set<String> fields() {
        return Set.of("victimPhone", "victimIdNumber", "victimName", "victimAddress");
    }

    @Override
    public Optional<Revealable> find(String id, String field) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return store.find(Long.parseLong(id))
                .map(c -> new Revealable(
                        c.unitCode(),
                        switch (field) {
                            case "victimPhone" -> c.victimPhone();
                            case "victimIdNumber" -> c.victimIdNumber();
                            case "victimName" -> c.victimName();
                            default -> c.victimAddress();
                        }));
    }
}
