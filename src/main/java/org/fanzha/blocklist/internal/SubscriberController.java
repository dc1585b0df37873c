package org.fanzha.blocklist.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.blocklist.Names;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators tell which subscriber used a public address and port range during a time window
 * (carrier-grade NAT): so a visit of a blocked site becomes a lead for that phone.
 */
@RestController
class SubscriberController {

    record Mapping(
            @Nullable String address,
            @Nullable Integer portFrom,
            @Nullable Integer portTo,
            @Nullable String validFrom,
            @Nullable String validTo,
            @Nullable String phone) {}

    record Rejected(int index, List<FieldError> errors) {}

    record Result(int accepted, List<Rejected> rejected) {}

    private final JdbcTemplate jdbc;

    SubscriberController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/api/v1/blocklist/subscribers")
    @Transactional
    Result map(@RequestBody List<@Nullable Mapping> mappings) {
        Actor actor = Actors.requirePermission(Permission.LEADS_SUBMIT);
        if (mappings.isEmpty() || mappings.size() > 10_000) {
            throw new InvalidInput("mappings", "error.110000Mappings", mappings.size());
        }
        List<Object[]> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            List<FieldError> errors = new ArrayList<>();
            if (m == null) {
                rejected.add(new Rejected(i, List.of(new FieldError("mapping", "error.null", null))));
                continue;
            }
            String address = null;
            try {
                address = m.address() == null ? null : Names.host(m.address());
                if (address != null && !Names.isIp(address)) {
                    address = null;
                }
            } catch (Names.InvalidName e) {
                address = null;
            }
            if (address == null) {
                errors.add(new FieldError("address", "error.ipv4IPv6Address", m.address()));
            }
            if (m.portFrom() == null || m.portFrom() < 0 || m.portFrom() > 65535) {
                errors.add(new FieldError("portFrom", "error.065535", m.portFrom()));
            }
            if (m.portTo() == null
                    || m.portTo() < 0
                    || m.portTo() > 65535
                    || m.portFrom() != null && m.portTo() < m.portFrom()) {
                errors.add(new FieldError("portTo", "error.065535NotBelowPortFrom", m.portTo()));
            }
            Instant from = instant(m.validFrom(), "validFrom", errors);
            Instant to = instant(m.validTo(), "validTo", errors);
            if (from != null && to != null && !from.isBefore(to)) {
                errors.add(new FieldError("validTo", "error.afterValidFrom", m.validTo()));
            }
            String phone = m.phone() == null ? "" : m.phone().replaceAll("[\\s-]", "");
            if (!phone.matches("\\+?[0-9]{5,15}")) {
                errors.add(new FieldError("phone", "error.phoneNumber", null));
            }
            if (!errors.isEmpty()) {
                rejected.add(new Rejected(i, errors));
                continue;
            }
            rows.add(new Object[] {
                address, m.portFrom(), m.portTo(), Timestamp.from(from), Timestamp.from(to), phone, actor.name()
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO subscriber_mapping (address, port_from, port_to, valid_from, valid_to, phone, operator)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
        return new Result(rows.size(), rejected);
    }

    private static @Nullable Instant instant(@Nullable String text, String field, List<FieldError> errors) {
        try {
            if (text != null) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "error.timeWithOffsetEG2021", text));
        return null;
    }
}
