package org.fanzha.divisions;

/** Finds the unit that covers a person from what is known of them. */
public interface UnitResolver {

    /** The city a mobile number is registered in, or a fixed-line number's area code. */
    UnitResolution byPhone(String phone);

    /** Many phones at once, for bulk intake: one look-up of the number-segment table. */
    java.util.Map<String, UnitResolution> byPhones(java.util.Collection<String> phones);

    /** The county where an ID number was issued (obsolete codes mapped to today's). */
    UnitResolution byIdNumber(String idNumber);

    UnitResolution byDivisionCode(String code);

    /** The deepest division (village, township, county, city) an address names. */
    UnitResolution byAddress(String address);
}
