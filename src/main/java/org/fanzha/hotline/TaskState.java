package org.fanzha.hotline;

public enum TaskState {
    OPEN,
    TAKEN,
    DONE,
    CANCELLED
}
