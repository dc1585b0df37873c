package org.fanzha.warning;

/** How a warning ended. */
public enum Outcome {
    /** 劝阻成功: the person was reached and will not pay. */
    DISSUADED,
    /** 劝阻无效: the person insists on paying; a visit and a stop-payment request follow. */
    PERSISTS,
    /** The money is already gone: a case follows. */
    ALREADY_DEFRAUDED,
    UNREACHABLE,
    FALSE_ALARM,
    NOT_AT_RISK
}
