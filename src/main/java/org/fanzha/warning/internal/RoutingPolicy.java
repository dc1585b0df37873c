package org.fanzha.warning.internal;

import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Which unit gets a warning, and which input decided:
 *
 * <ol>
 *   <li>the division code a partner gives (the operator's current location of the subscriber),
 *       or an address that names a township or village;
 *   <li>else the phone's city, narrowed to the ID number's county when that county lies in the
 *       same city;
 *   <li>else the ID number's county;
 *   <li>else the province desk; a person whose phone belongs to another province and who has
 *       nothing in ours goes to the province desk's out-of-province queue for hand-over.
 * </ol>
 *
 * A phone registered outside the province whose person is located inside it stays inside.
 */
@Component
class RoutingPolicy {

    record Route(
            String unitCode,
            String via,
            String basis,
            boolean outOfProvince,
            @Nullable String personProvince) {}

    private final UnitResolver resolver;
    private final String provinceCode;

    RoutingPolicy(UnitResolver resolver, DivisionsProperties properties) {
        this.resolver = resolver;
        this.provinceCode = properties.provinceCode();
    }

    Route route(LeadInput lead) {
        return route(lead, null);
    }

    /** As {@link #route(LeadInput)}, with the phone's attribution already looked up (bulk intake). */
    Route route(LeadInput lead, @Nullable UnitResolution phoneAttribution) {
        String locatedElsewhere = null;
        if (lead.divisionCode() != null) {
            UnitResolution located = resolver.byDivisionCode(lead.divisionCode());
            if (located.status() == UnitResolution.Status.RESOLVED
                    && located.unit() != null
                    && located.unit().unit()) {
                return new Route(
                        located.unit().code(),
                        "divisionCode",
                        org.fanzha.platform.Texts.encode(
                                "route.partnerLocated", located.unit().name()),
                        false,
                        null);
            }
            locatedElsewhere = located.province();
        }
        if (lead.address() != null) {
            UnitResolution byAddress = resolver.byAddress(lead.address());
            Division unit = byAddress.unit();
            if (unit != null && (unit.level() == DivisionLevel.TOWNSHIP || unit.level() == DivisionLevel.VILLAGE)) {
                return new Route(unit.code(), "address", byAddress.basis(), false, null);
            }
        }
        UnitResolution byPhone = phoneAttribution != null ? phoneAttribution : resolver.byPhone(lead.phone());
        UnitResolution byId = lead.idNumber() == null ? null : resolver.byIdNumber(lead.idNumber());
        Division county = byId != null && byId.status() == UnitResolution.Status.RESOLVED ? byId.unit() : null;
        if (byPhone.status() == UnitResolution.Status.RESOLVED && byPhone.unit() != null) {
            Division city = byPhone.unit();
            if (county != null
                    && !county.code().equals(city.code())
                    && county.code().startsWith(city.code())) {
                return new Route(
                        county.code(),
                        "phone+idNumber",
                        org.fanzha.platform.Texts.join(
                                byPhone.basis(), org.fanzha.platform.Texts.encode("route.alsoIdIssued", county.name())),
                        false,
                        null);
            }
            return new Route(city.code(), "phone", byPhone.basis(), false, null);
        }
        if (county != null) {
            return new Route(county.code(), "idNumber", byId.basis(), false, null);
        }
        String elsewhere = locatedElsewhere != null
                ? locatedElsewhere
                : byPhone.status() == UnitResolution.Status.OUT_OF_PROVINCE ? byPhone.province() : null;
        if (elsewhere != null) {
            return new Route(
                    provinceCode,
                    "outOfProvince",
                    org.fanzha.platform.Texts.encode("route.handOver", elsewhere),
                    true,
                    elsewhere);
        }
        return new Route(
                provinceCode,
                "provinceDesk",
                org.fanzha.platform.Texts.join(org.fanzha.platform.Texts.encode("route.noUnit"), byPhone.basis()),
                false,
                null);
    }
}
