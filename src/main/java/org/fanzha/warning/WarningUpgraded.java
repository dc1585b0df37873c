package org.fanzha.warning;

/** A further lead raised an open warning's urgency. */
public record WarningUpgraded(long warningId, String unitCode, Urgency urgency) {}
