package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.SignalType;
import org.jspecify.annotations.Nullable;

/** A validated lead: the phone in its normal form, optional fields only when they were valid. */
record LeadInput(
        Source source,
        String sourceId,
        String phone,
        @Nullable String idNumber,
        @Nullable String name,
        @Nullable String address,
        @Nullable String divisionCode,
        @Nullable FraudType fraudType,
        List<Signal> signals,
        @Nullable BigDecimal amountAtRisk,
        Instant observedAt) {

    /** One observation; which fields are set depends on the type. */
    record Signal(
            SignalType type,
            @Nullable String counterpart,
            @Nullable Integer minutes,
            @Nullable String account,
            @Nullable BigDecimal amount,
            @Nullable String url,
            @Nullable String app) {}

    boolean has(SignalType type) {
        return signals.stream().anyMatch(s -> s.type() == type);
    }
}
