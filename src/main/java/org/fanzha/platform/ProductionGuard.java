package org.fanzha.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the prod profile without its database configuration, or together with the
 * demo profile (whose accounts have a published password), and says what is missing.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

    /** Why the prod profile refused to start; reported by {@link ProductionGuardFailureAnalyzer}. */
    public static class UnsafeProductionConfiguration extends IllegalStateException {
        UnsafeProductionConfiguration(String message) {
            super(message);
        }
    }

    static final List<String> REQUIRED = List.of("FANZHA_DB_URL", "FANZHA_DB_USER", "FANZHA_DB_PASSWORD");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        if (!profiles.contains("prod")) {
            return;
        }
        if (profiles.contains("demo")) {
            throw new UnsafeProductionConfiguration(
                    "The prod and demo profiles are active together; the demo profile creates accounts with a published password. "
                            + "Start production with --spring.profiles.active=prod only.");
        }
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (environment.getProperty(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnsafeProductionConfiguration(
                    "The prod profile needs its PostgreSQL database; set " + String.join(", ", missing)
                            + " (e.g. FANZHA_DB_URL=jdbc:postgresql://db:5432/fanzha, FANZHA_DB_USER=fanzha, FANZHA_DB_PASSWORD=…).");
        }
        String url = environment.getProperty("FANZHA_DB_URL", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UnsafeProductionConfiguration(
                    "FANZHA_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), not " + url);
        }
    }
}
