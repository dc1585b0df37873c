package org.fanzha.warning;

public enum ContactMethod {
    PHONE,
    SMS,
    VISIT
}
