package org.fanzha.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static String hash(String algorithm, String detail, String address) {
        return ChainHash.of(
                algorithm,
                null,
                "0".repeat(64),
                1,
                Instant.parse("2021-06-17T01:49:21Z"),
                "duty",
                "41",
                "UPDATE",
                "staff",
                "7",
                detail,
                address);
    }

    @Test
    void sha256AndSm3GiveDifferent256BitHashes() {
        assertThat(hash("SHA-256", "x", "1.2.3.4")).hasSize(64).isNotEqualTo(hash("SM3", "x", "1.2.3.4"));
        assertThat(hash("SM3", "x", "1.2.3.4")).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void movingTextBetweenFieldsChangesTheHash() {
        assertThat(hash("SHA-256", "ab", "c")).isNotEqualTo(hash("SHA-256", "a", "bc"));
    }

    @Test
    void anUnknownAlgorithmIsRefusedAtStart() {
        assertThatThrownBy(() -> ChainHash.check("MD5")).hasMessageContaining("SHA-256 or SM3");
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hmacSha256MatchesRfc4231() {
        // RFC 4231, test case 2
        assertThat(HexFormat.of()
                        .formatHex(ChainHash.mac(ChainHash.HMAC_SHA_256, b("Jefe"), b("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hmacSm3DependsOnTheKey() {
        byte[] one = ChainHash.mac(ChainHash.HMAC_SM3, b("key-one"), b("record"));
        assertThat(one).hasSize(32);
        assertThat(ChainHash.mac(ChainHash.HMAC_SM3, b("key-one"), b("record"))).isEqualTo(one);
        assertThat(ChainHash.mac(ChainHash.HMAC_SM3, b("key-two"), b("record"))).isNotEqualTo(one);
        assertThat(ChainHash.keyed("SM3")).isEqualTo("HMAC-SM3");
        assertThat(ChainHash.keyed("SHA-256")).isEqualTo("HMAC-S256");
    }

    @Test
    void aKeyedRecordNeedsTheKey() {
        assertThatThrownBy(() -> hash("HMAC-S256", "x", "1.2.3.4")).hasMessageContaining("chain-key");
    }
}
