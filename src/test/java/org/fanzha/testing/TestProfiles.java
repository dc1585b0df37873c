package org.fanzha.testing;

import org.springframework.test.context.ActiveProfilesResolver;

/** The test profile, plus test-postgresql when the database tests run against PostgreSQL. */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return TestDatabase.postgresql()
                ? new String[] {"test", "demo", "test-postgresql"}
                : new String[] {"test", "demo"};
    }
}
