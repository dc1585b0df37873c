package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.Triage;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

@Service
class ModuleTriage implements Triage {

    private final UrgencyPolicy urgency;
    private final RoutingPolicy routing;

    ModuleTriage(UrgencyPolicy urgency, RoutingPolicy routing) {
        this.urgency = urgency;
        this.routing = routing;
    }

    @Override
    public String route(String phone, @Nullable String idNumber, @Nullable String divisionCode) {
        return routing.route(new LeadInput(
                        Source.TELECOM,
                        "triage",
                        phone,
                        idNumber,
                        null,
                        null,
                        divisionCode,
                        null,
                        List.of(),
                        null,
                        Instant.EPOCH))
                .unitCode();
    }

    @Override
    public Graded grade(
            Source source, @Nullable FraudType fraudType, List<Sign> signs, @Nullable BigDecimal amountAtRisk) {
        List<LeadInput.Signal> signals = signs.stream()
                .map(s -> new LeadInput.Signal(s.type(), null, s.minutes(), null, s.amount(), null, null))
                .toList();
        UrgencyPolicy.Grade g = urgency.grade(new LeadInput(
                source,
                "triage",
                "+8613700000000",
                null,
                null,
                null,
                null,
                fraudType,
                signals,
                amountAtRisk,
                Instant.EPOCH));
        return new Graded(g.urgency(), g.rule());
    }
}
