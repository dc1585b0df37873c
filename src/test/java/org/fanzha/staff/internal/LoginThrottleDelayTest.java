package org.fanzha.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.fanzha.staff.StaffProperties;
import org.junit.jupiter.api.Test;

class LoginThrottleDelayTest {

    final LoginThrottle throttle = new LoginThrottle(
            null,
            new StaffProperties(
                    Duration.ofHours(8),
                    new StaffProperties.Throttle(
                            5, Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofHours(1))));

    @Test
    void theFreeFailuresCostNothingThenTheDelayDoubles() {
        assertThat(throttle.delay(5, Duration.ofMinutes(15))).isZero();
        assertThat(throttle.delay(6, Duration.ofMinutes(15))).hasSeconds(1);
        assertThat(throttle.delay(7, Duration.ofMinutes(15))).hasSeconds(2);
        assertThat(throttle.delay(10, Duration.ofMinutes(15))).hasSeconds(16);
    }

    @Test
    void theDelayStopsAtItsCapHoweverManyFailures() {
        assertThat(throttle.delay(1_000, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.delay(Integer.MAX_VALUE, Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
    }
}
