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

    /** A JPEG or PNG image by its signature; {@code null} for anything else. */
    public static @Nullable String image(byte[] b) {
        String type = sniff(b);
        return PDF.equals(type) ? null : type;
    }
}
