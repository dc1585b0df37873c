package org.fanzha.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static String hash(String algorithm, String detail, String address) {
        return ChainHash.of(
                algorithm,
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
}
