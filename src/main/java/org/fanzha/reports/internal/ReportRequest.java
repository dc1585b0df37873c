package org.fanzha.reports.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A report as the public sends it: everything as text, so that each bad field is named. */
record ReportRequest(
        @Nullable String reporterPhone,
        @Nullable Boolean victim,
        @Nullable String fraudType,
        @Nullable List<@Nullable Identifier> fraudster,
        @Nullable List<@Nullable Transfer> transfers,
        @Nullable String text,
        @Nullable String code) {

    record Identifier(@Nullable String type, @Nullable String value) {}

    record Transfer(
            @Nullable String time,
            @Nullable String fromAccount,
            @Nullable String toAccount,
            @Nullable String toBank,
            @Nullable String amount,
            @Nullable String channel) {}
}
