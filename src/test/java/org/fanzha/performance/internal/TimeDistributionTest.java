package org.fanzha.performance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Medians and percentiles of times kept in buckets: exact below ten minutes, a bucket's start above. */
@Tag("fast")
class TimeDistributionTest {

    static TreeMap<Integer, Long> of(long... seconds) {
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        for (long s : seconds) {
            buckets.merge(Rollups.bucket(s), 1L, Long::sum);
        }
        return buckets;
    }

    @Test
    void percentilesAreTakenByNearestRank() {
        TreeMap<Integer, Long> times = of(5, 1, 4, 2, 3, 9, 8, 7, 6, 10);
        assertThat(Indicators.percentile(times, 50)).isEqualTo(BigDecimal.valueOf(5));
        assertThat(Indicators.percentile(times, 90)).isEqualTo(BigDecimal.valueOf(9));
        assertThat(Indicators.percentile(times, 100)).isEqualTo(BigDecimal.valueOf(10));
        assertThat(Indicators.percentile(of(42), 90)).isEqualTo(BigDecimal.valueOf(42));
        assertThat(Indicators.percentile(of(7, 7, 7, 300), 50)).isEqualTo(BigDecimal.valueOf(7));
    }

    @Test
    void nothingRecordedIsAbsentNotZero() {
        assertThat(Indicators.percentile(new TreeMap<>(), 90)).isNull();
        assertThat(Indicators.median(new TreeMap<>())).isNull();
    }

    @Test
    void longTimesFallInCoarserBucketsAndReportTheirStart() {
        // 10 s buckets below an hour, minutes below a day, one bucket beyond
        assertThat(Indicators.percentile(of(1234), 50)).isEqualTo(BigDecimal.valueOf(1230));
        assertThat(Indicators.percentile(of(7325), 50)).isEqualTo(BigDecimal.valueOf(7320));
        assertThat(Rollups.bucket(86_400 * 3)).isEqualTo(Rollups.bucket(86_400));
        assertThat(Indicators.percentile(of(10, 20, 4000), 90)).isEqualTo(BigDecimal.valueOf(3960));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Indicators.median(of(10, 20))).isEqualByComparingTo("15");
        assertThat(Indicators.median(of(10, 20, 30))).isEqualByComparingTo("20");
    }
}
