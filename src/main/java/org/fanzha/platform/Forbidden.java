package org.fanzha.platform;

import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refused action (403); the detail, a bundle key with its arguments, says what it needs. */
public class Forbidden extends ProblemException {

    public Forbidden(String detail, Object... args) {
        super(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.title", detail, Arrays.asList(args), Map.of());
    }
}
