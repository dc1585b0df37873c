package org.fanzha.divisions;

/**
 * A division code: 2-digit province, 4-digit city, 6-digit county (GB/T 2260), 9-digit
 * township and 12-digit village (statistics bureau). Partners often pad codes with zeros
 * (410100 for the city 4101, 410000 for the province, 410105000000 for the county): those are
 * normalised to the short form, so an invalid or padded code cannot exist.
 */
public record DivisionCode(String value) {

    public DivisionCode {
        value = normalise(value);
    }

    public static DivisionCode of(String raw) {
        return new DivisionCode(raw);
    }

    private static String normalise(String raw) {
        String code = raw.strip();
        if (code.isEmpty() || code.length() > 12 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidDivisionCode(raw, "error.divisionCode.digits");
        }
        switch (code.length()) {
            case 2, 4 -> {}
            case 6 -> code = trimZeros(code);
            case 9 -> code = code.endsWith("000") ? trimZeros(code.substring(0, 6)) : code;
            case 12 -> {
                if (code.endsWith("000")) {
                    String township = code.substring(0, 9);
                    code = township.endsWith("000") ? trimZeros(township.substring(0, 6)) : township;
                }
            }
            default -> throw new InvalidDivisionCode(raw, "error.divisionCode.digits");
        }
        if (code.startsWith("00") || code.equals("0000")) {
            throw new InvalidDivisionCode(raw, "error.divisionCode.zero");
        }
        return code;
    }

    private static String trimZeros(String six) {
        if (six.endsWith("0000")) {
            return six.substring(0, 2);
        }
        if (six.endsWith("00")) {
            return six.substring(0, 4);
        }
        return six;
    }

    @Override
    public String toString() {
        return value;
    }
}
