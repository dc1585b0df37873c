package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.fanzha.Fanzha;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Outside the demo profile there are no demo accounts; an empty database gets only the bootstrap admin. */
class WithoutDemoProfileTest {

    @Test
    void noDemoAccountsAndTheFirstAdminComesFromTheBootstrapPassword() {
        try (var context = new SpringApplicationBuilder(Fanzha.class)
                .profiles("test")
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:nodemo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "--server.port=0",
                        "--FANZHA_BOOTSTRAP_ADMIN_PASSWORD=bootstrap-password-1")) {
            var jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT username FROM staff")
                            .query(String.class)
                            .list())
                    .containsExactly("admin");
            assertThat(jdbc.sql("SELECT created_by FROM staff")
                            .query(String.class)
                            .single())
                    .isEqualTo("bootstrap");
            assertThat(jdbc.sql("SELECT roles FROM staff").query(String.class).single())
                    .isEqualTo("ADMIN");
        }
    }
}
