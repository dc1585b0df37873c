package org.fanzha.appeals;

import org.jspecify.annotations.Nullable;

/**
 * A listing a holder may appeal.
 *
 * @param kind the subject's kind ({@link AppealSubject#kind()})
 * @param ref the subject's id in its module
 * @param type the value's type, as the holder names it
 * @param value the value as the module keeps it (normalised)
 * @param unitCode the unit whose jurisdiction the listing belongs to, where it has one
 */
public record Subject(
        String kind,
        String ref,
        String type,
        String value,
        @Nullable String unitCode) {}
