package org.fanzha.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request with bad fields; the problem detail lists every one of them under {@code errors}. */
public class InvalidInput extends ProblemException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "validation",
                "problem.validation.title",
                detail(errors, Locale.ENGLISH),
                List.of(),
                Map.of("errors", List.copyOf(errors)));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message, Object rejected) {
        this(List.of(new FieldError(field, message, rejected)));
    }

    /** One bad field, its message the bundle key with these arguments. */
    public static InvalidInput of(
            String field, String key, @org.jspecify.annotations.Nullable Object rejected, Object... args) {
        return new InvalidInput(List.of(FieldError.of(field, key, rejected, args)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String detail(Locale locale) {
        return detail(errors, locale);
    }

    /** "field: message" for one field; for several, how many and which, by their names. */
    private static String detail(List<FieldError> errors, Locale locale) {
        if (errors.size() == 1) {
            FieldError e = errors.get(0);
            return e.field() + Texts.resolve("problem.colon", List.of(), locale) + e.message(locale);
        }
        return Texts.resolve(
                "problem.validation.many",
                List.of(
                        errors.size(),
                        String.join(", ", errors.stream().map(FieldError::field).toList())),
                locale);
    }
}
