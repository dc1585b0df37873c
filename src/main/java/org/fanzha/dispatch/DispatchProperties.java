package org.fanzha.dispatch;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dispatch by expected loss ({@code fanzha.dispatch.*}).
 *
 * @param policy RULES (urgency, then deadline) or EXPECTED_LOSS (the model, with the rules as a floor; the rules alone while no model qualifies)
 * @param minOutcomes closed warnings a model must be fitted on before it may decide
 * @param trainingWindow closed warnings opened this long ago at most are learned from
 * @param maxTraining the most closed warnings one fit reads (the newest)
 * @param rounds boosting rounds
 * @param maxDepth depth of each tree
 * @param learningRate shrinkage of each round
 * @param reachWithin how long it takes to reach a person once their warning is next, when the queue does not say
 * @param defaultLoss the loss to expect where neither the warning nor its fraud type's history gives one
 */
@ConfigurationProperties("fanzha.dispatch")
public record DispatchProperties(
        @DefaultValue("EXPECTED_LOSS") Policy policy,
        @DefaultValue("500") int minOutcomes,
        @DefaultValue("365d") Duration trainingWindow,
        @DefaultValue("1000000") int maxTraining,
        @DefaultValue("200") int rounds,
        @DefaultValue("4") int maxDepth,
        @DefaultValue("0.1") double learningRate,
        @DefaultValue("10m") Duration reachWithin,
        @DefaultValue("10000.00") BigDecimal defaultLoss) {

    /** How the work is ordered. */
    public enum Policy {
        RULES,
        EXPECTED_LOSS
    }
}
