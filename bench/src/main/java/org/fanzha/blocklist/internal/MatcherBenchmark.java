package org.fanzha.blocklist.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fanzha.blocklist.Names;
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
 * Matcher checks per second, single thread, over a mix of blocked names, subdomains of blocked
 * names, allowed and unknown names, beside a plain {@code HashSet<String>} exact lookup of the
 * same query strings in a set of the same entries (the baseline the issue names); and URL
 * normalisation on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class MatcherBenchmark {

    static final int QUERIES = 1 << 16;

    @Param({"1000000", "10000000"})
    int entries;

    Matcher matcher;
    Set<String> hashSet;
    String[] queries;
    String[] urls;

    @Setup(Level.Trial)
    public void setUp() {
        matcher = new Matcher();
        List<Matcher.Change> changes = BenchNames.entries(entries);
        matcher.apply(changes);
        matcher.applyAllow(List.of(
                new Matcher.AllowChange("icbc.com.cn", 1, true),
                new Matcher.AllowChange("alipay.com", 2, true),
                new Matcher.AllowChange("qq.com", 3, true),
                new Matcher.AllowChange("gov.cn", 4, true),
                new Matcher.AllowChange("163.com", 5, true),
                new Matcher.AllowChange("jd.com", 6, true)));
        hashSet = new HashSet<>(entries * 2);
        for (Matcher.Change c : changes) {
            hashSet.add(c.value());
        }
        changes = null;
        queries = BenchNames.queries(entries, QUERIES, 42);
        // fresh strings (no cached hash codes), as a request would bring them
        for (int i = 0; i < queries.length; i++) {
            queries[i] = new String(queries[i].toCharArray());
        }
        urls = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            urls[i] = "HTTP://" + queries[i].toUpperCase() + "/a/../apply%3Fid%3D" + i + "#top";
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void matcherCheck(Blackhole bh) {
        for (String q : queries) {
            bh.consume(matcher.checkHost(q).verdict());
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void hashSetBaseline(Blackhole bh) {
        for (String q : queries) {
            bh.consume(hashSet.contains(new String(q.toCharArray())));
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void hashSetBaselineCachedHash(Blackhole bh) {
        for (String q : queries) {
            bh.consume(hashSet.contains(q));
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void urlNormalisation(Blackhole bh) {
        for (String u : urls) {
            bh.consume(Names.url(u));
        }
    }
}
