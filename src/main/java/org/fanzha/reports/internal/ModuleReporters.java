package org.fanzha.reports.internal;

import java.util.Optional;
import org.fanzha.reports.Reporters;
import org.springframework.stereotype.Service;

@Service
class ModuleReporters implements Reporters {

    private final ReportStore store;

    ModuleReporters(ReportStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> phone(String receipt) {
        return store.reporterPhone(receipt);
    }
}
