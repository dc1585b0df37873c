package org.fanzha.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fanzha.platform.Source;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Kaplan–Meier curve of censoring that weights the held-out Brier score, against a hand count. */
@Tag("fast")
class CensoringTest {

    static Example example(long id, double lower, double upper) {
        var f = new WarningHistory.Features(
                id,
                null,
                Urgency.YELLOW,
                "default",
                Source.TELECOM,
                Instant.EPOCH,
                Instant.EPOCH,
                Set.of(),
                null,
                null,
                null,
                null,
                false,
                List.of(),
                "41");
        return new Example(id, f, Urgency.YELLOW, lower, upper, null);
    }

    @Test
    void theCurveDropsAtEachCensoringByTheShareStillObserved() {
        // reached unpaid at 10 and 20 minutes, paid at 15 and 30
        var c = Fitter.Censoring.of(List.of(
                example(1, 10, Double.POSITIVE_INFINITY),
                example(2, 15, 15),
                example(3, 20, Double.POSITIVE_INFINITY),
                example(4, 30, 30)));
        assertThat(c.at(5, false)).isEqualTo(1.0);
        // at 10: four still observed, one censored
        assertThat(c.at(10, false)).isCloseTo(0.75, within(1e-12));
        assertThat(c.at(10, true)).isEqualTo(1.0);
        // at 20: two still observed (20 and 30), one censored
        assertThat(c.at(25, false)).isCloseTo(0.375, within(1e-12));
        assertThat(c.at(20, true)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void withoutCensoringNothingIsWeighted() {
        var c = Fitter.Censoring.of(List.of(example(1, 5, 5), example(2, 8, 8)));
        assertThat(c.at(100, false)).isEqualTo(1.0);
    }

    @Test
    void theRulesShareIsKaplanMeierSoThoseReachedEarlyStillCount() {
        // one paid at 5 minutes, three reached unpaid at 2 minutes, one at 30: the naive share of those
        // known at 15 minutes would be 1/2; Kaplan–Meier counts the early ones only while observed
        var rates = Fitter.rulesPaidBy(List.of(
                example(1, 5, 5),
                example(2, 2, Double.POSITIVE_INFINITY),
                example(3, 2, Double.POSITIVE_INFINITY),
                example(4, 2, Double.POSITIVE_INFINITY),
                example(5, 30, Double.POSITIVE_INFINITY)));
        // at 5 minutes two are still observed (5 and 30), one pays: S = 1/2
        assertThat(rates.get(Urgency.YELLOW)[0]).isCloseTo(0.5, within(1e-12));
        assertThat(rates.get(Urgency.RED)[0]).isZero();
        // nobody reached early, two of four paid by 15 minutes
        var plain = Fitter.rulesPaidBy(List.of(
                example(1, 5, 5),
                example(2, 10, 10),
                example(3, 60, Double.POSITIVE_INFINITY),
                example(4, 60, Double.POSITIVE_INFINITY)));
        assertThat(plain.get(Urgency.YELLOW)[0]).isCloseTo(0.5, within(1e-12));
    }
}
