package org.fanzha.warning;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is about to pay (预测派警): implemented by the dispatch module, read by the warning's view.
 * Absent when no module gives advice.
 */
public interface DispatchAdvice {

    /**
     * @param policy RULES or EXPECTED_LOSS: what decided
     * @param payProbability the probability the person pays before they can be reached
     * @param expectedLoss that probability times the amount at risk (or the fraud type's median loss)
     * @param factors the three reasons that weigh most, in words (under RULES: the rule)
     * @param modelVersion the model's version, absent under RULES without a model
     */
    record Advice(
            String policy,
            double payProbability,
            String expectedLoss,
            List<String> factors,
            @Nullable String modelVersion) {}

    Optional<Advice> advise(long warningId, Locale locale);

    /** What orders the work now: EXPECTED_LOSS only while a qualified model is in charge and the setting asks for it. */
    String deciding();

    /** The advice for many open warnings at once, without the reasons (closed ones are absent). */
    default java.util.Map<Long, Advice> adviseAll(java.util.Collection<Long> warningIds) {
        return adviseAll(warningIds, java.util.Map.of());
    }

    /**
     * As {@link #adviseAll(java.util.Collection)}, each warning's person reached after the time
     * given for it (the queue's wait, see {@code hotline.QueueWait}); the setting's fixed horizon
     * where none is given.
     */
    java.util.Map<Long, Advice> adviseAll(
            java.util.Collection<Long> warningIds, java.util.Map<Long, java.time.Duration> reachIn);

    /** The expected loss of each of these warnings for ordering work; absent for one no longer open. */
    default java.util.Map<Long, BigDecimal> expectedLosses(java.util.Collection<Long> warningIds) {
        return expectedLosses(warningIds, java.util.Map.of());
    }

    /** As {@link #expectedLosses(java.util.Collection)}, each reached after the time given for it. */
    default java.util.Map<Long, BigDecimal> expectedLosses(
            java.util.Collection<Long> warningIds, java.util.Map<Long, java.time.Duration> reachIn) {
        java.util.Map<Long, BigDecimal> out = new java.util.HashMap<>();
        adviseAll(warningIds, reachIn).forEach((id, a) -> out.put(id, new BigDecimal(a.expectedLoss())));
        return out;
    }
}
