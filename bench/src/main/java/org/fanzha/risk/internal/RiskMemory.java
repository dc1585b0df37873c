package org.fanzha.risk.internal;

import java.util.Locale;

/**
 * Heap bytes per entry of the risk list's index (heap after a full GC, with and without it; and
 * the index's own arrays), and how long a full load and a merge of 100,000 changes take. Run:
 * bench/run-main org.fanzha.risk.internal.RiskMemory [entries].
 */
public final class RiskMemory {

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        long values = 0;
        for (long i = 0; i < n; i++) {
            values += BenchEntries.value(i).length();
        }
        long before = usedAfterGc();
        long start = System.nanoTime();
        RiskIndex index = BenchEntries.index(n);
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        long steady = usedAfterGc();
        System.out.printf(Locale.ROOT, "entries %,d, mean value %.1f bytes%n", n, (double) values / n);
        System.out.printf(Locale.ROOT, "index heap (after GC, difference): %,d bytes = %.1f bytes per entry%n",
                steady - before, (double) (steady - before) / n);
        System.out.printf(Locale.ROOT, "index arrays: %,d bytes = %.1f bytes per entry%n", index.bytes(), (double) index.bytes() / n);
        System.out.printf(Locale.ROOT, "full load: %,d ms%n", loadMs);
        start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            long k = (long) i * 97 % n;
            index.apply(BenchEntries.type(k), BenchEntries.value(k), i % 5 == 0 ? org.fanzha.risk.RiskLevel.NONE : org.fanzha.risk.RiskLevel.VERY_HIGH, RiskRule.REVIEW);
        }
        index.publish();
        System.out.printf(Locale.ROOT, "100,000 changes merged into the shards: %,d ms (%,d entries after)%n",
                (System.nanoTime() - start) / 1_000_000, index.size());
    }
}
