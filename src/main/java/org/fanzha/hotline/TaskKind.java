package org.fanzha.hotline;

public enum TaskKind {
    /** Call the person now: a red or orange warning. */
    CALL,
    /** 回访: call again some days after a dissuasion. */
    FOLLOW_UP,
    /** 见面劝阻: a local officer goes to the person. */
    VISIT
}
