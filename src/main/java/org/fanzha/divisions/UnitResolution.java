package org.fanzha.divisions;

import org.jspecify.annotations.Nullable;

/**
 * The answer to "which unit covers this person".
 *
 * @param via the input that decided: phone, idNumber, divisionCode or address
 * @param status whether a unit of the province was found
 * @param unit the unit, when resolved
 * @param province the province named when the person belongs outside ours
 * @param basis how it was decided, for people to check (the segment, the geocoder's words …)
 */
public record UnitResolution(
        String via,
        Status status,
        @Nullable Division unit,
        @Nullable String province,
        @com.fasterxml.jackson.annotation.JsonIgnore String basis) {

    /** How it was decided, in English, as partners read it (the stored basis is read in each reader's language). */
    @com.fasterxml.jackson.annotation.JsonProperty("basis")
    public String basisText() {
        return org.fanzha.platform.Texts.decode(basis, java.util.Locale.ENGLISH);
    }

    public enum Status {
        /** A unit of this province covers the person. */
        RESOLVED,
        /** The person belongs to another province, named in {@code province}. */
        OUT_OF_PROVINCE,
        /** The input is valid but nothing we hold attributes it (no guessing). */
        UNKNOWN
    }

    public static UnitResolution resolved(String via, Division unit, String basis) {
        return new UnitResolution(via, Status.RESOLVED, unit, null, basis);
    }

    public static UnitResolution outOfProvince(String via, String province, String basis) {
        return new UnitResolution(via, Status.OUT_OF_PROVINCE, null, province, basis);
    }

    public static UnitResolution unknown(String via, String basis) {
        return new UnitResolution(via, Status.UNKNOWN, null, null, basis);
    }
}
