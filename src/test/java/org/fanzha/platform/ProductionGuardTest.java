package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    final ProductionGuard guard = new ProductionGuard();

    @Test
    void prodWithoutADatabaseSaysWhatIsMissing() {
        var env = new MockEnvironment();
        env.setActiveProfiles("prod");
        env.setProperty("FANZHA_DB_USER", "fanzha");
        assertThatThrownBy(() -> guard.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("FANZHA_DB_URL")
                .hasMessageContaining("FANZHA_DB_PASSWORD")
                .hasMessageNotContaining("FANZHA_DB_USER,");
    }

    @Test
    void prodRefusesTheDemoProfile() {
        var env = new MockEnvironment();
        env.setActiveProfiles("prod", "demo");
        assertThatThrownBy(() -> guard.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("demo");
    }

    @Test
    void prodNeedsAPostgresqlUrl() {
        var env = new MockEnvironment();
        env.setActiveProfiles("prod");
        env.setProperty("FANZHA_DB_URL", "jdbc:h2:mem:x");
        env.setProperty("FANZHA_DB_USER", "u");
        env.setProperty("FANZHA_DB_PASSWORD", "p");
        assertThatThrownBy(() -> guard.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void aCompleteProdConfigurationAndTheEmbeddedDefaultPass() {
        var prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        prod.setProperty("FANZHA_DB_URL", "jdbc:postgresql://db:5432/fanzha");
        prod.setProperty("FANZHA_DB_USER", "u");
        prod.setProperty("FANZHA_DB_PASSWORD", "p");
        assertThatCode(() -> guard.postProcessEnvironment(prod, new SpringApplication()))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
                .doesNotThrowAnyException();
    }
}
