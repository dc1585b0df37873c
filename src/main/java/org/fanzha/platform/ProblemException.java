package org.fanzha.platform;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every failure a user or partner can cause. Spring MVC renders it as an RFC 9457
 * problem detail: {@code type} is {@code urn:fanzha:problem:<slug>}, so clients can branch on it.
 * Title and detail are bundle keys (or words that are not ours), resolved in the reader's
 * language: the body as built holds them in English, {@link #localized} and {@link #summary} in
 * the locale asked for.
 */
public abstract class ProblemException extends ErrorResponseException {

    private final String titleText;
    private final String detailText;
    private final List<Object> arguments;

    protected ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), Map.of());
    }

    protected ProblemException(HttpStatus status, String slug, String title, String detail, Map<String, ?> properties) {
        this(status, slug, title, detail, List.of(), properties);
    }

    /** A problem whose detail is the bundle key {@code detail} with these arguments. */
    protected ProblemException(
            HttpStatus status, String slug, String title, String detail, List<?> arguments, Map<String, ?> properties) {
        super(status, problem(status, slug, title, detail, arguments, properties), null);
        this.titleText = title;
        this.detailText = detail;
        this.arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    protected static List<Object> args(Object... values) {
        return Arrays.asList(values);
    }

    private static ProblemDetail problem(
            HttpStatus status, String slug, String title, String detail, List<?> arguments, Map<String, ?> properties) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(status, Texts.resolve(detail, arguments, Locale.ENGLISH));
        problem.setType(URI.create("urn:fanzha:problem:" + slug));
        problem.setTitle(Texts.resolve(title, List.of(), Locale.ENGLISH));
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The title in the locale. */
    public String title(Locale locale) {
        return Texts.resolve(titleText, List.of(), locale);
    }

    /** The detail in the locale. */
    public String detail(Locale locale) {
        return Texts.resolve(detailText, arguments, locale);
    }

    /** The problem detail in the locale: title, detail and every field error resolved. */
    public ProblemDetail localized(Locale locale) {
        ProblemDetail body = getBody();
        ProblemDetail copy = ProblemDetail.forStatusAndDetail(
                org.springframework.http.HttpStatusCode.valueOf(body.getStatus()), detail(locale));
        copy.setType(body.getType());
        copy.setTitle(title(locale));
        if (body.getInstance() != null) {
            copy.setInstance(body.getInstance());
        }
        if (body.getProperties() != null) {
            body.getProperties().forEach((name, value) -> copy.setProperty(name, localizedValue(value, locale)));
        }
        return copy;
    }

    private static Object localizedValue(Object value, Locale locale) {
        if (value instanceof List<?> list && list.stream().allMatch(FieldError.class::isInstance)) {
            return list.stream()
                    .map(FieldError.class::cast)
                    .map(f -> f.resolved(locale))
                    .toList();
        }
        return value;
    }

    /**
     * One line for a page to show, in the language of the request being served: each rejected
     * field as its form labels it, with its reason ({@code 金额：必须大于 0；…}), else the detail.
     */
    public String summary() {
        return summary(LocaleContextHolder.getLocale());
    }

    /** {@link #summary()} in the locale. */
    public String summary(Locale locale) {
        Object errors = getBody().getProperties() == null
                ? null
                : getBody().getProperties().get("errors");
        if (errors instanceof List<?> list) {
            String separator = Texts.resolve("problem.separator", List.of(), locale);
            String colon = Texts.resolve("problem.colon", List.of(), locale);
            String fields = list.stream()
                    .filter(FieldError.class::isInstance)
                    .map(FieldError.class::cast)
                    .map(f -> Texts.fieldLabel(f.field(), locale) + colon + f.message(locale))
                    .collect(java.util.stream.Collectors.joining(separator));
            if (!fields.isEmpty()) {
                return fields;
            }
        }
        return detail(locale);
    }

    /**
     * The rejected fields with their reasons, in the locale, for a form that shows each error at
     * its field (the first reason of a field when it has several); empty for other problems.
     */
    public Map<String, String> fieldMessages(Locale locale) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Object errors = getBody().getProperties() == null
                ? null
                : getBody().getProperties().get("errors");
        if (errors instanceof List<?> list) {
            list.stream()
                    .filter(FieldError.class::isInstance)
                    .map(FieldError.class::cast)
                    // several reasons for one field are shown together at it
                    .forEach(f -> out.merge(
                            f.field(),
                            f.message(locale),
                            (a, b) -> a + ("zh".equals(locale.getLanguage()) ? "；" : "; ") + b));
        }
        return out;
    }

    @Override
    public String getMessage() {
        String detail = getBody().getDetail();
        return detail == null ? getBody().getTitle() + "" : detail;
    }
}
