package org.fanzha.testing;

import java.sql.DriverManager;
import java.util.Optional;

/**
 * Which database the database tests run against: H2 by default, PostgreSQL when the build sets
 * {@code fanzha.test.database=postgresql} (the second Surefire execution, and CI).
 */
public final class TestDatabase {

    public static final String PG_URL =
            System.getenv().getOrDefault("FANZHA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("FANZHA_TEST_PG_USER", "postgres");

    private static volatile Optional<String> pgProblem;

    private TestDatabase() {}

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("fanzha.test.database", "h2"));
    }

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Empty when PostgreSQL answers; otherwise why not. Checked once per JVM. */
    public static synchronized Optional<String> postgresqlProblem() {
        if (pgProblem == null) {
            try (var connection = DriverManager.getConnection(
                    PG_URL, PG_USER, System.getenv().getOrDefault("FANZHA_TEST_PG_PASSWORD", ""))) {
                connection.createStatement().execute("SELECT 1");
                pgProblem = Optional.empty();
            } catch (Exception e) {
                pgProblem = Optional.of("PostgreSQL at " + PG_URL + " is not reachable: " + e.getMessage());
            }
        }
        return pgProblem;
    }
}
