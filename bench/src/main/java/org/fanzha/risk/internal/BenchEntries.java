package org.fanzha.risk.internal;

import java.util.Random;
import org.fanzha.cases.IdentifierType;

/** Risk list entries for the benchmarks: a mix of types as the list holds them, by index. */
final class BenchEntries {

    private BenchEntries() {}

    /** The type of entry i: six in ten phones, two bank cards, one WeChat id, one QQ number. */
    static IdentifierType type(long i) {
        int k = (int) (i % 10);
        return k < 6 ? IdentifierType.PHONE : k < 8 ? IdentifierType.BANK_CARD : k == 8 ? IdentifierType.WECHAT : IdentifierType.QQ;
    }

    /** The normalised value of entry i (distinct for every i below a billion). */
    static String value(long i) {
        return switch (type(i)) {
            case PHONE -> "+8613" + String.format("%09d", i);
            case BANK_CARD -> "6222" + String.format("%015d", i);
            case WECHAT -> "wx_" + Long.toString(i, 36) + "_fz";
            default -> Long.toString(100_000_000L + i);
        };
    }

    /** Queries: half listed entries, half values of the same types that are not listed. */
    static int[] queries(int entries, int n, long seed) {
        Random r = new Random(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextBoolean() ? r.nextInt(entries) : entries + r.nextInt(entries);
        }
        return out;
    }

    static RiskIndex index(int entries) {
        RiskIndex index = new RiskIndex();
        RiskIndex.Loader loader = index.loader(entries);
        for (long i = 0; i < entries; i++) {
            loader.add(type(i), value(i), org.fanzha.risk.RiskLevel.values()[1 + (int) (i % 3)], RiskRule.CASE_LINKED);
        }
        loader.install();
        return index;
    }
}
