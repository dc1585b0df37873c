package org.fanzha.reports;

import java.util.Optional;

/** Whom to tell about a report: for the modules that send the reporter's texts. */
public interface Reporters {

    /** The reporter's mobile, while the report keeps it (retention removes it from a report that made no case). */
    Optional<String> phone(String receipt);
}
