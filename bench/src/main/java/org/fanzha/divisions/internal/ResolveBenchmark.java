package org.fanzha.divisions.internal;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.IdNumber;
import org.fanzha.divisions.UnitResolution;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resolving a person to a unit, per call, on the embedded database with the divisions loaded:
 * by phone (segment table, then geocoder), ID number and address; against a plain HashMap
 * lookup of a 7-digit prefix, the floor of any attribution table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResolveBenchmark {

    static final List<String> PHONES = List.of("13703710000", "13937900000", "18903970000", "13800138000", "17100001111", "15993800000");
    static final List<String> IDS = List.of(id("41010519900307123"), id("41032219850101001"), id("41150219780808421"), id("11010519491231002"));
    static final List<String> ADDRESSES = List.of(
            "河南省郑州市金水区经八路街道体育社区12号楼", "郑州市金水区文化路街道某小区", "洛阳市西工区王城路街道", "新乡市红旗区某路88号");

    Resolver resolver;
    Map<String, String> baseline;
    int i;

    static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    @Setup
    public void load() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:resolve;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection()) {
            BenchDatabase.divisionSchema(c);
            c.setAutoCommit(false);
            new V1_3__Load_henan_divisions().migrate(BenchDatabase.context(c));
            c.commit();
        }
        JdbcClient jdbc = JdbcClient.create(ds);
        DivisionsProperties properties = new DivisionsProperties("41");
        DivisionTree tree = new DivisionTree(jdbc);
        NumberSegments segments = new NumberSegments(jdbc, new JdbcTemplate(ds));
        resolver = new Resolver(tree, new PhoneAttribution(segments, tree, properties), new AddressMatcher(tree), properties);
        tree.size();
        baseline = new HashMap<>();
        for (String phone : PHONES) {
            baseline.put(phone.substring(0, 7), "4101");
        }
    }

    private <T> T next(List<T> list) {
        return list.get((i++ & 0x7fffffff) % list.size());
    }

    @Benchmark
    public UnitResolution byPhone() {
        return resolver.byPhone(next(PHONES));
    }

    @Benchmark
    public UnitResolution byIdNumber() {
        return resolver.byIdNumber(next(IDS));
    }

    @Benchmark
    public UnitResolution byAddress() {
        return resolver.byAddress(next(ADDRESSES));
    }

    @Benchmark
    public String baselineHashMapPrefixLookup() {
        return baseline.get(next(PHONES).substring(0, 7));
    }
}
