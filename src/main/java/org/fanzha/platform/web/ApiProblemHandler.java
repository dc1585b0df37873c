package org.fanzha.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Texts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure of the REST API ({@code /api/**}) to an RFC 9457 problem detail:
 * validation errors list each bad field, unreadable JSON says where it broke, and anything
 * unexpected is a 500 without a stack trace (logged here instead). Failures of pages are
 * rethrown unchanged, so they reach Spring Security (sign-in, 403) and the error page.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final org.springframework.context.MessageSource messages;

    ApiProblemHandler(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (!isApi(request)) {
            throw Rethrow.<RuntimeException>unchecked(ex);
        }
        if (body == null && ex instanceof org.fanzha.platform.ProblemException problem) {
            body = problem.localized(apiLocale());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(e -> errors.add(
                        new FieldError(e.getField(), message(e.getDefaultMessage()), safe(e.getRejectedValue()))));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), message(e.getDefaultMessage()), null)));
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(e -> errors.add(new FieldError(
                                r.getMethodParameter().getParameterName() + "",
                                message(e.getDefaultMessage()),
                                safe(r.getArgument())))));
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        ProblemDetail problem;
        if (cause instanceof PayloadTooLarge tooLarge) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge.getBody());
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = validation(List.of(new FieldError(
                    unknown.getPathReference().replaceAll("^[^\\[]*\\[\"?|\"?\\]$", ""),
                    "error.unknownField",
                    null,
                    List.of(unknown.getPropertyName()))));
        } else if (cause instanceof DatabindException bad && !bad.getPath().isEmpty()) {
            problem = validation(
                    List.of(FieldError.of(path(bad), "error.unreadable", null, firstLine(bad.getOriginalMessage()))));
        } else if (cause instanceof JacksonException json) {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    "problem.malformedJson.title",
                    "problem.malformedJson.detail",
                    firstLine(json.getOriginalMessage()));
        } else {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "unreadable-body",
                    "problem.unreadableBody.title",
                    "problem.unreadableBody.detail");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request)
            throws Exception {
        pagesRethrow(ex, request);
        return ResponseEntity.badRequest()
                .body(validation(List.of(FieldError.of(ex.getName(), "error.wrongForm", safe(ex.getValue())))));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException ex, WebRequest request) throws Exception {
        pagesRethrow(ex, request);
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(
                        HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.title", "problem.forbidden.detail"));
    }

    @ExceptionHandler(Exception.class)
    @Nullable
    ResponseEntity<ProblemDetail> unexpected(
            Exception ex, WebRequest request, jakarta.servlet.http.HttpServletResponse response) throws Exception {
        var bad = BadInputCauses.of(ex);
        if (bad.isPresent()) {
            var refusal = bad.get();
            var locale = apiLocale();
            ProblemDetail problem = problem(
                    refusal.status(),
                    refusal.slug(),
                    messages.getMessage(refusal.key() + ".title", null, locale),
                    messages.getMessage(refusal.key() + ".detail", new Object[] {refusal.argument()}, locale));
            log.info("Refused input: {}", problem.getDetail());
            if (!isApi(request)) {
                // a page: the error page with the 4xx status
                response.sendError(refusal.status().value());
                return null;
            }
            return ResponseEntity.status(refusal.status()).body(problem);
        }
        pagesRethrow(ex, request);
        log.error("Unexpected failure", ex);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "problem.internal.title",
                        "problem.internal.detail"));
    }

    private static boolean isApi(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                && servlet.getRequest().getRequestURI().startsWith("/api/");
    }

    /** Rethrowing the very exception lets the next resolvers (and Spring Security) handle a page's failure. */
    private static void pagesRethrow(Exception ex, WebRequest request) throws Exception {
        if (!isApi(request)) {
            throw ex;
        }
    }

    static final class Rethrow {
        private Rethrow() {}

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T unchecked(Throwable t) throws T {
            throw (T) t;
        }
    }

    static ProblemDetail validation(List<FieldError> errors) {
        return new InvalidInput(errors).localized(apiLocale());
    }

    /** A problem detail whose title and detail are bundle keys, resolved in the API's language. */
    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail, Object... args) {
        Locale locale = apiLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, Texts.resolve(detail, List.of(args), locale));
        problem.setType(URI.create("urn:fanzha:problem:" + slug));
        problem.setTitle(Texts.resolve(title, List.of(), locale));
        return problem;
    }

    /**
     * The API's language: the one the caller asks for with {@code Accept-Language} (a browser's
     * script gets Chinese), else English, the language partners integrate in.
     */
    static Locale apiLocale() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String asked = servlet.getRequest().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
            if (asked != null && !asked.isBlank()) {
                return "zh".equals(servlet.getRequest().getLocale().getLanguage())
                        ? Locale.SIMPLIFIED_CHINESE
                        : Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    private static String path(DatabindException ex) {
        StringBuilder sb = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String message(@Nullable String message) {
        return message == null ? "error.invalid" : message;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Echo a rejected value only when it is short and plain, never a whole hostile payload. */
    private static @Nullable Object safe(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
