package org.fanzha.warning;

import java.math.BigDecimal;
import java.time.Instant;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * A warning was closed with an outcome. ALREADY_DEFRAUDED opens a case, PERSISTS a visit and a
 * stop-payment request, DISSUADED counts its amount at risk as loss averted.
 *
 * @param amountAtRisk the largest amount at risk among the warning's leads, not their sum
 */
public record WarningClosed(
        long warningId,
        String unitCode,
        Outcome outcome,
        Urgency urgency,
        @Nullable FraudType fraudType,
        @Nullable BigDecimal amountAtRisk,
        Instant openedAt,
        Instant closedAt) {}
