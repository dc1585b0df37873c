package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    static String text(byte[] part, boolean udhi) {
        int from = udhi ? (part[0] & 0xff) + 1 : 0;
        return new String(Arrays.copyOfRange(part, from, part.length), StandardCharsets.UTF_16BE);
    }

    @Test
    void seventyCharactersGoInOnePartWithoutAHeader() {
        String seventy = "诈".repeat(70);
        var encoded = Segments.ucs2(seventy, 7);
        assertThat(encoded.udhi()).isFalse();
        assertThat(encoded.parts()).hasSize(1);
        assertThat(encoded.parts().get(0)).hasSize(140);
        assertThat(text(encoded.parts().get(0), false)).isEqualTo(seventy);
    }

    @Test
    void seventyOneCharactersTakeTwoPartsOfAtMostSixtySevenBehindAConcatenationHeader() {
        String text = "反".repeat(71);
        var encoded = Segments.ucs2(text, 0x1A3);
        assertThat(encoded.udhi()).isTrue();
        assertThat(encoded.parts()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            byte[] part = encoded.parts().get(i);
            assertThat(Arrays.copyOfRange(part, 0, 6)).containsExactly(5, 0, 3, (byte) 0xA3, 2, i + 1);
            assertThat(part.length).isLessThanOrEqualTo(140);
        }
        assertThat(text(encoded.parts().get(0), true)).hasSize(67);
        assertThat(text(encoded.parts().get(0), true) + text(encoded.parts().get(1), true))
                .isEqualTo(text);
        assertThat(Segments.count(text)).isEqualTo(2);
    }

    @Test
    void aSurrogatePairIsNeverCutBetweenParts() {
        String text = "警".repeat(66) + "😀" + "察".repeat(10);
        var encoded = Segments.ucs2(text, 1);
        String first = text(encoded.parts().get(0), true);
        assertThat(first).hasSize(66).doesNotContain("😀");
        assertThat(text(encoded.parts().get(1), true)).startsWith("😀");
    }

    @Test
    void aTextOfMoreThan255PartsIsRefused() {
        assertThatThrownBy(() -> Segments.ucs2("长".repeat(67 * 255 + 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validityIsARelativeSmppTime() {
        assertThat(SmppLink.validity(java.time.Duration.ofHours(24))).isEqualTo("000001000000000R");
        assertThat(SmppLink.validity(java.time.Duration.ofMinutes(90))).isEqualTo("000000013000000R");
    }

    @Test
    void aReceiptIdIsTriedInItsHexadecimalAndDecimalForms() {
        assertThat(SmsReceipts.forms("a001")).containsExactly("a001", "40961");
        assertThat(SmsReceipts.forms("40961")).contains("40961", "a001", "A001");
        assertThat(SmsReceipts.forms("not-an-id")).containsExactly("not-an-id");
    }
}
