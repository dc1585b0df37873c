package org.fanzha.warning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;

/**
 * Leads that other modules file on behalf of their source (a member of the public's report, a
 * call to 96110): checked, graded, grouped and routed as a partner's lead is. Filing the same
 * source and source id again answers the lead already filed.
 */
public interface Leads {

    /**
     * A lead.
     *
     * @param divisionCode where to route it when the person's own unit is not to decide (a report
     *     of a transfer goes to the province desk), or null
     */
    record Lead(
            Source source,
            String sourceId,
            String phone,
            @Nullable String name,
            @Nullable String divisionCode,
            @Nullable FraudType fraudType,
            List<Signal> signals,
            @Nullable BigDecimal amountAtRisk,
            Instant observedAt) {}

    record Signal(
            SignalType type,
            @Nullable String counterpart,
            @Nullable String account,
            @Nullable BigDecimal amount,
            @Nullable String url,
            @Nullable String app) {}

    record Filed(long leadId, long warningId, Urgency urgency, String unitCode, boolean duplicate) {}

    /**
     * Files the lead in its own transaction.
     *
     * @throws org.fanzha.platform.InvalidInput when the lead cannot be filed (no phone to call)
     */
    Filed file(Lead lead);
}
