package org.fanzha.warning;

public enum ContactResult {
    ANSWERED,
    NO_ANSWER,
    BUSY,
    WRONG_NUMBER,
    MET
}
