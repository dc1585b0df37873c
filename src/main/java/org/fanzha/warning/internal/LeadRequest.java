package org.fanzha.warning.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead as partners send it. Everything arrives as text so that one bad field is reported by
 * name instead of failing the whole body; fields we do not know are collected, logged and
 * ignored, so a partner adding a field never stops a warning.
 */
record LeadRequest(
        @Nullable String source,
        @Nullable String sourceId,
        @Nullable String phone,
        @Nullable String idNumber,
        @Nullable String name,
        @Nullable String address,
        @Nullable String divisionCode,
        @Nullable String fraudType,
        @Nullable List<SignalRequest> signals,
        @Nullable Object amountAtRisk,
        @Nullable String observedAt,
        @JsonAnySetter @Nullable Map<String, Object> unknown) {

    LeadRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }

    record SignalRequest(
            @Nullable String type,
            @Nullable String counterpart,
            @Nullable Object minutes,
            @Nullable String account,
            @Nullable Object amount,
            @Nullable String url,
            @Nullable String app,
            @JsonAnySetter @Nullable Map<String, Object> unknown) {}
}
