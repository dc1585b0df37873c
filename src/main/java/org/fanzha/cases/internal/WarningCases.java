package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseStatus;
import org.fanzha.platform.FraudType;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningClosed;
import org.fanzha.warning.WarningDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A warning closed ALREADY_DEFRAUDED (the person was defrauded before anyone reached them) opens
 * an ACCEPTED case for the warning's unit, prefilled with the person and the amount at risk, once.
 */
@Component
class WarningCases {

    private static final Logger log = LoggerFactory.getLogger(WarningCases.class);

    private final CaseStore store;
    private final WarningDesk desk;
    private final AuditLog audit;
    private final Clock clock;
    private final CardRegistry cards;

    private final org.springframework.context.ApplicationEventPublisher events;

    WarningCases(
            CaseStore store,
            WarningDesk desk,
            AuditLog audit,
            Clock clock,
            CardRegistry cards,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.cards = cards;
        this.store = store;
        this.desk = desk;
        this.audit = audit;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(WarningClosed closed) {
        if (closed.outcome() != Outcome.ALREADY_DEFRAUDED
                || store.byWarning(closed.warningId()).isPresent()) {
            return;
        }
        var person = desk.personOf(closed.warningId());
        if (person.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        var p = person.get();
        long id = store.insert(
                new CaseStore.FraudCase(
                        0,
                        null,
                        closed.fraudType() == null ? FraudType.OTHER : closed.fraudType(),
                        CaseStatus.ACCEPTED,
                        p.name(),
                        p.phone(),
                        p.idNumber(),
                        p.address(),
                        closed.amountAtRisk() == null
                                ? BigDecimal.ZERO.setScale(2)
                                : closed.amountAtRisk().setScale(2),
                        closed.openedAt(),
                        now,
                        null,
                        null,
                        null,
                        closed.unitCode(),
                        null,
                        closed.warningId(),
                        "system:warning"),
                now);
        store.event(id, now, "system", "ACCEPTED", "受案: 预警 " + closed.warningId() + " 已被骗; 损失金额按预警涉案金额预填，待核实");
        // what the leads saw of the fraudsters becomes the case's identifiers, so it links at once
        for (var counterpart : desk.counterpartsOf(closed.warningId())) {
            var ident = org.fanzha.cases.Identifiers.ofCounterpart(counterpart.getKey(), counterpart.getValue());
            if (ident != null
                    && store.addIdentifier(id, ident.type(), ident.value(), ident.detail(), "system:warning", now)) {
                cards.fromCase(id, ident.type(), ident.value(), ident.detail(), now);
            }
        }
        audit.record(
                "CREATE",
                "case",
                Long.toString(id),
                "opened from warning " + closed.warningId() + " (ALREADY_DEFRAUDED)");
        events.publishEvent(new org.fanzha.cases.CaseFiled(id));
        log.info(
                "Warning {} closed ALREADY_DEFRAUDED: case {} accepted for {}",
                closed.warningId(),
                id,
                closed.unitCode());
    }
}
