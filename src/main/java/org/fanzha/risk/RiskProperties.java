package org.fanzha.risk;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The risk list ({@code fanzha.risk.*}).
 *
 * @param caseWindow how long a case's caller or receiving account stays VERY_HIGH after the case was filed
 * @param decay a level goes down one step after this long without a sighting that counts
 * @param decayByType the decay period of a type where it differs (e.g. {@code PHONE: 14d})
 * @param reportersForReview public reports from this many distinct reporters queue a review
 * @param reviewValidity how long a reviewer's level holds unless they say otherwise
 * @param maxReviewValidity the longest a review may hold
 * @param maxCheckItems items in one check at most (more: 413)
 * @param maxChanges changes in one answer of the change feed at most
 * @param feedInterval how often an instance reads the changes other instances made
 * @param kafkaTopic the topic the changes are published to when Kafka is configured
 */
@ConfigurationProperties("fanzha.risk")
public record RiskProperties(
        @DefaultValue("90d") Duration caseWindow,
        @DefaultValue("30d") Duration decay,
        @DefaultValue Map<RiskType, Duration> decayByType,
        @DefaultValue("3") int reportersForReview,
        @DefaultValue("180d") Duration reviewValidity,
        @DefaultValue("730d") Duration maxReviewValidity,
        @DefaultValue("10000") int maxCheckItems,
        @DefaultValue("10000") int maxChanges,
        @DefaultValue("250ms") Duration feedInterval,
        @DefaultValue("fanzha.risk.changes") String kafkaTopic) {

    public RiskProperties {
        decayByType = decayByType == null ? Map.of() : Map.copyOf(decayByType);
        if (decay.isZero()
                || decay.isNegative()
                || decayByType.values().stream().anyMatch(d -> d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("fanzha.risk.decay must be positive");
        }
    }

    /** The decay period of a type. */
    public Duration decayOf(RiskType type) {
        return decayByType.getOrDefault(type, decay);
    }
}
