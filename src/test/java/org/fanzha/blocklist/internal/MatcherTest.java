package org.fanzha.blocklist.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.junit.jupiter.api.Test;

class MatcherTest {

    Matcher matcher = new Matcher();

    void block(Scope scope, String value, int id) {
        matcher.apply(List.of(new Matcher.Change(scope, value, id, true)));
    }

    @Test
    void aSubdomainEntryBlocksTheNameAndEveryNameUnderItAndSaysWhichMatched() {
        block(Scope.DOMAIN_AND_SUBDOMAINS, "loan-fast.example", 7);
        block(Scope.DOMAIN, "only-this.top", 8);
        assertThat(matcher.checkHost("loan-fast.example").entryId()).isEqualTo(7);
        var m = matcher.checkHost("a.b.loan-fast.example");
        assertThat(m.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(m.matched()).isEqualTo("loan-fast.example");
        assertThat(m.scope()).isEqualTo(Scope.DOMAIN_AND_SUBDOMAINS);
        assertThat(matcher.checkHost("xloan-fast.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(matcher.checkHost("only-this.top").entryId()).isEqualTo(8);
        assertThat(matcher.checkHost("www.only-this.top").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(matcher.checkHost("example").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void allowEntriesWinButDoNotProtectTenantsOfAPrivatePublicSuffix() {
        block(Scope.DOMAIN_AND_SUBDOMAINS, "x.blogspot.com", 1);
        block(Scope.DOMAIN_AND_SUBDOMAINS, "evil.s3.amazonaws.com", 2);
        block(Scope.DOMAIN, "pay.alipay.com", 3);
        matcher.applyAllow(List.of(
                new Matcher.AllowChange("blogspot.com", 100, true),
                new Matcher.AllowChange("amazonaws.com", 101, true),
                new Matcher.AllowChange("alipay.com", 102, true)));
        assertThat(matcher.checkHost("x.blogspot.com").verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(matcher.checkHost("a.x.blogspot.com").verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(matcher.checkHost("blogspot.com").entryId()).isEqualTo(100);
        assertThat(matcher.checkHost("evil.s3.amazonaws.com").verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(matcher.checkHost("console.amazonaws.com").entryId()).isEqualTo(101);
        var allowed = matcher.checkHost("pay.alipay.com");
        assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(allowed.matched()).isEqualTo("alipay.com");
        matcher.applyAllow(List.of(new Matcher.AllowChange("alipay.com", 102, false)));
        assertThat(matcher.checkHost("pay.alipay.com").verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void publicSuffixesComeFromTheListIncludingPrivateAndWildcardRules() {
        assertThat(Matcher.isPublicSuffix("com")).isTrue();
        assertThat(Matcher.isPublicSuffix("com.cn")).isTrue();
        assertThat(Matcher.isPublicSuffix("blogspot.com")).isTrue();
        assertThat(Matcher.isPublicSuffix("example.com")).isFalse();
        assertThat(Matcher.publicSuffixStart("www.icbc.com.cn")).isEqualTo("www.icbc.".length());
        assertThat(Matcher.publicSuffixStart("intranet.example")).isEqualTo(-1);
        // *.ck is a rule, www.ck an exception to it
        assertThat(Matcher.isPublicSuffix("anything.ck")).isTrue();
        assertThat(Matcher.isPublicSuffix("www.ck")).isFalse();
    }

    @Test
    void urlPrefixesAndIpAddressesMatch() {
        block(Scope.URL_PREFIX, "docs.example.com/forms/d/e/1fa", 5);
        block(Scope.IP, "195.127.0.11", 6);
        assertThat(matcher.checkUrl(Names.url("https://docs.example.com/forms/d/e/1faXYZ/viewform"))
                        .entryId())
                .isEqualTo(5);
        assertThat(matcher.checkUrl(Names.url("https://docs.example.com/forms/d/e/2"))
                        .verdict())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(matcher.checkUrl(Names.url("http://3279880203/blah")).entryId())
                .isEqualTo(6);
        matcher.apply(List.of(new Matcher.Change(Scope.URL_PREFIX, "docs.example.com/forms/d/e/1fa", 5, false)));
        assertThat(matcher.checkUrl(Names.url("https://docs.example.com/forms/d/e/1faXYZ"))
                        .verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void manyChangesAreFoldedIntoTheShardsWithoutLosingOrResurrectingAny() {
        List<Matcher.Change> changes = new ArrayList<>();
        for (int i = 1; i <= 60_000; i++) {
            changes.add(new Matcher.Change(Scope.DOMAIN_AND_SUBDOMAINS, "site" + i + ".top", i, true));
        }
        matcher.apply(changes);
        assertThat(matcher.checkHost("www.site59999.top").entryId()).isEqualTo(59_999);
        // remove every third, re-add one with a new id, then fold again
        List<Matcher.Change> more = new ArrayList<>();
        Set<Integer> removed = new HashSet<>();
        for (int i = 3; i <= 60_000; i += 3) {
            more.add(new Matcher.Change(Scope.DOMAIN_AND_SUBDOMAINS, "site" + i + ".top", i, false));
            removed.add(i);
        }
        matcher.apply(more);
        assertThat(matcher.checkHost("site3.top").verdict()).isEqualTo(Verdict.UNKNOWN);
        matcher.apply(List.of(new Matcher.Change(Scope.DOMAIN_AND_SUBDOMAINS, "site3.top", 90_000, true)));
        List<Matcher.Change> fold = new ArrayList<>();
        for (int i = 60_001; i <= 85_000; i++) {
            fold.add(new Matcher.Change(Scope.DOMAIN, "other" + i + ".top", i, true));
        }
        matcher.apply(fold);
        for (int i = 1; i <= 60_000; i++) {
            var m = matcher.checkHost("a.site" + i + ".top");
            if (i == 3) {
                assertThat(m.entryId()).isEqualTo(90_000);
            } else if (removed.contains(i)) {
                assertThat(m.verdict()).as("site" + i).isEqualTo(Verdict.UNKNOWN);
            } else {
                assertThat(m.entryId()).as("site" + i).isEqualTo(i);
            }
        }
        assertThat(matcher.checkHost("other85000.top").entryId()).isEqualTo(85_000);
        assertThat(matcher.checkHost("x.other85000.top").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void lookAlikesOfProtectedBrandsAreFound() {
        var lookAlikes = new LookAlikes(List.of("icbc", "alipay", "chinatax", "unionpay"));
        assertThat(lookAlikes.imitated("icbc-secure.top", "icbc-secure.".length()))
                .isEqualTo("icbc");
        assertThat(lookAlikes.imitated("a1ipay.com", "a1ipay.".length())).isEqualTo("alipay");
        assertThat(lookAlikes.imitated("www.chinatqx.cn", "www.chinatqx.".length()))
                .isEqualTo("chinatax");
        String cyrillic = java.net.IDN.toASCII("\u0430lipay"); // Cyrillic а
        assertThat(cyrillic).startsWith("xn--");
        assertThat(lookAlikes.imitated(cyrillic + ".com", cyrillic.length() + 1))
                .isEqualTo("alipay");
        assertThat(lookAlikes.imitated("unionpey.net", "unionpey.".length())).isEqualTo("unionpay");
        assertThat(lookAlikes.imitated("weather.com", "weather.".length())).isNull();
        assertThat(lookAlikes.imitated("alipay.com", "alipay.".length())).isEqualTo("alipay");
    }
}
