package org.fanzha.platform;

import org.springframework.http.HttpStatus;

public class NotSignedIn extends ProblemException {

    public NotSignedIn() {
        super(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in", "Sign in or present a bearer token.");
    }
}
