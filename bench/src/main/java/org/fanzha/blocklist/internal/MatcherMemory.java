package org.fanzha.blocklist.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fanzha.blocklist.Scope;

/**
 * Heap bytes per entry of the matcher's index (measured: heap after a full GC, with and without
 * the matcher; and the index's own arrays), and the peak heap while the index is rebuilt under
 * a large change, against the steady heap. Run: bench/run-main MatcherMemory [entries].
 */
public final class MatcherMemory {

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedAfterGc();
        List<Matcher.Change> changes = BenchNames.entries(n);
        long names = changes.stream().mapToLong(c -> c.value().length()).sum();
        Matcher matcher = new Matcher();
        matcher.apply(changes);
        changes = null;
        long steady = usedAfterGc();
        long measured = steady - before;
        System.out.printf(Locale.ROOT, "entries %,d, mean name %.1f bytes%n", n, (double) names / n);
        System.out.printf(Locale.ROOT, "matcher heap (after GC, difference): %,d bytes = %.1f bytes per entry%n", measured, (double) measured / n);
        System.out.printf(Locale.ROOT, "index arrays (names, offsets, payloads, slots): %,d bytes = %.1f bytes per entry%n",
                matcher.indexBytes(), (double) matcher.indexBytes() / n);

        // a rebuild: a tenth of the entries removed and as many added, folded into every shard
        List<Matcher.Change> big = new ArrayList<>();
        for (int i = 0; i < n / 10; i++) {
            big.add(new Matcher.Change(Scope.DOMAIN_AND_SUBDOMAINS, BenchNames.name(i * 10L + 1), i * 10 + 2, false));
            big.add(new Matcher.Change(Scope.DOMAIN_AND_SUBDOMAINS, BenchNames.name(n + (long) i), n + i + 1, true));
        }
        long steadyWithChanges = usedAfterGc();
        // the live heap during the rebuild: a sampler forces full collections and reads what survives
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(steadyWithChanges);
        java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (rebuilding.get()) {
                System.gc();
                long used = rt.totalMemory() - rt.freeMemory();
                peak.accumulateAndGet(used, Math::max);
                samples.incrementAndGet();
            }
        });
        sampler.start();
        long start = System.nanoTime();
        matcher.apply(big);
        double seconds = (System.nanoTime() - start) / 1e9;
        rebuilding.set(false);
        sampler.join();
        System.out.printf(Locale.ROOT, "rebuild with %,d changes: %.2f s (slowed by the sampler's %d full collections)%n",
                big.size(), seconds, samples.get());
        System.out.printf(Locale.ROOT, "live heap: steady %,d bytes (the matcher and the changes to apply), peak during the rebuild %,d bytes (%.2f x)%n",
                steadyWithChanges, peak.get(), (double) peak.get() / steadyWithChanges);
        long idle = usedAfterGc();
        System.out.printf(Locale.ROOT, "live heap after the rebuild: %,d bytes%n", idle);
        System.out.println(matcher.checkHost("m." + BenchNames.name(n + 5L)).verdict());
    }
}
