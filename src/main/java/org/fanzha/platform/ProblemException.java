package org.fanzha.platform;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every failure a user or partner can cause. Spring MVC renders it as an RFC 9457
 * problem detail: {@code type} is {@code urn:fanzha:problem:<slug>}, so clients can branch on it.
 */
public abstract class ProblemException extends ErrorResponseException {

    protected ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    protected ProblemException(HttpStatus status, String slug, String title, String detail, Map<String, ?> properties) {
        super(status, problem(status, slug, title, detail, properties), null);
    }

    private static ProblemDetail problem(
            HttpStatus status, String slug, String title, String detail, Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:fanzha:problem:" + slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /**
     * One line for a page to show: each rejected field with its reason ({@code field: message; …}),
     * else the detail.
     */
    public String summary() {
        Object errors = getBody().getProperties() == null
                ? null
                : getBody().getProperties().get("errors");
        if (errors instanceof java.util.List<?> list) {
            String fields = list.stream()
                    .filter(FieldError.class::isInstance)
                    .map(FieldError.class::cast)
                    .map(f -> f.field() + ": " + f.message())
                    .collect(java.util.stream.Collectors.joining("; "));
            if (!fields.isEmpty()) {
                return fields;
            }
        }
        return getMessage();
    }

    @Override
    public String getMessage() {
        String detail = getBody().getDetail();
        return detail == null ? getBody().getTitle() + "" : detail;
    }
}
