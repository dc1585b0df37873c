package org.fanzha.divisions;

/** Levels of the unit hierarchy, from the province down to villages and residents' communities. */
public enum DivisionLevel {
    PROVINCE,
    CITY,
    COUNTY,
    TOWNSHIP,
    VILLAGE
}
