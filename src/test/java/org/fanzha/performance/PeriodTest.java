package org.fanzha.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void theKindsOfPeriodAreRead() {
        assertThat(Period.parse("2021-05").kind()).isEqualTo(Period.Kind.MONTH);
        assertThat(Period.parse("2021-W22").from()).hasToString("2021-05-31");
        assertThat(Period.parse("2013-Q2").to()).hasToString("2013-06-30");
    }

    @Test
    void anAbsurdPeriodIsRefusedNotComputed() {
        assertThatThrownBy(() -> Period.parse("1900-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 2000");
        assertThatThrownBy(() -> Period.parse("9999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("1999-12-31..2000-01-05")).isInstanceOf(IllegalArgumentException.class);
    }
}
