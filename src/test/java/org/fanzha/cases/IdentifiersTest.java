package org.fanzha.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PHONE|137 0371 0000|+8613703710000",
                "PHONE|+852 6123 4567|+85261234567",
                "PHONE|0371-66661234|+8637166661234",
                "BANK_CARD|6222 0210 0112 2334 458|6222021001122334458",
                "BANK_ACCOUNT|4101-0000-1234-5678|4101000012345678",
                "PAYMENT_ACCOUNT|ZhangSan@Example.com|zhangsan@example.com",
                "CRYPTO_ADDRESS|TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t|TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
                "CRYPTO_ADDRESS|0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                "ECNY_WALLET|0012 3456 7890 1234|0012345678901234",
                "URL|HTTP://Loan-Fast.example/apply#x|http://loan-fast.example/apply",
                "DOMAIN|WWW.例子.中国.|www.xn--fsqu00a.xn--fiqs8s",
                "IP|3279880203|195.127.0.11",
                "APP|Com.Fraud.Loan|com.fraud.loan",
                "DEVICE|490154203237518|490154203237518",
                "EMAIL|Victim@Mail.EXAMPLE|victim@mail.example",
                "ID_NUMBER|41010519900307123x|41010519900307123X",
                "PHONE|+86 139-3790-0000|+8613937900000",
                "PHONE|0086 13937900000|+8613937900000",
                "PHONE|86 139 3790 0000|+8613937900000",
                "PHONE|１３９３７９０００００|+8613937900000",
                "PHONE|＋８６　１３９－３７９０－００００|+8613937900000",
                "PHONE|95588|95588",
                "PHONE|96110|96110",
                "PHONE|400-820-8820|4008208820",
                "PHONE|00852 6123 4567|+85261234567",
                "WECHAT|Zhang_San-88|zhang_san-88",
                "QQ|10001 2345|100012345",
                "QQ|１２３４５６７８|12345678",
                "APP|Com.Fraud.Loan:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
                        + "|com.fraud.loan:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
            })
    void identifiersAreNormalised(IdentifierType type, String raw, String value) {
        assertThat(Identifiers.normalise(type, raw).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "BANK_CARD|6222021001122334459|Luhn",
                "BANK_CARD|12345|16 to 19",
                "CRYPTO_ADDRESS|TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u|checksum",
                "CRYPTO_ADDRESS|0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD|EIP-55",
                "CRYPTO_ADDRESS|bc1qxyz|neither",
                "DEVICE|490154203237519|check digit",
                "ID_NUMBER|410105199003071230|check",
                "PHONE|abc|phone",
                "DOMAIN|1.2.3.4|IP",
                "EMAIL|no-at-sign|e-mail",
                "WECHAT|8zhangsan|WeChat",
                "WECHAT|abc|WeChat",
                "QQ|0123456|QQ",
                "QQ|123|QQ",
                "APP|com.fraud.loan:abc|fingerprint",
            })
    void badIdentifiersAreRefusedWithTheReason(IdentifierType type, String raw, String reason) {
        assertThatThrownBy(() -> Identifiers.normalise(type, raw))
                .isInstanceOf(Identifiers.InvalidIdentifier.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aCardsBankComesFromItsBin() {
        assertThat(Identifiers.normalise(IdentifierType.BANK_CARD, "6222021001122334458")
                        .detail())
                .isEqualTo("中国工商银行");
        assertThat(Identifiers.normalise(IdentifierType.CRYPTO_ADDRESS, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
                        .detail())
                .isEqualTo("TRON");
    }
}
