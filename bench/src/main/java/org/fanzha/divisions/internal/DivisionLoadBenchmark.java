package org.fanzha.divisions.internal;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first-start load of all 55,164 Henan divisions (migration V1_3: read the CSV, reshape 济源,
 * batch-insert with the parent foreign key and index, plus the alias table) against the raw
 * insert rate of the same database: the same rows batch-inserted into a table with no key,
 * index or constraint, from memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class DivisionLoadBenchmark {

    @Param({"h2", "postgresql"})
    String database;

    Connection connection;
    List<CSVRecord> rows;

    @Setup(Level.Trial)
    public void readRows() throws Exception {
        try (var reader = new InputStreamReader(getClass().getResourceAsStream("/divisions/henan-divisions.csv"), StandardCharsets.UTF_8)) {
            rows = new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords());
        }
    }

    @Setup(Level.Invocation)
    public void freshDatabase() throws Exception {
        connection = BenchDatabase.fresh(database);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE raw_division (code VARCHAR(12), name VARCHAR(80), level VARCHAR(10), parent_code VARCHAR(12))");
        }
        connection.commit();
    }

    @TearDown(Level.Invocation)
    public void drop() throws Exception {
        BenchDatabase.close(connection);
    }

    @Benchmark
    public void migrationV1_3() throws Exception {
        new V1_3__Load_henan_divisions().migrate(BenchDatabase.context(connection));
        connection.commit();
    }

    @Benchmark
    public void baselineRawBatchInsert() throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_division VALUES (?, ?, ?, ?)")) {
            int n = 0;
            for (CSVRecord row : rows) {
                insert.setString(1, row.get(0));
                insert.setString(2, row.get(1));
                insert.setString(3, row.get(2));
                insert.setString(4, row.get(3));
                insert.addBatch();
                if (++n % 5_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
    }
}
