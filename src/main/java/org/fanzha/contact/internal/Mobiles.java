package org.fanzha.contact.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * What a number (in the platform's written form, {@link org.fanzha.divisions.PhoneNumbers}) can
 * take: a text message needs a valid Chinese mobile; a robot call a Chinese mobile or fixed line
 * (the call centre dials domestic numbers only).
 */
final class Mobiles {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Mobiles() {}

    static boolean isMobile(String phone) {
        if (!phone.matches("1[0-9]{10}")) {
            return false;
        }
        var type = type(phone);
        return type == PhoneNumberUtil.PhoneNumberType.MOBILE
                || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    static boolean isCallable(String phone) {
        if (isMobile(phone)) {
            return true;
        }
        return phone.matches("0[1-9][0-9]{8,10}") && type(phone) == PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
    }

    private static PhoneNumberUtil.PhoneNumberType type(String phone) {
        try {
            var number = PHONES.parse(phone, "CN");
            return PHONES.isValidNumber(number)
                    ? PHONES.getNumberType(number)
                    : PhoneNumberUtil.PhoneNumberType.UNKNOWN;
        } catch (NumberParseException e) {
            return PhoneNumberUtil.PhoneNumberType.UNKNOWN;
        }
    }
}
