package org.fanzha.platform.web;

import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** A request body over the limit of its path. */
class PayloadTooLarge extends ProblemException {

    PayloadTooLarge(DataSize limit) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "problem.payloadTooLarge.title",
                "problem.payloadTooLarge.detail",
                java.util.List.of(limit.toKilobytes()),
                java.util.Map.of());
    }
}
