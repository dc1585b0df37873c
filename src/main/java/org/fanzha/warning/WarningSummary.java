package org.fanzha.warning;

import java.math.BigDecimal;
import java.time.Instant;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/** A warning as other modules see it: the phone and the address masked (the audited reveal shows them whole). */
public record WarningSummary(
        long id,
        String maskedPhone,
        @Nullable FraudType fraudType,
        Urgency urgency,
        String unitCode,
        WarningState state,
        @Nullable Outcome outcome,
        @Nullable BigDecimal amountAtRisk,
        Instant openedAt,
        @Nullable String maskedAddress) {}
