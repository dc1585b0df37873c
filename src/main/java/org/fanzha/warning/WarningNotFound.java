package org.fanzha.warning;

import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** No warning with that id within the caller's jurisdiction (404, also for ids outside it). */
public class WarningNotFound extends ProblemException {

    public WarningNotFound(long id) {
        super(
                HttpStatus.NOT_FOUND,
                "warning-not-found",
                "problem.warningNotFound.title",
                "problem.warningNotFound.detail",
                java.util.List.of(id),
                java.util.Map.of());
    }
}
