package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phonesKeepTheirSegmentAndLastFourDigits() {
        assertThat(Masking.phone("13703710000")).isEqualTo("137****0000");
        assertThat(Masking.phone("+8613703710000")).isEqualTo("+86137****0000");
        assertThat(Masking.phone("96110")).isEqualTo("***10");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void idNumbersKeepTheCountyAndHideTheBirthDate() {
        assertThat(Masking.idNumber("41010519900307123X")).isEqualTo("410105********123X");
    }

    @Test
    void namesKeepTheFamilyName() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("𠀀二")).isEqualTo("𠀀*");
    }

    @Test
    void addressesKeepTheirFirstSixCharacters() {
        assertThat(Masking.address("河南省郑州市金水区经八路1号")).isEqualTo("河南省郑州市****");
        assertThat(Masking.address("金水区")).isEqualTo("****");
    }

    @Test
    void cardsKeepTheBinAndLastFour() {
        assertThat(Masking.cardNumber("6222021001122334458")).isEqualTo("622202*********4458");
    }
}
