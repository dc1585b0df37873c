package org.fanzha.cases;

/** A case was taken in (受案) or filed with its identifiers; carries the id only. */
public record CaseFiled(long caseId) {}
