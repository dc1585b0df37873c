package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsRfc4231Says() {
        // RFC 4231, test case 2
        assertThat(Signatures.sign("Jefe", BODY))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheRightSignatureOfTheSameBody() {
        String header = Signatures.sign("Jefe", BODY);
        assertThat(Signatures.verify("Jefe", BODY, header)).isTrue();
        assertThat(Signatures.verify("Jefe", BODY, header.toUpperCase().replace("SHA256=", "sha256=")))
                .isTrue();
        assertThat(Signatures.verify("jefe", BODY, header)).isFalse();
        assertThat(Signatures.verify("Jefe", "what do ya want for nothing!".getBytes(StandardCharsets.UTF_8), header))
                .isFalse();
        assertThat(Signatures.verify("Jefe", BODY, null)).isFalse();
        assertThat(Signatures.verify("Jefe", BODY, "")).isFalse();
        assertThat(Signatures.verify("Jefe", BODY, "sha256=zz")).isFalse();
        assertThat(Signatures.verify("Jefe", BODY, "sha1=" + header.substring(7)))
                .isFalse();
        assertThat(Signatures.verify("", BODY, "sha256=00")).isFalse();
    }
}
