package org.fanzha.divisions.internal;

import org.fanzha.divisions.DivisionNotFound;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.IdNumber;
import org.fanzha.divisions.Provinces;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.springframework.stereotype.Service;

@Service
class Resolver implements UnitResolver {

    private final Divisions divisions;
    private final PhoneAttribution phones;
    private final AddressMatcher addresses;
    private final String provinceCode;

    Resolver(Divisions divisions, PhoneAttribution phones, AddressMatcher addresses, DivisionsProperties properties) {
        this.divisions = divisions;
        this.phones = phones;
        this.addresses = addresses;
        this.provinceCode = properties.provinceCode();
    }

    @Override
    public UnitResolution byPhone(String phone) {
        return phones.resolve(phone);
    }

    @Override
    public java.util.Map<String, UnitResolution> byPhones(java.util.Collection<String> phones) {
        return this.phones.resolveAll(phones);
    }

    @Override
    public UnitResolution byIdNumber(String idNumber) {
        IdNumber id = new IdNumber(idNumber);
        String issued = id.countyCode();
        if (!issued.startsWith(provinceCode)) {
            return Provinces.nameOf(issued)
                    .map(p -> UnitResolution.outOfProvince(
                            "idNumber", p, org.fanzha.platform.Texts.encode("route.idIssued", issued)))
                    .orElseGet(() -> UnitResolution.unknown(
                            "idNumber", org.fanzha.platform.Texts.encode("route.idUnknownCode", issued)));
        }
        String current = divisions.canonical(issued).value();
        String basis = current.equals(issued)
                ? org.fanzha.platform.Texts.encode("route.idIssued", issued)
                : org.fanzha.platform.Texts.encode("route.idIssuedToday", issued, current);
        return divisions
                .find(current)
                .filter(d -> d.unit())
                .map(d -> UnitResolution.resolved("idNumber", d, basis))
                .orElseGet(() -> UnitResolution.unknown(
                        "idNumber", org.fanzha.platform.Texts.encode("route.idNoCounty", issued)));
    }

    @Override
    public UnitResolution byDivisionCode(String code) {
        String canonical = divisions.canonical(code).value();
        if (!canonical.startsWith(provinceCode)) {
            return Provinces.nameOf(canonical)
                    .map(p -> UnitResolution.outOfProvince(
                            "divisionCode", p, org.fanzha.platform.Texts.encode("route.asGiven")))
                    .orElseThrow(() -> new DivisionNotFound(code));
        }
        return UnitResolution.resolved(
                "divisionCode", divisions.get(canonical), org.fanzha.platform.Texts.encode("route.asGiven"));
    }

    @Override
    public UnitResolution byAddress(String address) {
        return addresses
                .match(address, provinceCode)
                .map(m -> UnitResolution.resolved(
                        "address", m.division(), org.fanzha.platform.Texts.encode("route.addressNames", m.matched())))
                .orElseGet(() ->
                        UnitResolution.unknown("address", org.fanzha.platform.Texts.encode("route.addressNoMatch")));
    }
}
