package org.fanzha.cases.internal;

import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.RevealableRecords;
import org.springframework.stereotype.Component;

/** A case suspect's ID number and phone, revealed in full through the audited reveal (POST /api/v1/reveal), in the case's jurisdiction. */
@Component
class SuspectRevealable implements RevealableRecords {

    private final CaseStore store;

    SuspectRevealable(CaseStore store) {
        this.store = store;
    }

    @Override
    public String entity() {
        return "caseSuspect";
    }

    @Override
    public Set<String> fields() {
        return Set.of("idNumber", "phone");
    }

    @Override
    public Optional<Revealable> find(String id, String field) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long suspectId = Long.parseLong(id);
        return store.suspect(suspectId)
                .flatMap(s -> store.caseOfSuspect(suspectId)
                        .flatMap(store::find)
                        .map(c -> new Revealable(c.unitCode(), field.equals("phone") ? s.phone() : s.idNumber())));
    }
}
