package org.fanzha.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs database tests on H2 always, and on PostgreSQL when it answers; without PostgreSQL they
 * are skipped, unless CI=true, where a missing PostgreSQL is a failure.
 */
public class DatabaseAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgresql()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        var problem = TestDatabase.postgresqlProblem();
        if (problem.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers");
        }
        if (TestDatabase.ci()) {
            throw new IllegalStateException("CI=true but " + problem.get());
        }
        return ConditionEvaluationResult.disabled(problem.get());
    }
}
