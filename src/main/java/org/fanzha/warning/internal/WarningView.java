package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Masking;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;

/** A warning as the API and pages show it: the person's data masked (reveal through /api/v1/reveal). */
record WarningView(
        long id,
        @Nullable String phone,
        @Nullable String name,
        @Nullable String idNumber,
        @Nullable String address,
        @Nullable FraudType fraudType,
        Urgency urgency,
        String urgencyRule,
        String unitCode,
        String routedVia,
        @com.fasterxml.jackson.annotation.JsonIgnore String routingBasis,
        boolean outOfProvince,
        @Nullable String personProvince,
        WarningState state,
        @Nullable Outcome outcome,
        @Nullable BigDecimal amountAtRisk,
        int leadCount,
        Instant openedAt,
        Instant assignedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant closedAt,
        @Nullable Instant acknowledgeDue,
        @Nullable Instant closeDue,
        int escalations) {

    /** How the warning was routed, in English, as partners and the API read it. */
    @com.fasterxml.jackson.annotation.JsonProperty("routingBasis")
    public String routingBasisText() {
        return org.fanzha.platform.Texts.decode(routingBasis, java.util.Locale.ENGLISH);
    }

    /** How the warning was routed, in the reader's language, for the page. */
    public String routing(java.util.Locale locale) {
        return org.fanzha.platform.Texts.decode(
                org.fanzha.platform.Texts.join(
                        org.fanzha.platform.Texts.encode("route.via." + routedVia), routingBasis),
                locale);
    }

    static WarningView of(Warning w) {
        return new WarningView(
                w.id(),
                Masking.phone(w.phone()),
                Masking.name(w.name()),
                Masking.idNumber(w.idNumber()),
                Masking.address(w.address()),
                w.fraudType(),
                w.urgency(),
                w.urgencyRule(),
                w.unitCode(),
                w.routedVia(),
                w.routingBasis(),
                w.outOfProvince(),
                w.personProvince(),
                w.state(),
                w.outcome(),
                w.amountAtRisk(),
                w.leadCount(),
                w.openedAt(),
                w.assignedAt(),
                w.acknowledgedAt(),
                w.closedAt(),
                w.acknowledgeDue(),
                w.closeDue(),
                w.escalations());
    }

    record LeadView(
            long id,
            String source,
            String sourceId,
            @Nullable String phone,
            @Nullable String divisionCode,
            @Nullable FraudType fraudType,
            Object signals,
            @Nullable BigDecimal amountAtRisk,
            Instant observedAt,
            Instant receivedAt,
            Urgency urgency,
            String urgencyRule,
            String enteredBy) {

        /** One signal as the page shows it: its type and what it names (number, account, site, app, minutes, amount). */
        public record SignalText(String type, List<String> details) {}

        /** The signals in order, for the page. */
        public List<SignalText> signalTexts() {
            List<SignalText> out = new java.util.ArrayList<>();
            if (signals instanceof tools.jackson.databind.JsonNode array && array.isArray()) {
                for (tools.jackson.databind.JsonNode s : array) {
                    List<String> details = new java.util.ArrayList<>();
                    for (String field : List.of("counterpart", "account", "url", "app")) {
                        tools.jackson.databind.JsonNode v = s.get(field);
                        if (v != null && !v.isNull()) {
                            details.add(v.asString());
                        }
                    }
                    tools.jackson.databind.JsonNode minutes = s.get("minutes");
                    if (minutes != null && !minutes.isNull()) {
                        details.add(org.fanzha.platform.Texts.resolve("warning.signal.minutes", minutes.asInt()));
                    }
                    tools.jackson.databind.JsonNode amount = s.get("amount");
                    if (amount != null && !amount.isNull()) {
                        details.add(org.fanzha.platform.Texts.resolve(
                                "warning.signal.amount", new BigDecimal(amount.asString())));
                    }
                    out.add(new SignalText(s.path("type").asString(), details));
                }
            }
            return out;
        }

        /** The lead with the person's phone masked; signals (the fraudsters' numbers, accounts, URLs) in full. */
        static LeadView of(WarningStore.StoredLead l, tools.jackson.databind.json.JsonMapper json) {
            return new LeadView(
                    l.id(),
                    l.source(),
                    l.sourceId(),
                    Masking.phone(l.phone()),
                    l.divisionCode(),
                    l.fraudType(),
                    json.readTree(l.signals()),
                    l.amountAtRisk(),
                    l.observedAt(),
                    l.receivedAt(),
                    l.urgency(),
                    l.urgencyRule(),
                    l.enteredBy());
        }
    }

    record Detail(
            WarningView warning,
            List<LeadView> leads,
            List<WarningStore.Event> timeline,
            org.fanzha.warning.DispatchAdvice.@Nullable Advice dispatch) {}
}
