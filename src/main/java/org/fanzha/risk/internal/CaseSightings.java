package org.fanzha.risk.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.CaseFiled;
import org.fanzha.cases.CaseIdentifiersAdded;
import org.fanzha.cases.CaseStatus;
import org.fanzha.cases.CaseWithdrawn;
import org.fanzha.cases.IdentifierType;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.fanzha.risk.SightingKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case's identifiers as sightings: each identifier of a case the list keeps is seen at the
 * case's acceptance, its phones and payment identifiers as the case's caller or receiving
 * account. A case is taken in again whenever it changes (filed, identifiers added, withdrawn:
 * then its sightings are taken back), and a catch-up takes in the cases filed before the list
 * existed or whose event was missed.
 */
@Component
class CaseSightings {

    private static final Logger log = LoggerFactory.getLogger(CaseSightings.class);

    /** The identifiers that are a case's caller or receiving account (the others link the case, HIGH). */
    static final Set<IdentifierType> RECEIVING = EnumSet.of(
            IdentifierType.PHONE,
            IdentifierType.BANK_CARD,
            IdentifierType.BANK_ACCOUNT,
            IdentifierType.PAYMENT_ACCOUNT,
            IdentifierType.ECNY_WALLET,
            IdentifierType.CRYPTO_ADDRESS);

    private final CaseDesk cases;
    private final RiskEntries entries;
    private final RiskStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CaseSightings(CaseDesk cases, RiskEntries entries, RiskStore store, JdbcClient jdbc, TransactionTemplate tx) {
        this.cases = cases;
        this.entries = entries;
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @ApplicationModuleListener
    void on(CaseFiled event) {
        sync(event.caseId());
    }

    @ApplicationModuleListener
    void on(CaseIdentifiersAdded event) {
        sync(event.caseId());
    }

    @ApplicationModuleListener
    void on(CaseWithdrawn event) {
        sync(event.caseId());
    }

    /** Takes the case's identifiers in as they are now (in the caller's transaction). */
    void sync(long caseId) {
        String ref = Long.toString(caseId);
        var found = cases.identifiersOf(caseId);
        if (found.isEmpty() || found.get().status() == CaseStatus.WITHDRAWN) {
            entries.withdraw("CASE", ref);
            return;
        }
        var c = found.get();
        List<Sighting> sightings = new ArrayList<>();
        for (var id : c.identifiers()) {
            RiskType.of(id.type())
                    .filter(t -> !t.site())
                    .ifPresent(type -> sightings.add(new Sighting(
                            type,
                            id.value(),
                            SightingKind.CASE,
                            c.acceptedAt(),
                            "CASE",
                            ref,
                            null,
                            c.unitCode(),
                            c.fraudType(),
                            RECEIVING.contains(id.type()))));
        }
        entries.replace("CASE", ref, sightings);
    }

    /** Takes in the cases after the cursor, a page at a time, one instance at a time. */
    @Scheduled(
            initialDelayString = "${fanzha.risk.case-catch-up-delay:5s}",
            fixedDelayString = "${fanzha.risk.case-catch-up-interval:60s}")
    void catchUp() {
        try {
            while (Boolean.TRUE.equals(tx.execute(status -> page()))) {
                // next page
            }
        } catch (RuntimeException e) {
            log.warn("Risk list: catching up with cases failed: {}", e.toString());
        }
    }

    /** One page of the catch-up; true if there may be more. */
    boolean page() {
        Long cursor = jdbc.sql("SELECT case_id FROM risk_case_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (cursor == null) {
            return false; // another instance is at it
        }
        List<Long> ids = cases.caseIdsAfter(cursor, 200);
        for (Long id : ids) {
            sync(id);
        }
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE risk_case_cursor SET case_id = ? WHERE id = 1")
                    .param(ids.get(ids.size() - 1))
                    .update();
        }
        return ids.size() == 200;
    }
}
