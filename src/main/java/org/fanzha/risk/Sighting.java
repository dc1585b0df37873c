package org.fanzha.risk;

import java.time.Instant;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * One time an identifier was seen in fraud, as a module or partner reports it.
 *
 * @param type the identifier's type
 * @param value the value as written (normalised by the list)
 * @param kind how it was seen
 * @param at when (a case: when it was filed)
 * @param refType what it came from: CASE, WARNING, TRACE, FUND_REQUEST, REPORT, PARTNER
 * @param refId the id of that; a sighting is recorded once per identifier, kind and reference
 * @param reporter who saw it (a partner's name, a public reporter's pseudonym), or null
 * @param unitCode the unit of the case or warning, or null
 * @param fraudType the fraud type where known
 * @param receiving a case's caller or receiving account (the case-recent rule)
 */
public record Sighting(
        RiskType type,
        String value,
        SightingKind kind,
        Instant at,
        String refType,
        String refId,
        @Nullable String reporter,
        @Nullable String unitCode,
        @Nullable FraudType fraudType,
        boolean receiving) {}
