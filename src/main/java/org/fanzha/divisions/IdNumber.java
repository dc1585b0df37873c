package org.fanzha.divisions;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * An 18-character resident ID number (GB 11643): six digits of the county where it was first
 * issued, the birth date, a sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
 * Constructing one verifies the check character and the birth date, so an invalid one cannot
 * exist.
 */
public record IdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public IdNumber {
        value = value.strip().toUpperCase();
        if (value.length() != 18) {
            throw new InvalidIdNumber("error.idNumber.length", value.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                throw new InvalidIdNumber("error.idNumber.digits");
            }
        }
        char expected = checkCharacter(value);
        if (value.charAt(17) != expected) {
            throw new InvalidIdNumber(
                    "error.idNumber.check", String.valueOf(value.charAt(17)), String.valueOf(expected));
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(
                    Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidIdNumber("error.idNumber.noDate", value.substring(6, 14));
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(ZoneId.of("Asia/Shanghai")))) {
            throw new InvalidIdNumber("error.idNumber.implausible", birth.toString());
        }
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The county where the number was first issued: usually the birthplace, not where the person lives. */
    public String countyCode() {
        return value.substring(0, 6);
    }

    public LocalDate birthDate() {
        return LocalDate.of(
                Integer.parseInt(value.substring(6, 10)),
                Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    @Override
    public String toString() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }
}
