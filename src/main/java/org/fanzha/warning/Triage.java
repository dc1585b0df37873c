package org.fanzha.warning;

import java.math.BigDecimal;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;

/**
 * The urgency a lead would get and the unit it would go to, without filing it: the production
 * grading rules ({@code fanzha.warning.urgency-rules}) and routing, for the province-day simulator.
 */
public interface Triage {

    /** One observation as the grading rules read it. */
    record Sign(
            SignalType type,
            @Nullable Integer minutes,
            @Nullable BigDecimal amount) {}

    record Graded(Urgency urgency, String rule) {}

    Graded grade(Source source, @Nullable FraudType fraudType, List<Sign> signs, @Nullable BigDecimal amountAtRisk);

    /**
     * The unit code the routing gives a person with this phone, ID number and partner-given
     * location (a division code), as for a filed lead.
     */
    String route(String phone, @Nullable String idNumber, @Nullable String divisionCode);
}
