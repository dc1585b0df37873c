package org.fanzha.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.UnitResolver;
import org.fanzha.testing.IntegrationTest;
import org.fanzha.warning.WarningProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo generator makes leads the real intake takes, for all 18 city-level units. */
@IntegrationTest
class DemoLeadsTest {

    @Autowired
    UnitResolver resolver;

    @Autowired
    Divisions divisions;

    @Autowired
    LeadValidator validator;

    @Autowired
    LeadIntake intake;

    @Autowired
    WarningStore store;

    @Autowired
    WarningProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void generatedLeadsAreValidAndReachEveryCity() {
        var demo = new DemoLeads(
                resolver, divisions, validator, intake, store, properties, jdbc, tx, Clock.systemUTC(), 0);
        demo.run(null);
        Set<String> cities = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            var validated = validator.validate(demo.randomLead());
            assertThat(validated.ignored()).isEmpty();
            var lead = validated.lead();
            String unit = lead.divisionCode() != null
                    ? lead.divisionCode()
                    : resolver.byPhone(lead.phone()).unit().code();
            assertThat(unit).startsWith("41");
            cities.add(divisions.ancestors(unit).stream()
                    .filter(d -> d.level().name().equals("CITY"))
                    .findFirst()
                    .map(d -> d.code())
                    .orElse(unit.length() >= 4 ? unit : ""));
        }
        assertThat(cities).hasSize(18);
    }
}
