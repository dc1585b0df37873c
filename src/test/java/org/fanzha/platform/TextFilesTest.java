package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextFilesTest {

    static String read(byte[] bytes) throws IOException {
        try (Reader r = TextFiles.reader(new ByteArrayInputStream(bytes))) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }

    @Test
    void utf8WithOrWithoutItsByteOrderMarkIsReadAsUtf8() throws IOException {
        String text = "案件类别,被害人\n刷单返利,张三\n";
        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertThat(read(bom)).isEqualTo(text);
    }

    @Test
    void gbkFromExcelIsReadAsGbk() throws IOException {
        String text = "案件类别,被害人\n刷单返利,欧阳娜娜\n";
        assertThat(read(text.getBytes(Charset.forName("GBK")))).isEqualTo(text);
    }

    @Test
    void aCharacterCutByTheSampleDoesNotMakeUtf8LookLikeGbk() throws IOException {
        // 64 KiB of ASCII less one byte, then a three-byte character across the sample's end
        String text = "a".repeat(TextFiles.SNIFF - 1) + "张" + "b".repeat(10);
        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void aByteNeitherEncodingReadsIsAnErrorNotAReplacementCharacter() {
        // valid UTF-8 at first, then a lone 0xFF far beyond the sample
        byte[] head = ("x".repeat(TextFiles.SNIFF + 10)).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 1];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFF;
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(java.nio.charset.CharacterCodingException.class);
    }
}
