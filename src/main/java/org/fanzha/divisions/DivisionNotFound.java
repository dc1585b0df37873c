package org.fanzha.divisions;

import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** A well-formed code that is no division of the province (404). */
public class DivisionNotFound extends ProblemException {

    public DivisionNotFound(String code) {
        super(
                HttpStatus.NOT_FOUND,
                "division-not-found",
                "problem.divisionNotFound.title",
                "problem.divisionNotFound.detail",
                java.util.List.of(code),
                java.util.Map.of());
    }
}
