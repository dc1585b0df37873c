package org.fanzha.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature partners and Fanzha put on what they post each other: HMAC-SHA256 of the body
 * under a shared secret, in the header {@code X-Fanzha-Signature: sha256=<hex>}.
 */
public final class Signatures {

    public static final String HEADER = "X-Fanzha-Signature";
    private static final String PREFIX = "sha256=";

    private Signatures() {}

    /** The header's value for this body. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    public static String sign(String secret, String body) {
        return sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the header signs this body under the secret (compared in constant time); never for an empty secret. */
    public static boolean verify(String secret, byte[] body, @Nullable String header) {
        if (secret.isEmpty() || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
