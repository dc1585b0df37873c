package org.fanzha.staff.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fanzha.platform.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Staff rows. Every query that returns staff to a user takes the unit prefix of the caller's
 * jurisdiction, so no caller can read outside it by guessing an id.
 */
@Repository
class StaffAccounts {

    record Account(
            long id,
            String username,
            String displayName,
            String unitCode,
            @Nullable String phone,
            String passwordHash,
            Set<Role> roles,
            boolean enabled) {}

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For sign-in only: by username, regardless of jurisdiction. */
    Optional<Account> byUsername(String username) {
        return jdbc.sql("SELECT * FROM staff WHERE username = ?")
                .param(username)
                .query(StaffAccounts::map)
                .optional();
    }

    /** For bearer-token authentication only. */
    Optional<Account> byIdUnscoped(long id) {
        return jdbc.sql("SELECT * FROM staff WHERE id = ?")
                .param(id)
                .query(StaffAccounts::map)
                .optional();
    }

    Optional<Account> byId(long id, String jurisdiction) {
        return jdbc.sql("SELECT * FROM staff WHERE id = ? AND unit_code LIKE ?")
                .params(id, jurisdiction + "%")
                .query(StaffAccounts::map)
                .optional();
    }

    List<Account> list(String jurisdiction, String unitPrefix, String text, int offset, int limit) {
        return jdbc.sql("""
                SELECT * FROM staff
                WHERE unit_code LIKE ? AND unit_code LIKE ? AND (username LIKE ? OR display_name LIKE ?)
                ORDER BY unit_code, username LIMIT ? OFFSET ?
                """)
                .params(jurisdiction + "%", unitPrefix + "%", like(text), like(text), limit, offset)
                .query(StaffAccounts::map)
                .list();
    }

    List<Account> ofUnit(String unitCode) {
        return jdbc.sql("SELECT * FROM staff WHERE unit_code = ? ORDER BY username")
                .param(unitCode)
                .query(StaffAccounts::map)
                .list();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM staff WHERE LOWER(username) = LOWER(?)")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(
            String username,
            String displayName,
            String unitCode,
            @Nullable String phone,
            String passwordHash,
            Set<Role> roles,
            String createdBy) {
        Timestamp now = Timestamp.from(Instant.now());
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO staff (username, display_name, unit_code, phone, password_hash, roles, enabled, created_at, created_by, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)
                """)
                .params(username, displayName, unitCode, phone, passwordHash, roles(roles), now, createdBy, now)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void update(
            long id, String displayName, String unitCode, @Nullable String phone, Set<Role> roles, boolean enabled) {
        jdbc.sql("UPDATE staff SET display_name = ?, unit_code = ?, phone = ?, roles = ?, enabled = ? WHERE id = ?")
                .params(displayName, unitCode, phone, roles(roles), enabled, id)
                .update();
    }

    void setPassword(long id, String passwordHash) {
        jdbc.sql("UPDATE staff SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(Instant.now()), id)
                .update();
    }

    private static String like(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(","))
                .filter(s -> !s.isBlank())
                .map(Role::valueOf)
                .forEach(roles::add);
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("unit_code"),
                rs.getString("phone"),
                rs.getString("password_hash"),
                roles,
                rs.getBoolean("enabled"));
    }

    /** An officer by police number, as the public check reads them. */
    record Officer(String displayName, String unitCode, boolean enabled) {}

    void setPoliceNumber(long id, @Nullable String number) {
        jdbc.sql("UPDATE staff SET police_number = ? WHERE id = ?")
                .params(number, id)
                .update();
    }

    java.util.Optional<Officer> officer(String policeNumber) {
        return jdbc.sql("SELECT display_name, unit_code, enabled FROM staff WHERE police_number = ?")
                .param(policeNumber)
                .query((rs, i) -> new Officer(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    java.util.Optional<String> policeNumber(long id) {
        return jdbc.sql("SELECT police_number FROM staff WHERE id = ?")
                .param(id)
                .query((rs, i) -> rs.getString(1))
                .optional();
    }
}
