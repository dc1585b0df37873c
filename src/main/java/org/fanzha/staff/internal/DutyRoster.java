package org.fanzha.staff.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The duty roster (值班表): who is on duty in a unit on a day. */
@Repository
class DutyRoster {

    record Entry(String unitCode, LocalDate day, String username, String displayName) {}

    private final JdbcClient jdbc;

    DutyRoster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(String unitCode, LocalDate day, List<Long> staffIds) {
        jdbc.sql("DELETE FROM duty_roster WHERE unit_code = ? AND duty_day = ?")
                .params(unitCode, Date.valueOf(day))
                .update();
        for (Long id : staffIds) {
            jdbc.sql("INSERT INTO duty_roster (unit_code, duty_day, staff_id) VALUES (?, ?, ?)")
                    .params(unitCode, Date.valueOf(day), id)
                    .update();
        }
    }

    List<Entry> between(String unitCode, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT r.unit_code, r.duty_day, s.username, s.display_name FROM duty_roster r JOIN staff s ON s.id = r.staff_id
                WHERE r.unit_code = ? AND r.duty_day BETWEEN ? AND ? ORDER BY r.duty_day, s.username
                """)
                .params(unitCode, Date.valueOf(from), Date.valueOf(to))
                .query((rs, i) ->
                        new Entry(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Who is told: the officers on duty that day, or every enabled account of the unit when the roster names nobody. */
    List<String> recipients(String unitCode, LocalDate day) {
        List<String> onDuty = jdbc.sql("""
                SELECT s.username FROM duty_roster r JOIN staff s ON s.id = r.staff_id
                WHERE r.unit_code = ? AND r.duty_day = ? AND s.enabled ORDER BY s.username
                """)
                .params(unitCode, Date.valueOf(day))
                .query(String.class)
                .list();
        if (!onDuty.isEmpty()) {
            return onDuty;
        }
        return jdbc.sql(
                        "SELECT username FROM staff WHERE unit_code = ? AND enabled AND roles NOT IN ('AUDITOR', 'ADMIN') ORDER BY username")
                .param(unitCode)
                .query(String.class)
                .list();
    }
}
