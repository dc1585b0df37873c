package org.fanzha.hotline.internal;

import java.math.BigDecimal;
import java.time.Instant;
import org.fanzha.hotline.TaskKind;
import org.fanzha.hotline.TaskState;
import org.fanzha.warning.Urgency;
import org.jspecify.annotations.Nullable;

record HotlineTask(
        long id,
        long warningId,
        TaskKind kind,
        String unitCode,
        Urgency urgency,
        Instant dueAt,
        TaskState state,
        @Nullable String takenBy,
        @Nullable Instant takenAt,
        int failedAttempts,
        @Nullable String result,
        Instant createdAt,
        @Nullable Instant closedAt,
        @Nullable Instant visitedAt,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude,
        @Nullable String bodyCameraRef) {}
