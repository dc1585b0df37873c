package org.fanzha.warning.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads other modules make of warnings' people through {@link org.fanzha.warning.WarningDesk}:
 * who the warnings are about (the contact plans' machines), the newest open warning of a phone (an
 * SMS reply lands on it) and which of a unit's warnings still await acknowledgement (the notices).
 */
@Repository
class WarningPeople {

    private final JdbcClient jdbc;

    WarningPeople(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The people of these warnings, in one query per thousand ids. */
    java.util.Map<Long, org.fanzha.warning.WarningDesk.WarningPerson> persons(java.util.Collection<Long> ids) {
        java.util.Map<Long, org.fanzha.warning.WarningDesk.WarningPerson> found = new java.util.HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            jdbc.sql("""
                            SELECT w.id, w.phone, w.id_number, w.name, w.address, w.unit_code,
                                (SELECT l.division_code FROM lead l WHERE l.warning_id = w.id AND l.division_code IS NOT NULL
                                 ORDER BY LENGTH(l.division_code) DESC, l.id DESC FETCH FIRST 1 ROWS ONLY) AS division_code
                            FROM warning w WHERE w.id IN (:ids)""").param("ids", chunk).query(rs -> {
                found.put(
                        rs.getLong("id"),
                        new org.fanzha.warning.WarningDesk.WarningPerson(
                                rs.getString("phone"),
                                rs.getString("id_number"),
                                rs.getString("name"),
                                rs.getString("address"),
                                rs.getString("unit_code"),
                                rs.getString("division_code")));
            });
        }
        return found;
    }

    Optional<Long> newestOpenOf(String phone) {
        return jdbc.sql(
                        "SELECT id FROM warning WHERE phone = ? AND state <> 'CLOSED' ORDER BY opened_at DESC, id DESC LIMIT 1")
                .param(phone)
                .query(Long.class)
                .optional();
    }

    /** Of these warnings, those assigned to the unit and not yet acknowledged. */
    java.util.Set<Long> awaitingAcknowledgement(java.util.Collection<Long> ids, String unitCode) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        List<Long> list = List.copyOf(new java.util.LinkedHashSet<>(ids));
        String marks = String.join(",", java.util.Collections.nCopies(list.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(list);
        params.add(unitCode);
        return java.util.Set.copyOf(
                jdbc.sql("SELECT id FROM warning WHERE id IN (" + marks + ") AND state = 'ASSIGNED' AND unit_code = ?")
                        .params(params)
                        .query(Long.class)
                        .list());
    }
}
