package org.fanzha.blocklist.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fanzha.blocklist.Scope;

/** Realistic fraud-site names: a few words, digits and hyphens under the TLDs such lists are full of. */
final class BenchNames {

    static final String[] WORDS = {
        "loan", "fast", "cash", "pay", "vip", "bet", "app", "shop", "help", "kefu", "gold", "win", "zhuan", "qian", "dai",
        "wang", "jin", "bao", "cloud", "secure", "login", "task", "brush", "order", "coin", "usdt", "trade", "invest"
    };
    static final String[] TLDS = {"com", "top", "xyz", "cc", "vip", "net", "cn", "com.cn", "shop", "club", "site", "icu"};

    private BenchNames() {}

    static String name(long i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        StringBuilder sb = new StringBuilder(24);
        sb.append(WORDS[r.nextInt(WORDS.length)]);
        if (r.nextBoolean()) {
            sb.append('-');
        }
        sb.append(WORDS[r.nextInt(WORDS.length)]);
        sb.append(Long.toString(i, 36));
        sb.append('.').append(TLDS[r.nextInt(TLDS.length)]);
        return sb.toString();
    }

    /** n entries: four in five with their subdomains, the rest the name only. */
    static List<Matcher.Change> entries(int n) {
        List<Matcher.Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(new Matcher.Change(i % 5 == 0 ? Scope.DOMAIN : Scope.DOMAIN_AND_SUBDOMAINS, name(i), i + 1, true));
        }
        return changes;
    }

    static final String[] ALLOWED = {"www.icbc.com.cn", "pay.alipay.com", "weixin.qq.com", "www.gov.cn", "mail.163.com", "www.jd.com"};

    /** A query mix: a quarter blocked names, a quarter subdomains of blocked names, a quarter allowed, a quarter unknown. */
    static String[] queries(int entries, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] q = new String[count];
        for (int i = 0; i < count; i++) {
            switch (i % 4) {
                case 0 -> q[i] = name(r.nextInt(entries));
                case 1 -> q[i] = "m.www." + name(r.nextInt(entries));
                case 2 -> q[i] = ALLOWED[r.nextInt(ALLOWED.length)];
                default -> q[i] = name(entries + r.nextInt(1_000_000_000));
            }
        }
        return q;
    }
}
