package org.fanzha.dispatch.internal;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fanzha.warning.WarningHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring an open warning (encode, margin, the probability of paying before being reached), its
 * reasons (per-column contributions), and rescoring 10,000 open warnings in one batch, with a model
 * fitted on 20,000 synthetic closed warnings; baseline: encoding the 10,000 rows alone.
 * Usage: bench/run DispatchScoringBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchScoringBenchmark {

    Survival survival;
    List<WarningHistory.Features> open;
    float[] rows;
    Instant now = Instant.parse("2026-06-01T00:10:00Z");
    int next;

    @Setup(Level.Trial)
    public void fit() throws Exception {
        Fitter.Fit fit = Fitter.fit(BenchHistory.examples(20_000, 1), BenchHistory.properties());
        survival = new Survival(fit.booster(), Fitter.SIGMA, "bench", fit.medianMinutes(), fit.medianLoss());
        Random r = new Random(2);
        open = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            open.add(BenchHistory.features(r, i, Instant.parse("2026-06-01T00:00:00Z")));
        }
        rows = new float[10_000 * Encoding.width()];
    }

    @Benchmark
    public double scoreOne() throws Exception {
        WarningHistory.Features f = open.get(next++ % open.size());
        float[] row = Encoding.encode(f, now);
        double margin = survival.margins(row, 1)[0];
        return survival.paysWithin(margin, 10, 10);
    }

    @Benchmark
    public float[] explainOne() throws Exception {
        WarningHistory.Features f = open.get(next++ % open.size());
        return survival.contributions(Encoding.encode(f, now));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double rescore10k() throws Exception {
        for (int i = 0; i < open.size(); i++) {
            Encoding.encode(open.get(i), now, rows, i * Encoding.width());
        }
        float[] margins = survival.margins(rows, open.size());
        double sum = 0;
        for (float m : margins) {
            sum += survival.paysWithin(m, 10, 10);
        }
        return sum;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] baselineEncode10k() {
        for (int i = 0; i < open.size(); i++) {
            Encoding.encode(open.get(i), now, rows, i * Encoding.width());
        }
        return rows;
    }
}
