package org.fanzha.staff;

import java.util.Optional;

/**
 * 一村（格）一警: who goes to a person's door. Each village or residents' community, and each
 * township, can have its community officer (a staff account) and grid members (community
 * workers: a name and a mobile number).
 */
public interface Grid {

    /**
     * The officer who visits people of this division: its village's, else its township's (the
     * station's); empty when neither has one, and the visit stays with the county.
     */
    Optional<Officer> officerFor(String divisionCode);

    /**
     * @param divisionCode the village or township the officer is assigned to
     * @param phone the officer's mobile, for telling them of a visit (never shown on a page)
     */
    record Officer(String divisionCode, long staffId, String username, String displayName, String phone) {}
}
