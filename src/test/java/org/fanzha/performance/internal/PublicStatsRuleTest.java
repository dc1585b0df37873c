package org.fanzha.performance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import org.fanzha.performance.Indicator;
import org.junit.jupiter.api.Test;

/** The open figures' rule for small numbers: a count under five is "<5", the loss of fewer than five cases is not shown. */
class PublicStatsRuleTest {

    @Test
    void smallFiguresAreShownAsFewerThanFiveAndALossOfFewCasesNotAtAll() {
        var values = new EnumMap<Indicator, BigDecimal>(Indicator.class);
        values.put(Indicator.casesFiled, new BigDecimal("3"));
        values.put(Indicator.lossAmount, new BigDecimal("120000"));
        values.put(Indicator.warningsReceived, new BigDecimal("5"));
        assertThat(PublicStats.shown(Indicator.casesFiled, values)).isEqualTo("<5");
        assertThat(PublicStats.shown(Indicator.lossAmount, values)).isEqualTo("<5");
        assertThat(PublicStats.shown(Indicator.warningsReceived, values)).isEqualTo("5");
        assertThat(PublicStats.shown(Indicator.dissuaded, values)).isEqualTo("0");
        values.put(Indicator.casesFiled, new BigDecimal("7"));
        assertThat(PublicStats.shown(Indicator.lossAmount, values)).isEqualTo("120000");
        values.put(Indicator.casesFiled, BigDecimal.ZERO);
        assertThat(PublicStats.shown(Indicator.lossAmount, values)).isEqualTo("0");
    }
}
