package org.fanzha.cases;

import java.util.EnumSet;
import java.util.Set;

/** 受案 → 立案 → 侦查 → 破案 → 移送起诉, or 撤案. */
public enum CaseStatus {
    ACCEPTED,
    FILED,
    INVESTIGATING,
    SOLVED,
    PROSECUTED,
    WITHDRAWN;

    /** The statuses a case in this status may go to. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case ACCEPTED -> EnumSet.of(FILED, WITHDRAWN);
            case FILED -> EnumSet.of(INVESTIGATING, SOLVED, WITHDRAWN);
            case INVESTIGATING -> EnumSet.of(SOLVED, WITHDRAWN);
            case SOLVED -> EnumSet.of(PROSECUTED);
            case PROSECUTED, WITHDRAWN -> EnumSet.noneOf(CaseStatus.class);
        };
    }
}
