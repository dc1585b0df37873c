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
        @Nullable String bodyCameraRef,
        // a visit's officer (username): the village's or the township's; null while it is the county's
        @Nullable String assignedTo,
        // the village or township whose officer it went to
        @Nullable String routeDivision) {}
