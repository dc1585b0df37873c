package org.fanzha.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    /** The canonicalisation examples of the Safe Browsing specification (URLs and hashing). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "http://host/%25%32%35|http://host/%25",
                "http://host/%25%32%35%25%32%35|http://host/%25%25",
                "http://host/%2525252525252525|http://host/%25",
                "http://host/asdf%25%32%35asd|http://host/asdf%25asd",
                "http://host/%%%25%32%35asd%%|http://host/%25%25%25asd%25%25",
                "http://www.google.com/|http://www.google.com/",
                "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/|http://168.188.99.26/.secure/www.ebay.com/",
                "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/|http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
                "http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B|http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+",
                "http://3279880203/blah|http://195.127.0.11/blah",
                "http://www.google.com/blah/..|http://www.google.com/",
                "www.google.com/|http://www.google.com/",
                "www.google.com|http://www.google.com/",
                "http://www.evil.com/blah#frag|http://www.evil.com/blah",
                "http://www.GOOgle.com/|http://www.google.com/",
                "http://www.google.com.../|http://www.google.com/",
                "http://www.google.com/q?|http://www.google.com/q?",
                "http://www.google.com/q?r?|http://www.google.com/q?r?",
                "http://www.google.com/q?r?s|http://www.google.com/q?r?s",
                "http://evil.com/foo#bar#baz|http://evil.com/foo",
                "http://evil.com/foo;|http://evil.com/foo;",
                "http://evil.com/foo?bar;|http://evil.com/foo?bar;",
                "http://%01%80.com/|http://%01%80.com/",
                "http://notrailingslash.com|http://notrailingslash.com/",
                "http://www.gotaport.com:1234/|http://www.gotaport.com/",
                "`  http://www.google.com/  `|http://www.google.com/",
                "http:// leadingspace.com/|http://%20leadingspace.com/",
                "http://%20leadingspace.com/|http://%20leadingspace.com/",
                "%20leadingspace.com/|http://%20leadingspace.com/",
                "https://www.securesite.com/|https://www.securesite.com/",
                "http://host.com/ab%23cd|http://host.com/ab%23cd",
                "http://host.com//twoslashes?more//slashes|http://host.com/twoslashes?more//slashes",
            })
    void urlsAreCanonicalisedAsSafeBrowsingSpecifies(String raw, String canonical) {
        assertThat(Names.canonical(raw)).isEqualTo(canonical);
    }

    @Test
    void controlCharactersInsideAreRemoved() {
        assertThat(Names.canonical("http://www.google.com/foo\tbar\rbaz\n2"))
                .isEqualTo("http://www.google.com/foobarbaz2");
    }

    @ParameterizedTest
    @CsvSource({
        "Loan-Fast.Example.,loan-fast.example",
        "例子.中国,xn--fsqu00a.xn--fiqs8s",
        "ＡＢＣ.com,abc.com",
        "0xC0.0250.1.1,192.168.1.1",
        "3232235777,192.168.1.1",
        "192.168.257,192.168.1.1",
        "[::FFFF:1.2.3.4],1.2.3.4",
        "2001:DB8::1,2001:db8:0:0:0:0:0:1",
        "_dmarc.example.com,_dmarc.example.com",
    })
    void hostsAreNormalised(String raw, String normalised) {
        assertThat(Names.host(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a..b|has an empty label",
                "exa mple.com|contains ' '",
                "<script>.com|contains '<'",
                "a.b/c|contains '/'",
            })
    void invalidHostsAreRefusedWithTheReason(String raw, String reason) {
        assertThatThrownBy(() -> Names.host(raw))
                .isInstanceOf(Names.InvalidName.class)
                .hasMessageContaining(reason);
    }

    @Test
    void overlongNamesAndLabelsAreRefused() {
        assertThatThrownBy(() -> Names.host("a".repeat(64) + ".com")).hasMessageContaining("63");
        assertThatThrownBy(() -> Names.host(("abcdefghi.").repeat(26) + "com")).hasMessageContaining("253");
        assertThatThrownBy(() -> Names.host(" ")).hasMessageContaining("empty");
    }

    @Test
    void aUrlGivesItsHostAndAKeyWithoutTheScheme() {
        var url = Names.url("HTTPS://User:pw@A.B.Loan-Fast.EXAMPLE:8443/x/../apply%3Fid=1#top");
        assertThat(url.host()).isEqualTo("a.b.loan-fast.example");
        assertThat(url.canonical()).isEqualTo("https://a.b.loan-fast.example/apply?id=1");
        assertThat(url.key()).isEqualTo("a.b.loan-fast.example/apply?id=1");
        assertThat(Names.url("http://例子.中国/路径").canonical())
                .isEqualTo("http://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84");
        assertThatThrownBy(() -> Names.url("ftp://example.com/")).hasMessageContaining("http");
        assertThatThrownBy(() -> Names.url("http://host%23.com/")).isInstanceOf(Names.InvalidName.class);
        assertThatThrownBy(() -> Names.url("http://x.com/" + "a".repeat(3000))).hasMessageContaining("2048");
    }

    @Test
    void ipv4FormsAreRecognised() {
        assertThat(Names.ipv4("0x7f.1")).isEqualTo("127.0.0.1");
        assertThat(Names.ipv4("017700000001")).isEqualTo("127.0.0.1");
        assertThat(Names.ipv4("256.1.1.1")).isNull();
        assertThat(Names.ipv4("1.2.3.4.5")).isNull();
        assertThat(Names.ipv4("example.com")).isNull();
        assertThat(Names.isIp("1.2.3.4")).isTrue();
        assertThat(Names.isIp("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(Names.isIp("example.com")).isFalse();
    }
}
