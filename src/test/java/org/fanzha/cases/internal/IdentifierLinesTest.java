package org.fanzha.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An officer names an identifier's type as the page shows it, or by its code. */
class IdentifierLinesTest {

    @Test
    void aLineNamesItsTypeInChineseInEnglishOrByCode() {
        var lines = CasePages.lines("银行卡 6222021001122334458\n电话号码：17100001111\nIP 地址 10.1.2.3\n"
                + "bank card 6222021001122334458\nDOMAIN loan-fast.example\n  \nbank_account 6217000011112222");
        assertThat(lines)
                .extracting(l -> l.type() + "=" + l.value())
                .containsExactly(
                        "BANK_CARD=6222021001122334458",
                        "PHONE=17100001111",
                        "IP=10.1.2.3",
                        "BANK_CARD=6222021001122334458",
                        "DOMAIN=loan-fast.example",
                        "BANK_ACCOUNT=6217000011112222");
    }

    @Test
    void anUnknownTypeIsKeptForTheFilingToRefuse() {
        assertThat(CasePages.lines("车牌 豫A12345"))
                .extracting(l -> l.type() + "=" + l.value())
                .containsExactly("车牌=豫A12345");
    }
}
