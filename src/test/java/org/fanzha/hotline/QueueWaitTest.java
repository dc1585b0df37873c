package org.fanzha.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How soon a waiting call reaches its person, as the queue says (plain, no Spring). */
@Tag("fast")
class QueueWaitTest {

    @Test
    void theMedianWaitOfTheCallsTakenLatelyPlusTheCallsFirstMinute() {
        assertThat(QueueWait.horizonSeconds(new double[] {600, 30, 120}, 3, 999))
                .isEqualTo(180);
        assertThat(QueueWait.horizonSeconds(new double[] {100, 300, 200, 400, 0}, 4, 999))
                .isEqualTo(310);
        // the array beyond n is not read
        assertThat(QueueWait.horizonSeconds(new double[] {10, 20, 30, 1e6, 1e6}, 3, 999))
                .isEqualTo(80);
    }

    @Test
    void tooFewCallsGiveTheFixedHorizonAndNothingLeavesMinuteToFourHours() {
        assertThat(QueueWait.horizonSeconds(new double[] {5, 5}, 2, 600)).isEqualTo(600);
        assertThat(QueueWait.horizonSeconds(new double[0], 0, 10)).isEqualTo(60);
        assertThat(QueueWait.horizonSeconds(new double[] {0, 0, 0}, 3, 600)).isEqualTo(60);
        assertThat(QueueWait.horizonSeconds(new double[] {1e5, 1e5, 1e5}, 3, 600))
                .isEqualTo(4 * 3600);
    }

    @Test
    void aUnitsCallsWaitInItsCitysQueue() {
        assertThat(QueueWait.queueOf("410105")).isEqualTo("4101");
        assertThat(QueueWait.queueOf("410105001")).isEqualTo("4101");
        assertThat(QueueWait.queueOf("4103")).isEqualTo("4103");
        assertThat(QueueWait.queueOf("41")).isEqualTo("41");
    }
}
