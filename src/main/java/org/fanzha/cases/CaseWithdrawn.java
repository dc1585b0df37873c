package org.fanzha.cases;

/** A case was withdrawn (撤案): what it said about its identifiers no longer holds. */
public record CaseWithdrawn(long caseId) {}
