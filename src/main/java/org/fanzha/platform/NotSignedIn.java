package org.fanzha.platform;

import org.springframework.http.HttpStatus;

public class NotSignedIn extends ProblemException {

    public NotSignedIn() {
        super(
                HttpStatus.UNAUTHORIZED,
                "unauthenticated",
                "problem.unauthenticated.title",
                "problem.unauthenticated.detail");
    }
}
