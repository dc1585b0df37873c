package org.fanzha.cases;

import java.util.List;
import java.util.Optional;
import org.fanzha.platform.Actor;

/** What other modules (funds) may ask of a case, as the acting user and within their jurisdiction. */
public interface CaseDesk {

    /** A case as other modules see it: no personal data. */
    record CaseRef(long id, String caseNumber, CaseStatus status, String unitCode) {}

    /**
     * A case to accept (受理) from what a victim reported: no case number yet.
     *
     * @param victimPhone the victim's phone, when the reporter is the victim
     * @param identifiers what the fraudster used and the accounts paid to
     */
    record Accept(
            org.fanzha.platform.FraudType fraudType,
            java.math.BigDecimal loss,
            java.time.Instant occurredAt,
            String unitCode,
            @org.jspecify.annotations.Nullable String victimPhone,
            List<Identifiers.Identifier> identifiers) {}

    /**
     * Accepts a case as the actor (who must file cases for the unit), its identifiers linked at
     * once, as {@code POST /api/v1/cases} does. Returns the case.
     */
    CaseRef accept(Accept accept, Actor actor);

    /** The case if it exists within the actor's jurisdiction. */
    Optional<CaseRef> find(long caseId, Actor actor);

    /**
     * Adds identifiers to the case (linked at once), as the actor; bad or already present ones are
     * skipped. Returns how many were added.
     */
    int addIdentifiers(long caseId, List<Identifiers.Identifier> identifiers, Actor actor);

    /**
     * Records the level at which fund tracing met bank cards (card number → level; 1: the card
     * received a victim's money, 一级卡, the card-breaking campaign's first targets). A card keeps
     * the lowest level it was met at; cards not known to the campaign are left alone.
     */
    void fundLevels(java.util.Map<String, Integer> bankCardLevels);

    /**
     * A case's identifiers as the system's own listeners (the risk list) read them: no personal
     * data, never shown to a user as such; identifiers marked non-linking (a bank's service
     * number, a big platform) are left out.
     */
    record CaseIdentifiers(
            long caseId,
            String unitCode,
            CaseStatus status,
            org.fanzha.platform.FraudType fraudType,
            java.time.Instant acceptedAt,
            List<Identifiers.Identifier> identifiers) {}

    /** The case's identifiers, for the system (no jurisdiction: listeners act for the province). */
    Optional<CaseIdentifiers> identifiersOf(long caseId);

    /** Ids of cases after an id, in order, for a listener catching up with cases filed before it existed. */
    List<Long> caseIdsAfter(long afterId, int limit);

    /** The cases made from warnings (a case accepted from a closed warning): case id to warning id. */
    java.util.Map<Long, Long> casesOfWarnings(java.util.Collection<Long> warningIds);
}
