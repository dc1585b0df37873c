package org.fanzha.warning.internal;

import java.util.List;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.fanzha.warning.WarningProperties.UrgencyRule;
import org.springframework.stereotype.Component;

/**
 * Grades a lead red, orange or yellow by the configured rules ({@code fanzha.warning.urgency-rules}):
 * the first rule that matches decides, and its name is kept on the lead and the warning, so
 * everyone can see why a warning is red.
 */
@Component
class UrgencyPolicy {

    record Grade(Urgency urgency, String rule) {}

    static final Grade FALLBACK = new Grade(Urgency.YELLOW, "no-rule-matched");

    private final List<UrgencyRule> rules;

    UrgencyPolicy(WarningProperties properties) {
        this.rules = List.copyOf(properties.urgencyRules());
    }

    Grade grade(LeadInput lead) {
        for (UrgencyRule rule : rules) {
            if (matches(rule, lead)) {
                return new Grade(rule.urgency(), rule.name());
            }
        }
        return FALLBACK;
    }

    static boolean matches(UrgencyRule rule, LeadInput lead) {
        if (!rule.sources().isEmpty() && !rule.sources().contains(lead.source())) {
            return false;
        }
        if (!rule.signals().isEmpty() && rule.signals().stream().noneMatch(lead::has)) {
            return false;
        }
        if (!rule.fraudTypes().isEmpty()
                && (lead.fraudType() == null || !rule.fraudTypes().contains(lead.fraudType()))) {
            return false;
        }
        return rule.minAmount() == null
                || (lead.amountAtRisk() != null && lead.amountAtRisk().compareTo(rule.minAmount()) >= 0);
    }
}
