package org.fanzha.platform;

import org.springframework.http.HttpStatus;

public class Forbidden extends ProblemException {

    public Forbidden(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
