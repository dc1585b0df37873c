package org.fanzha.contact.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text as the short messages that carry it: UCS-2 (data_coding 8, big-endian UTF-16), one part
 * of up to 70 characters, or concatenated parts of up to 67 characters each behind a 6-octet user
 * data header (IEI 00, 8-bit reference, part count, part number; 3GPP TS 23.040 9.2.3.24.1). A
 * surrogate pair is never cut between parts.
 */
final class Segments {

    static final int SINGLE = 70;
    static final int PER_PART = 67;
    static final int MAX_PARTS = 255;

    private Segments() {}

    /** The parts' user data, and whether they carry a header (the esm_class UDHI bit). */
    record Encoded(List<byte[]> parts, boolean udhi) {}

    static Encoded ucs2(String text, int reference) {
        if (text.length() <= SINGLE) {
            return new Encoded(List.of(text.getBytes(StandardCharsets.UTF_16BE)), false);
        }
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + PER_PART);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            chunks.add(text.substring(from, to));
            from = to;
        }
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a text of " + text.length() + " characters needs more than 255 parts");
        }
        List<byte[]> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] body = chunks.get(i).getBytes(StandardCharsets.UTF_16BE);
            byte[] part = new byte[6 + body.length];
            part[0] = 0x05;
            part[1] = 0x00;
            part[2] = 0x03;
            part[3] = (byte) reference;
            part[4] = (byte) chunks.size();
            part[5] = (byte) (i + 1);
            System.arraycopy(body, 0, part, 6, body.length);
            parts.add(part);
        }
        return new Encoded(List.copyOf(parts), true);
    }

    /** How many parts a text takes. */
    static int count(String text) {
        return ucs2(text, 0).parts().size();
    }
}
