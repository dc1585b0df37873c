package org.fanzha.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CaseDeskService implements CaseDesk {

    private final CaseStore store;
    private final CaseFiles files;
    private final CardRegistry cards;
    private final AuditLog audit;
    private final Clock clock;

    CaseDeskService(CaseStore store, CaseFiles files, CardRegistry cards, AuditLog audit, Clock clock) {
        this.store = store;
        this.files = files;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseRef> find(long caseId, Actor actor) {
        return store.find(caseId)
                .filter(c -> actor.covers(c.unitCode()))
                .map(c -> new CaseRef(c.id(), c.caseNumber() == null ? "" : c.caseNumber(), c.status(), c.unitCode()));
    }

    @Override
    @Transactional
    public void fundLevels(java.util.Map<String, Integer> bankCardLevels) {
        cards.fundLevels(bankCardLevels);
    }

    @Override
    @Transactional
    public int addIdentifiers(long caseId, List<Identifiers.Identifier> identifiers, Actor actor) {
        files.visible(caseId, actor);
        Instant now = clock.instant();
        int added = 0;
        for (Identifiers.Identifier ident : identifiers) {
            if (store.addIdentifier(caseId, ident.type(), ident.value(), ident.detail(), CaseFiles.by(actor), now)) {
                store.event(caseId, now, CaseFiles.by(actor), "IDENTIFIER", ident.type() + " " + ident.value());
                cards.fromCase(caseId, ident.type(), ident.value(), ident.detail(), now);
                added++;
            }
        }
        if (added > 0) {
            audit.record("UPDATE", "case", Long.toString(caseId), added + " identifiers from fund tracing");
        }
        return added;
    }
}
