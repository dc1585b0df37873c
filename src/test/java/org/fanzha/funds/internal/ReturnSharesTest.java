package org.fanzha.funds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The victims' shares of a return, to the fen, always adding up to what is returned. */
class ReturnSharesTest {

    static List<BigDecimal> d(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void contributionsThatFitAreReturnedInFull() {
        assertThat(Returns.shares(new BigDecimal("50000.00"), d("30000", "6000.50")))
                .containsExactly(new BigDecimal("30000.00"), new BigDecimal("6000.50"));
    }

    @Test
    void moreThanIsFrozenIsSharedInProportion() {
        assertThat(Returns.shares(new BigDecimal("24000.00"), d("30000", "6000")))
                .containsExactly(new BigDecimal("20000.00"), new BigDecimal("4000.00"));
    }

    @Test
    void theFenLeftByRoundingGoToTheLargestRemainders() {
        // 100 in three equal parts: 33.33 each and the one fen left to the first
        assertThat(Returns.shares(new BigDecimal("100.00"), d("100", "100", "100")))
                .containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
        // 1.00 over contributions of 1, 2 and 4: exact 0.142857…, 0.285714…, 0.571428…; the floors 0.14,
        // 0.28 and 0.57 leave one fen, which goes to the largest remainder (.5714 fen, the second)
        assertThat(Returns.shares(new BigDecimal("1.00"), d("1", "2", "4")))
                .containsExactly(new BigDecimal("0.14"), new BigDecimal("0.29"), new BigDecimal("0.57"));
        List<BigDecimal> many =
                Returns.shares(new BigDecimal("99999.99"), d("0.01", "12345.67", "7", "88888.88", "3.33", "1000000"));
        assertThat(many.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("99999.99");
        assertThat(many).allSatisfy(s -> assertThat(s.scale()).isEqualTo(2));
    }
}
