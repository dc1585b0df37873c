package org.fanzha.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash of one audit record: H(previous hash, then every field length-prefixed), so no two
 * different records can be made to hash the same input by moving text between fields.
 */
final class ChainHash {

    static final String SHA_256 = "SHA-256";
    static final String SM3 = "SM3";

    private ChainHash() {}

    static void check(String algorithm) {
        if (!SHA_256.equals(algorithm) && !SM3.equals(algorithm)) {
            throw new IllegalStateException("fanzha.audit.hash-algorithm must be SHA-256 or SM3, not " + algorithm);
        }
    }

    static String of(
            String algorithm,
            String prevHash,
            long seq,
            Instant at,
            String actor,
            String actorUnit,
            String action,
            String entity,
            String entityId,
            String detail,
            String address) {
        StringBuilder sb = new StringBuilder(256);
        for (String field : new String[] {
            prevHash,
            Long.toString(seq),
            at.toString(),
            actor,
            actorUnit,
            action,
            entity,
            entityId,
            detail,
            address,
            algorithm
        }) {
            sb.append(field.length()).append(':').append(field).append(';');
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(digest(algorithm, input));
    }

    private static byte[] digest(String algorithm, byte[] input) {
        if (SM3.equals(algorithm)) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(input, 0, input.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        try {
            return MessageDigest.getInstance(SHA_256).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
