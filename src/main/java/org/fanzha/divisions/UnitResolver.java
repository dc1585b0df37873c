package org.fanzha.divisions;

/** Finds the unit that covers a person from what is known of them. */
public interface UnitResolver {

    /** The city a mobile number is registered in, or a fixed-line number's area code. */
    UnitResolution byPhone(String phone);

    /** The county where an ID number was issued (obsolete codes mapped to today's). */
    UnitResolution byIdNumber(String idNumber);

    UnitResolution byDivisionCode(String code);

    /** The deepest division (village, township, county, city) an address names. */
    UnitResolution byAddress(String address);
}
