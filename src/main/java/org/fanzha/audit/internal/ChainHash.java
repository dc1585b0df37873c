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
    /** HMAC-SHA-256 under the chain key. */
    static final String HMAC_SHA_256 = "HMAC-S256";
    /** HMAC-SM3 under the chain key. */
    static final String HMAC_SM3 = "HMAC-SM3";

    /** The keyed form of a hash algorithm. */
    static String keyed(String algorithm) {
        return SM3.equals(algorithm) ? HMAC_SM3 : HMAC_SHA_256;
    }

    static boolean isKeyed(String algorithm) {
        return HMAC_SHA_256.equals(algorithm) || HMAC_SM3.equals(algorithm);
    }

    private ChainHash() {}

    static void check(String algorithm) {
        if (!SHA_256.equals(algorithm) && !SM3.equals(algorithm)) {
            throw new IllegalStateException("fanzha.audit.hash-algorithm must be SHA-256 or SM3, not " + algorithm);
        }
    }

    static String of(
            String algorithm,
            byte @org.jspecify.annotations.Nullable [] key,
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
        if (isKeyed(algorithm)) {
            if (key == null) {
                throw new IllegalStateException("a keyed record needs fanzha.audit.chain-key");
            }
            return HexFormat.of().formatHex(mac(algorithm, key, input));
        }
        return HexFormat.of().formatHex(digest(algorithm, input));
    }

    /** HMAC (RFC 2104) with SHA-256 or SM3, by Bouncy Castle. */
    static byte[] mac(String algorithm, byte[] key, byte[] input) {
        org.bouncycastle.crypto.macs.HMac mac = new org.bouncycastle.crypto.macs.HMac(
                HMAC_SM3.equals(algorithm) ? new SM3Digest() : new org.bouncycastle.crypto.digests.SHA256Digest());
        mac.init(new org.bouncycastle.crypto.params.KeyParameter(key));
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
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
