package org.fanzha.divisions.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.InvalidPhoneNumber;
import org.fanzha.divisions.Provinces;
import org.fanzha.divisions.UnitResolution;
import org.springframework.stereotype.Component;

/**
 * Number attribution (号码归属地): the number-segment table first, libphonenumber's offline
 * geocoder second. The geocoder answers only "中国" for the newer segments (162, 165–167,
 * 170–175, 19x …): that is "unknown", never a guess.
 */
@Component
class PhoneAttribution {

    static final String VIA = "phone";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();

    private final NumberSegments segments;
    private final Divisions divisions;
    private final String provinceCode;

    PhoneAttribution(NumberSegments segments, Divisions divisions, DivisionsProperties properties) {
        this.segments = segments;
        this.divisions = divisions;
        this.provinceCode = properties.provinceCode();
    }

    UnitResolution resolve(String raw) {
        return resolve(raw, segments::cityOf);
    }

    /** Many numbers with one query of the segment table. */
    java.util.Map<String, UnitResolution> resolveAll(java.util.Collection<String> raws) {
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String raw : raws) {
            String digits = raw.strip();
            if (digits.length() == 11 && digits.startsWith("1")) {
                prefixes.add(digits.substring(0, 7));
            }
        }
        java.util.Map<String, String> cities = segments.citiesOf(prefixes);
        java.util.Map<String, UnitResolution> result = new java.util.HashMap<>();
        for (String raw : raws) {
            result.put(raw, resolve(raw, national -> Optional.ofNullable(cities.get(national.substring(0, 7)))));
        }
        return result;
    }

    private UnitResolution resolve(String raw, java.util.function.Function<String, Optional<String>> segmentCityOf) {
        PhoneNumber number = parse(raw);
        String national = PHONES.getNationalSignificantNumber(number);
        if (number.getCountryCode() != 86) {
            String region = GEOCODER.getDescriptionForNumber(number, Locale.SIMPLIFIED_CHINESE);
            return UnitResolution.outOfProvince(
                    VIA,
                    region.isEmpty() ? "+" + number.getCountryCode() : region,
                    org.fanzha.platform.Texts.encode("route.countryCode", number.getCountryCode()));
        }
        boolean mobile = national.startsWith("1");
        if (mobile) {
            if (!PHONES.isValidNumber(number) || PHONES.getNumberType(number) != PhoneNumberType.MOBILE) {
                throw new InvalidPhoneNumber(VIA, raw, "error.phone.notMobile");
            }
            Optional<String> segmentCity = segmentCityOf.apply(national);
            if (segmentCity.isPresent()) {
                return byCode(
                        segmentCity.get(), org.fanzha.platform.Texts.encode("route.segment", national.substring(0, 7)));
            }
        }
        // fixed-line numbers are attributed by their area code even when the subscriber part is short
        String description = GEOCODER.getDescriptionForValidNumber(number, Locale.SIMPLIFIED_CHINESE);
        String basis = mobile
                ? (description.isEmpty()
                        ? org.fanzha.platform.Texts.encode("route.geocoderNone")
                        : org.fanzha.platform.Texts.encode("route.geocoder", description))
                : org.fanzha.platform.Texts.encode(
                        "route.areaCode", "0" + areaCode(national), description.isEmpty() ? "—" : description);
        return byDescription(description, basis);
    }

    private PhoneNumber parse(String raw) {
        String cleaned = raw.strip();
        if (cleaned.isEmpty() || cleaned.length() > 30) {
            throw new InvalidPhoneNumber(VIA, raw, "error.phone.digits");
        }
        try {
            return PHONES.parse(cleaned, "CN");
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber(VIA, raw, "error.phone.not");
        }
    }

    private static String areaCode(String national) {
        // Chinese area codes are 2 digits (10, 20–29) or 3 digits (0371, 0379 …)
        return national.startsWith("10") || national.startsWith("2")
                ? national.substring(0, 2)
                : national.substring(0, Math.min(3, national.length()));
    }

    private UnitResolution byCode(String code, String basis) {
        if (code.startsWith(provinceCode)) {
            return divisions
                    .find(code)
                    .map(d -> UnitResolution.resolved(VIA, d, basis))
                    .orElseGet(() -> UnitResolution.unknown(
                            VIA,
                            org.fanzha.platform.Texts.join(
                                    basis, org.fanzha.platform.Texts.encode("route.namesNotOurs", code))));
        }
        return Provinces.nameOf(code)
                .map(p -> UnitResolution.outOfProvince(VIA, p, basis))
                .orElseGet(() -> UnitResolution.unknown(
                        VIA,
                        org.fanzha.platform.Texts.join(
                                basis, org.fanzha.platform.Texts.encode("route.namesUnknown", code))));
    }

    /**
     * The geocoder's descriptions are a small, fixed set (a few hundred cities of China): their
     * resolutions are kept, so bulk intake does not search the city list once per number.
     */
    private final Map<String, UnitResolution> byDescription = new java.util.concurrent.ConcurrentHashMap<>();

    private UnitResolution byDescription(String description, String basis) {
        return byDescription.computeIfAbsent(basis + "\u0000" + description, k -> describe(description, basis));
    }

    private UnitResolution describe(String description, String basis) {
        Optional<Map.Entry<String, String>> province = Provinces.leading(description);
        if (province.isEmpty()) {
            return UnitResolution.unknown(VIA, basis);
        }
        if (!province.get().getKey().equals(provinceCode)) {
            return UnitResolution.outOfProvince(VIA, province.get().getValue(), basis);
        }
        String rest = description.substring(
                description.startsWith(province.get().getValue())
                        ? province.get().getValue().length()
                        : Provinces.shortName(province.get().getValue()).length());
        return divisions.atLevel(DivisionLevel.CITY).stream()
                .filter(city -> !rest.isEmpty()
                        && (city.name().equals(rest) || city.name().startsWith(rest)))
                .findFirst()
                .map(city -> UnitResolution.resolved(VIA, city, basis))
                .orElseGet(() -> UnitResolution.unknown(VIA, basis));
    }
}
