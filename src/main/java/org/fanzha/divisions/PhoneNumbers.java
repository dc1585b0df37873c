package org.fanzha.divisions;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * One written form per telephone number, so that the same person is the same key everywhere:
 * a Chinese mobile as its 11 digits (13937900000), a Chinese fixed line with its trunk 0
 * (037166666666), any other number in E.164 (+85261234567). Spaces, dashes and a +86 or 0086
 * prefix are accepted.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** The normal form; throws {@link InvalidPhoneNumber} naming {@code field} when it is none. */
    public static String normalise(String field, String raw) {
        String cleaned = raw.strip();
        if (cleaned.isEmpty() || cleaned.length() > 30) {
            throw new InvalidPhoneNumber(field, raw, "error.phone.digits");
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(cleaned, "CN");
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber(field, raw, "error.phone.not");
        }
        if (!PHONES.isValidNumber(number)) {
            throw new InvalidPhoneNumber(field, raw, "error.phone.invalid");
        }
        String national = PHONES.getNationalSignificantNumber(number);
        if (number.getCountryCode() != 86) {
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        }
        return national.startsWith("1") ? national : "0" + national;
    }
}
