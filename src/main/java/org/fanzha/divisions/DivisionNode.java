package org.fanzha.divisions;

/** A division with the number of units below it, for lists and trees. */
public record DivisionNode(String code, String name, DivisionLevel level, int childCount) {}
