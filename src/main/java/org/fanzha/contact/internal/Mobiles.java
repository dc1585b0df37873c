package org.fanzha.contact.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** Whether a number (in the platform's written form) can take a text message: a valid Chinese mobile. */
final class Mobiles {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Mobiles() {}

    static boolean isMobile(String phone) {
        if (!phone.matches("1[0-9]{10}")) {
            return false;
        }
        try {
            var type = PHONES.getNumberType(PHONES.parse(phone, "CN"));
            return type == PhoneNumberUtil.PhoneNumberType.MOBILE
                    || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }
}
