package org.fanzha.platform;

import org.jspecify.annotations.Nullable;

/** One bad field of a request, as listed in a validation problem detail. */
public record FieldError(
        String field, String message, @Nullable Object rejected) {}
