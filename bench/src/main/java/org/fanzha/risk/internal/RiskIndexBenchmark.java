package org.fanzha.risk.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fanzha.cases.IdentifierType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A risk list check of a normalised value (the index's level and rule), single thread, half hits
 * and half misses over a mix of phones, bank cards, WeChat ids and QQ numbers, beside the baseline
 * the issue names: a plain {@code HashSet<String>} lookup of the same normalised values in a set of
 * the same entries, with the strings' hash codes cached (the strictest) and with a new string each time (as a request brings it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class RiskIndexBenchmark {

    static final int QUERIES = 1 << 16;

    @Param({"1000000", "10000000"})
    int entries;

    RiskIndex index;
    Set<String> hashSet;
    IdentifierType[] types;
    String[] values;

    @Setup(Level.Trial)
    public void setUp() {
        index = BenchEntries.index(entries);
        hashSet = new HashSet<>(entries * 2);
        for (long i = 0; i < entries; i++) {
            hashSet.add(BenchEntries.value(i));
        }
        int[] q = BenchEntries.queries(entries, QUERIES, 42);
        types = new IdentifierType[QUERIES];
        values = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            types[i] = BenchEntries.type(q[i]);
            values[i] = new String(BenchEntries.value(q[i]).toCharArray());
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void riskIndexFind(Blackhole bh) {
        for (int i = 0; i < QUERIES; i++) {
            bh.consume(index.find(types[i], values[i]).level());
        }
    }

    /** The strictest baseline: the strings' hash codes cached after the first pass. */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void hashSetContains(Blackhole bh) {
        for (int i = 0; i < QUERIES; i++) {
            bh.consume(hashSet.contains(values[i]));
        }
    }

    /** As a request brings them: a new string each time, whose hash code the set computes. */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void hashSetContainsNewString(Blackhole bh) {
        for (int i = 0; i < QUERIES; i++) {
            bh.consume(hashSet.contains(new String(values[i])));
        }
    }
}
