package org.fanzha.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused production start into Spring Boot's plain "APPLICATION FAILED TO START" report. */
class ProductionGuardFailureAnalyzer extends AbstractFailureAnalyzer<ProductionGuard.UnsafeProductionConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionGuard.UnsafeProductionConfiguration cause) {
        return new FailureAnalysis(
                "Fanzha refused to start the prod profile: " + cause.getMessage(),
                "Set the environment variables named above (see 'Production' in README.md) and start again.",
                cause);
    }
}
