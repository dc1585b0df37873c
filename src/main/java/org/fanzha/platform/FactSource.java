package org.fanzha.platform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a capability contributes to performance evaluation: its facts per unit and day, read from
 * its own records. The performance module totals them for every unit above and keeps the totals
 * up to date; a capability that has no source has no indicators (absent, not zero).
 */
public interface FactSource {

    /** Days are days in China. */
    ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The kinds this source reports. */
    Set<FactKind> kinds();

    /** The first day with facts, if any: where a full rebuild starts. */
    Optional<LocalDate> firstDay();

    /**
     * Days before today whose facts may have changed since the instant (a case filed with an
     * earlier date, a case withdrawn). The days of the time since are always recomputed.
     */
    default Set<LocalDate> changedDays(Instant since) {
        return Set.of();
    }

    /** Every fact of the days from through to (inclusive), given to the sink. */
    void facts(LocalDate from, LocalDate to, Sink sink);

    /** Receives facts; the same unit, day and kind may come many times and is summed. */
    @FunctionalInterface
    interface Sink {
        void add(FactKind kind, String unitCode, LocalDate day, BigDecimal value, @Nullable FraudType fraudType);

        default void add(FactKind kind, String unitCode, LocalDate day, long count) {
            add(kind, unitCode, day, BigDecimal.valueOf(count), null);
        }
    }

    /** The day in China of an instant. */
    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, CHINA);
    }

    /** The start of a day in China. */
    static Instant start(LocalDate day) {
        return day.atStartOfDay(CHINA).toInstant();
    }
}
