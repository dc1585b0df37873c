package org.fanzha.platform;

import org.jspecify.annotations.Nullable;

/** What a file is by its own first bytes, never by what the client claims. */
public final class FileTypes {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String PDF = "application/pdf";

    private FileTypes() {}

    /** JPEG, PNG or PDF by the file's signature; {@code null} for anything else. */
    public static @Nullable String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return PNG;
        }
        if (b.length > 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return PDF;
        }
        return null;
    }

    /**
     * A recording by its signature — MP3 (with or without an ID3 tag), M4A/AAC (an ISO media
     * file), AMR (what phones record calls in), WAV, Ogg — or {@code null}.
     */
    public static @Nullable String audio(byte[] b) {
        if (b.length > 3 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            return "audio/mpeg";
        }
        if (b.length > 2 && (b[0] & 0xff) == 0xff && ((b[1] & 0xe0) == 0xe0) && ((b[1] & 0x06) != 0)) {
            return "audio/mpeg"; // an MPEG audio frame (layer set)
        }
        if (b.length > 11 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.startsWith("M4A") || brand.startsWith("M4B") || brand.equals("mp42") || brand.equals("isom")) {
                return "audio/mp4";
            }
            return null;
        }
        if (b.length > 5 && b[0] == '#' && b[1] == '!' && b[2] == 'A' && b[3] == 'M' && b[4] == 'R') {
            return "audio/amr";
        }
        if (b.length > 11
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'A'
                && b[10] == 'V'
                && b[11] == 'E') {
            return "audio/wav";
        }
        if (b.length > 4 && b[0] == 'O' && b[1] == 'g' && b[2] == 'g' && b[3] == 'S') {
            return "audio/ogg";
        }
        return null;
    }

    /** A JPEG or PNG image by its signature; {@code null} for anything else. */
    public static @Nullable String image(byte[] b) {
        String type = sniff(b);
        return PDF.equals(type) ? null : type;
    }
}
