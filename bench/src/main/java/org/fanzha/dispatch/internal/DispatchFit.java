package org.fanzha.dispatch.internal;

import java.util.List;

/**
 * The nightly refit's cost: fits the model on N synthetic closed warnings (default 1,000,000) as a
 * refit does (four fifths trained, the fifth measured), and prints the time and the heap used.
 * Usage: bench/run-main org.fanzha.dispatch.internal.DispatchFit [N]
 */
public final class DispatchFit {

    private DispatchFit() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long t0 = System.nanoTime();
        List<Example> examples = BenchHistory.examples(n, 42);
        long t1 = System.nanoTime();
        Fitter.Fit fit = Fitter.fit(examples, BenchHistory.properties());
        long t2 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        Fitter.Metrics m = fit.metrics();
        System.out.printf(
                "machine: %d cores, max heap %d MiB, %s%n",
                rt.availableProcessors(), rt.maxMemory() >> 20, java.time.LocalDate.now());
        System.out.printf("examples: %,d (%,d paid) built in %.1f s%n", n, m.paid(), (t1 - t0) / 1e9);
        System.out.printf("fit: %.1f s (%,d trained, %,d held out, 200 rounds, depth 4)%n", (t2 - t1) / 1e9, m.trained(), m.heldOut());
        System.out.printf(
                "held out: Brier at 15/60/240 min model %.4f/%.4f/%.4f, rules %.4f/%.4f/%.4f; concordance model %.4f, rules %.4f%n",
                m.brierModel()[0], m.brierModel()[1], m.brierModel()[2],
                m.brierRules()[0], m.brierRules()[1], m.brierRules()[2],
                m.concordanceModel(), m.concordanceRules());
        System.out.printf("heap used after: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
