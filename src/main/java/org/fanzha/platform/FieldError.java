package org.fanzha.platform;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One bad field of a request, as listed in a validation problem detail. The message is a bundle
 * key ({@code error.maxLength}) with its arguments, resolved in the reader's language when the
 * problem is shown; a problem detail sent to a partner carries it resolved.
 */
public record FieldError(
        String field,
        String message,
        @Nullable Object rejected,
        @JsonIgnore List<Object> args) {

    public FieldError {
        args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    public FieldError(String field, String message, @Nullable Object rejected) {
        this(field, message, rejected, List.of());
    }

    /** A field error whose message is the bundle key with these arguments. */
    public static FieldError of(String field, String key, @Nullable Object rejected, Object... args) {
        return new FieldError(field, key, rejected, Arrays.asList(args));
    }

    /** The message in the locale. */
    public String message(Locale locale) {
        return Texts.resolve(message, args, locale);
    }

    /** The field as its form labels it, in the locale. */
    public String label(Locale locale) {
        return Texts.fieldLabel(field, locale);
    }

    /** "label：message" as a page shows it, in the locale. */
    public String text(Locale locale) {
        return label(locale) + Texts.resolve("problem.colon", List.of(), locale) + message(locale);
    }

    /** This error with its message resolved in the locale (as a problem detail carries it). */
    public FieldError resolved(Locale locale) {
        return new FieldError(field, message(locale), rejected);
    }
}
