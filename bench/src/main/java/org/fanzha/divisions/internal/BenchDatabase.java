package org.fanzha.divisions.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.Context;

/** A fresh database with the division schema of migration V1_2, on H2 or the machine's PostgreSQL. */
final class BenchDatabase {

    static final String PG_URL = System.getenv().getOrDefault("FANZHA_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("FANZHA_BENCH_PG_USER", "postgres");
    private static int h2Count;

    private BenchDatabase() {}

    static Connection fresh(String database) throws Exception {
        Connection c;
        if (database.equals("postgresql")) {
            c = DriverManager.getConnection(PG_URL, PG_USER, "");
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS fanzha_bench CASCADE");
                s.execute("CREATE SCHEMA fanzha_bench");
                s.execute("SET search_path TO fanzha_bench");
            }
        } else {
            c = DriverManager.getConnection(
                    "jdbc:h2:mem:bench" + (h2Count++) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        }
        divisionSchema(c);
        c.setAutoCommit(false);
        return c;
    }

    /** Runs migration V1_2 (the division tables) as Flyway would. */
    static void divisionSchema(Connection c) throws Exception {
        try (InputStream in = BenchDatabase.class.getResourceAsStream("/db/migration/common/V1_2__divisions.sql");
                Statement s = c.createStatement()) {
            for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                String statement = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    static Context context(Connection connection) {
        FluentConfiguration configuration = new FluentConfiguration();
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return configuration;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }

    static void close(Connection c) throws SQLException {
        c.rollback();
        c.close();
    }
}
