package org.fanzha.staff.internal;

import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.RevealableRecords;
import org.springframework.stereotype.Component;

/** A staff member's phone, revealed in full through the audited reveal. */
@Component
class StaffRevealable implements RevealableRecords {

    private final StaffAccounts accounts;

    StaffRevealable(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String entity() {
        return "staff";
    }

    @Override
    public Set<String> fields() {
        return Set.of("phone");
    }

    @Override
    public Optional<Revealable> find(String id, String field) {
        if (!id.chars().allMatch(Character::isDigit) || id.isEmpty() || id.length() > 18) {
            return Optional.empty();
        }
        return accounts.byIdUnscoped(Long.parseLong(id)).map(a -> new Revealable(a.unitCode(), a.phone()));
    }
}
