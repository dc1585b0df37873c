package org.fanzha.cases;

/** Identifiers were added to a case (by hand, an import, fund tracing); carries the id only. */
public record CaseIdentifiersAdded(long caseId) {}
