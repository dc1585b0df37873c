package org.fanzha.warning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of early warning ({@code fanzha.warning.*}); the defaults are in application.yaml.
 *
 * @param mergeWindow how long after a warning opened further leads for the same phone join it
 * @param deadlines per urgency: how soon the unit must acknowledge, and close
 * @param urgencyRules the urgency policy: rules tried in order, the first that matches grades
 *     the lead; a lead no rule matches is YELLOW
 * @param maxBatch the largest batch {@code POST /api/v1/leads/batch} accepts
 * @param repeatTarget who counts as a repeat target (a new lead for them is graded a level higher)
 */
@ConfigurationProperties("fanzha.warning")
public record WarningProperties(
        @DefaultValue("24h") Duration mergeWindow,
        @DefaultValue Map<Urgency, Deadline> deadlines,
        @DefaultValue List<UrgencyRule> urgencyRules,
        @DefaultValue("10000") int maxBatch,
        @DefaultValue RepeatTarget repeatTarget) {

    /**
     * A person (phone or ID number) whose warning closed with one of these outcomes within the
     * window is a repeat target: fraud gangs come back to those who paid, insisted or were talked
     * round once (rule {@code repeat-target}).
     */
    public record RepeatTarget(
            @DefaultValue("90d") Duration window,

            @DefaultValue({"ALREADY_DEFRAUDED", "PERSISTS", "DISSUADED"})
            Set<Outcome> outcomes) {}

    /** Acknowledge within, close within. */
    public record Deadline(Duration acknowledge, Duration close) {}

    /**
     * One rule of the urgency policy. Every condition given must hold (each list: any of its
     * items); a rule with no condition matches every lead.
     */
    public record UrgencyRule(
            String name,
            Urgency urgency,
            @DefaultValue Set<Source> sources,
            @DefaultValue Set<SignalType> signals,
            @DefaultValue Set<FraudType> fraudTypes,
            @Nullable BigDecimal minAmount) {}

    public Deadline deadline(Urgency urgency) {
        Deadline d = deadlines.get(urgency);
        if (d != null) {
            return d;
        }
        return switch (urgency) {
            case RED -> new Deadline(Duration.ofMinutes(5), Duration.ofMinutes(30));
            case ORANGE -> new Deadline(Duration.ofMinutes(30), Duration.ofHours(4));
            case YELLOW -> new Deadline(Duration.ofHours(4), Duration.ofHours(24));
        };
    }
}
