package org.fanzha.risk;

import java.util.List;

/** What other modules ask of the risk list. */
public interface RiskList {

    /**
     * Records sightings and grades their identifiers again, in the caller's transaction; values
     * that are no identifier of their type, and sightings already recorded, are skipped.
     *
     * @return how many sightings were new
     */
    int record(List<Sighting> sightings);

    /**
     * Replaces the sightings that came from one reference (a case as it is now) with these, and
     * grades the identifiers of both again once.
     *
     * @return how many sightings were recorded
     */
    int replace(String refType, String refId, List<Sighting> sightings);

    /**
     * Takes back the sightings that came from one reference (a withdrawn case, a report found
     * false) and grades their identifiers again.
     */
    void withdraw(String refType, String refId);

    /** The level a value has now, as the list's database holds it (NONE when it is not listed or is no value of the type). */
    RiskLevel level(RiskType type, String value);
}
