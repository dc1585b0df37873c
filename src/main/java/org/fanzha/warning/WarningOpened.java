package org.fanzha.warning;

import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/** A new warning was opened and assigned; no personal data travels in the event. */
public record WarningOpened(
        long warningId,
        String unitCode,
        Urgency urgency,
        @Nullable FraudType fraudType) {}
