package org.fanzha.platform;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request with bad fields; the problem detail lists every one of them under {@code errors}. */
public class InvalidInput extends ProblemException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid input",
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid: "
                                + String.join(
                                        ", ",
                                        errors.stream().map(FieldError::field).toList()) + ".",
                Map.of("errors", List.copyOf(errors)));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message, Object rejected) {
        this(List.of(new FieldError(field, message, rejected)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
