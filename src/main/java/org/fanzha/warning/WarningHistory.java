package org.fanzha.warning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;

/**
 * What warnings were like and how they ended, for learning who pays and when (dispatch): no
 * personal data leaves — the age band and sex are read from the ID number here, the ID number is
 * not given.
 */
public interface WarningHistory {

    /**
     * A warning as it looked to the desk.
     *
     * @param firstLeadAt when the first lead's source observed it
     * @param callMinutes the longest call with a fraud number its leads reported, in minutes
     * @param ageBand the person's age in decades (3 = 30 to 39) from the ID number, where known
     * @param sex M or F from the ID number, where known
     * @param repeatTarget graded up as a repeat target
     * @param attempts when contact was attempted (every channel), in order
     */
    record Features(
            long warningId,
            @Nullable FraudType fraudType,
            Urgency urgency,
            String urgencyRule,
            Source source,
            Instant firstLeadAt,
            Instant openedAt,
            Set<SignalType> signals,
            @Nullable Integer callMinutes,
            @Nullable BigDecimal amountAtRisk,
            @Nullable Integer ageBand,
            @Nullable String sex,
            boolean repeatTarget,
            List<Instant> attempts,
            String unitCode) {}

    /** A closed warning: how it ended, and when the person was first reached (a confirmed contact). */
    record Closed(
            Features features,
            Outcome outcome,
            Instant closedAt,
            @Nullable Instant contactedAt) {}

    /** Closed warnings opened since {@code since}, after {@code afterId} in id order, up to {@code limit}. */
    List<Closed> closed(Instant since, long afterId, int limit);

    /** Open warnings after {@code afterId} in id order, up to {@code limit}. */
    List<Features> open(long afterId, int limit);

    /** The open ones of these warnings, by id. */
    java.util.Map<Long, Features> open(java.util.Collection<Long> warningIds);

    /** An open warning's features; empty once it is closed (or never was). */
    Optional<Features> open(long warningId);
}
