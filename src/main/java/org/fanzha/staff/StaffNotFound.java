package org.fanzha.staff;

import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** No staff account with that id inside the caller's jurisdiction (404, also for ids outside it). */
public class StaffNotFound extends ProblemException {

    public StaffNotFound(long id) {
        super(
                HttpStatus.NOT_FOUND,
                "staff-not-found",
                "problem.staffNotFound.title",
                "problem.staffNotFound.detail",
                java.util.List.of(id),
                java.util.Map.of());
    }
}
