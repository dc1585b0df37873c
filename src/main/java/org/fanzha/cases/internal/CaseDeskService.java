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
    private final org.springframework.context.ApplicationEventPublisher events;

    CaseDeskService(
            CaseStore store,
            CaseFiles files,
            CardRegistry cards,
            AuditLog audit,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.files = files;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CaseRef accept(Accept a, Actor actor) {
        CaseFiles.CaseView c = files.file(
                new CaseFiles.CaseRequest(
                        null,
                        a.fraudType().name(),
                        a.victimPhone() == null ? null : new CaseFiles.Victim(null, a.victimPhone(), null, null),
                        a.loss().toPlainString(),
                        a.occurredAt().atOffset(java.time.ZoneOffset.ofHours(8)).toString(),
                        null,
                        a.unitCode(),
                        a.identifiers().stream()
                                .map(i -> (CaseFiles.@org.jspecify.annotations.Nullable IdentifierInput)
                                        new CaseFiles.IdentifierInput(i.type().name(), i.value()))
                                .toList()),
                actor);
        return new CaseRef(c.id(), c.caseNumber() == null ? "" : c.caseNumber(), c.status(), c.unitCode());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseRef> find(long caseId, Actor actor) {
        return store.find(caseId)
                .filter(c -> actor.covers(c.unitCode()))
                .map(c -> new CaseRef(c.id(), c.caseNumber() == null ? "" : c.caseNumber(), c.status(), c.unitCode()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseIdentifiers> identifiersOf(long caseId) {
        return store.find(caseId)
                .map(c -> new CaseIdentifiers(
                        c.id(),
                        c.unitCode(),
                        c.status(),
                        c.fraudType(),
                        c.acceptedAt(),
                        store.identifiers(c.id()).stream()
                                .filter(i -> store.nonLinkingReason(i.type(), i.value())
                                        .isEmpty())
                                .map(i -> new Identifiers.Identifier(
                                        i.type(), i.value(), i.detail() == null ? "" : i.detail()))
                                .toList()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Long> caseIdsAfter(long afterId, int limit) {
        return store.idsAfter(afterId, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, Long> casesOfWarnings(java.util.Collection<Long> warningIds) {
        return store.casesOfWarnings(warningIds);
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
            events.publishEvent(new org.fanzha.cases.CaseIdentifiersAdded(caseId));
            audit.record("UPDATE", "case", Long.toString(caseId), added + " identifiers from fund tracing");
        }
        return added;
    }
}
