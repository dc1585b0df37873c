package org.fanzha.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Uploaded text files as their authors saved them: UTF-8 (with or without a byte order mark), or
 * GBK / GB18030, which Excel writes on Chinese Windows. The encoding is told from the first 64 KiB;
 * a byte the chosen encoding cannot read is an error (the parser reports its line), never a
 * replacement character stored as mojibake.
 */
public final class TextFiles {

    static final int SNIFF = 64 * 1024;
    /** GB18030 reads every GBK file and more. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private TextFiles() {}

    /** A strict reader of the file in the encoding it was written in. */
    public static Reader reader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF);
        buffered.mark(SNIFF);
        byte[] head = buffered.readNBytes(SNIFF);
        buffered.reset();
        boolean bom =
                head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if (bom) {
            buffered.skipNBytes(3);
        }
        Charset charset = bom || isUtf8(head, head.length == SNIFF) ? StandardCharsets.UTF_8 : GB18030;
        return new InputStreamReader(
                buffered,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The encoding {@link #reader} would choose. */
    public static Charset detect(byte[] head) {
        return isUtf8(head, false) ? StandardCharsets.UTF_8 : GB18030;
    }

    /** Whether the bytes are UTF-8; a character cut off at the end of a sample of the file counts as valid. */
    static boolean isUtf8(byte[] bytes, boolean sample) {
        int end = bytes.length;
        if (sample) {
            // do not blame a character the sample cut in two
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
