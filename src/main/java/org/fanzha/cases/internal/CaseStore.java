package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.cases.CaseStatus;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Cases, their identifiers, events and suspects in the database. */
@Repository
class CaseStore {

    record FraudCase(
            long id,
            @Nullable String caseNumber,
            FraudType fraudType,
            CaseStatus status,
            @Nullable String victimName,
            @Nullable String victimPhone,
            @Nullable String victimIdNumber,
            @Nullable String victimAddress,
            BigDecimal lossAmount,
            Instant occurredAt,
            Instant acceptedAt,
            @Nullable Instant filedAt,
            @Nullable Instant solvedAt,
            @Nullable String divisionCode,
            String unitCode,
            @Nullable String solvingUnit,
            @Nullable Long warningId,
            String createdBy) {}

    record Ident(
            IdentifierType type, String value, @Nullable String detail, Instant addedAt, String addedBy) {}

    record Event(
            Instant at, String actor, String kind, @Nullable String note) {}

    record Suspect(
            long id,
            String name,
            @Nullable String idNumber,
            @Nullable String phone,
            @Nullable Instant arrestedAt,
            @Nullable String arrestingUnit,
            @Nullable String note) {

        /** As lists and answers show it: ID number and phone masked (the audited reveal shows them whole). */
        Suspect masked() {
            return new Suspect(
                    id,
                    name,
                    org.fanzha.platform.Masking.idNumber(idNumber),
                    org.fanzha.platform.Masking.phone(phone),
                    arrestedAt,
                    arrestingUnit,
                    note);
        }
    }

    /** A case linked to another, with what they share. */
    /**
     * A linked case; another unit's case is named by its unit alone (id and number null), so an
     * officer knows whom to call without reading another jurisdiction's records.
     */
    record Link(@Nullable Long caseId, @Nullable String caseNumber, String unitCode, List<Shared> shared) {

        Link scopedTo(org.fanzha.platform.Actor actor) {
            return actor.covers(unitCode) ? this : new Link(null, null, unitCode, shared);
        }
    }

    record Shared(IdentifierType type, String value) {}

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    CaseStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static @Nullable Timestamp ts(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static FraudCase map(ResultSet rs, int i) throws SQLException {
        Long warning = rs.getObject("warning_id") == null ? null : rs.getLong("warning_id");
        return new FraudCase(
                rs.getLong("id"),
                rs.getString("case_number"),
                FraudType.valueOf(rs.getString("fraud_type")),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getString("victim_name"),
                rs.getString("victim_phone"),
                rs.getString("victim_id_number"),
                rs.getString("victim_address"),
                rs.getBigDecimal("loss_amount"),
                instant(rs, "occurred_at"),
                instant(rs, "accepted_at"),
                instant(rs, "filed_at"),
                instant(rs, "solved_at"),
                rs.getString("division_code"),
                rs.getString("unit_code"),
                rs.getString("solving_unit"),
                warning,
                rs.getString("created_by"));
    }

    long insert(FraudCase c, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO fraud_case (case_number, fraud_type, status, victim_name, victim_phone, victim_id_number,
                            victim_address, loss_amount, occurred_at, accepted_at, filed_at, division_code, unit_code, warning_id,
                            created_by, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        c.caseNumber(),
                        c.fraudType().name(),
                        c.status().name(),
                        c.victimName(),
                        c.victimPhone(),
                        c.victimIdNumber(),
                        c.victimAddress(),
                        c.lossAmount(),
                        ts(c.occurredAt()),
                        ts(c.acceptedAt()),
                        ts(c.filedAt()),
                        c.divisionCode(),
                        c.unitCode(),
                        c.warningId(),
                        c.createdBy(),
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<FraudCase> find(long id) {
        return jdbc.sql("SELECT * FROM fraud_case WHERE id = ?")
                .param(id)
                .query(CaseStore::map)
                .optional();
    }

    Optional<FraudCase> forUpdate(long id) {
        return jdbc.sql("SELECT * FROM fraud_case WHERE id = ? FOR UPDATE")
                .param(id)
                .query(CaseStore::map)
                .optional();
    }

    boolean numberTaken(String number) {
        return jdbc.sql("SELECT COUNT(*) FROM fraud_case WHERE case_number = ?")
                        .param(number)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Long> byWarning(long warningId) {
        return jdbc.sql("SELECT id FROM fraud_case WHERE warning_id = ?")
                .param(warningId)
                .query(Long.class)
                .optional();
    }

    void status(long id, CaseStatus status, @Nullable String number, @Nullable String solvingUnit, Instant now) {
        jdbc.sql("""
                        UPDATE fraud_case SET status = ?, case_number = COALESCE(?, case_number),
                            filed_at = CASE WHEN ? = 'FILED' THEN ? ELSE filed_at END,
                            solved_at = CASE WHEN ? = 'SOLVED' THEN ? ELSE solved_at END,
                            solving_unit = COALESCE(?, solving_unit), updated_at = ? WHERE id = ?""")
                .params(status.name(), number, status.name(), ts(now), status.name(), ts(now), solvingUnit, ts(now), id)
                .update();
    }

    /** The corrected facts of a case (its history records the change). */
    void correct(long id, BigDecimal loss, Instant occurredAt, @Nullable String divisionCode, Instant now) {
        jdbc.sql(
                        "UPDATE fraud_case SET loss_amount = ?, occurred_at = ?, division_code = ?, updated_at = ? WHERE id = ?")
                .params(loss, ts(occurredAt), divisionCode, ts(now), id)
                .update();
    }

    /** Links the case to the warning whose person it concerns. */
    void linkWarning(long id, long warningId, Instant now) {
        jdbc.sql("UPDATE fraud_case SET warning_id = ?, updated_at = ? WHERE id = ? AND warning_id IS NULL")
                .params(warningId, ts(now), id)
                .update();
    }

    List<FraudCase> search(
            String jurisdiction,
            @Nullable String unit,
            @Nullable CaseStatus status,
            @Nullable FraudType type,
            @Nullable Instant from,
            @Nullable Instant to,
            int offset,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM fraud_case WHERE unit_code LIKE ?");
        List<Object> params = new ArrayList<>();
        params.add(jurisdiction + "%");
        if (unit != null) {
            sql.append(" AND unit_code LIKE ?");
            params.add(unit + "%");
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (type != null) {
            sql.append(" AND fraud_type = ?");
            params.add(type.name());
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(ts(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(ts(to));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(CaseStore::map).list();
    }

    /** Adds an identifier; false if the case had it already. */
    boolean addIdentifier(
            long caseId, IdentifierType type, String value, @Nullable String detail, String by, Instant now) {
        boolean present =
                jdbc.sql("SELECT COUNT(*) FROM case_identifier WHERE case_id = ? AND id_type = ? AND id_value = ?")
                                .params(caseId, type.name(), value)
                                .query(Long.class)
                                .single()
                        > 0;
        if (present) {
            return false;
        }
        jdbc.sql(
                        "INSERT INTO case_identifier (case_id, id_type, id_value, detail, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)")
                .params(caseId, type.name(), value, detail == null || detail.isEmpty() ? null : detail, ts(now), by)
                .update();
        return true;
    }

    /** The identifiers of a new case, in one batch (the caller has removed repeats). */
    void addIdentifiers(long caseId, List<org.fanzha.cases.Identifiers.Identifier> idents, String by, Instant now) {
        if (idents.isEmpty()) {
            return;
        }
        Timestamp at = ts(now);
        template.batchUpdate(
                "INSERT INTO case_identifier (case_id, id_type, id_value, detail, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)",
                idents,
                100,
                (ps, i) -> {
                    ps.setLong(1, caseId);
                    ps.setString(2, i.type().name());
                    ps.setString(3, i.value());
                    ps.setString(4, i.detail() == null || i.detail().isEmpty() ? null : i.detail());
                    ps.setTimestamp(5, at);
                    ps.setString(6, by);
                });
    }

    java.util.Map<Long, Long> casesOfWarnings(java.util.Collection<Long> warningIds) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        if (warningIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT id, warning_id FROM fraud_case WHERE warning_id IN (:ids)")
                .param("ids", warningIds)
                .query((rs, n) -> java.util.Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    List<Long> idsAfter(long afterId, int limit) {
        return jdbc.sql("SELECT id FROM fraud_case WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query(Long.class)
                .list();
    }

    List<Ident> identifiers(long caseId) {
        return jdbc.sql("SELECT * FROM case_identifier WHERE case_id = ? ORDER BY added_at, id_type, id_value")
                .param(caseId)
                .query((rs, i) -> new Ident(
                        IdentifierType.valueOf(rs.getString("id_type")),
                        rs.getString("id_value"),
                        rs.getString("detail"),
                        instant(rs, "added_at"),
                        rs.getString("added_by")))
                .list();
    }

    /**
     * The cases sharing an identifier with this one, across the province, with what they share;
     * identifiers marked non-linking do not count. Most shared first.
     */
    List<Link> related(long caseId) {
        Map<Long, Link> links = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT o.case_id, c.case_number, c.unit_code, o.id_type, o.id_value
                        FROM case_identifier m
                        JOIN case_identifier o ON o.id_type = m.id_type AND o.id_value = m.id_value AND o.case_id <> m.case_id
                        JOIN fraud_case c ON c.id = o.case_id
                        WHERE m.case_id = ?
                          AND NOT EXISTS (SELECT 1 FROM non_linking_identifier n WHERE n.id_type = m.id_type AND n.id_value = m.id_value)
                        ORDER BY o.case_id, o.id_type, o.id_value""").param(caseId).query(rs -> {
            long other = rs.getLong(1);
            links.computeIfAbsent(other, k -> {
                        try {
                            return new Link(k, rs.getString(2), rs.getString(3), new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .shared()
                    .add(new Shared(IdentifierType.valueOf(rs.getString(4)), rs.getString(5)));
        });
        return links.values().stream()
                .sorted((a, b) -> Integer.compare(b.shared().size(), a.shared().size()))
                .toList();
    }

    /** The cases that carry an identifier (case, number, unit), newest first. */
    List<Link> carrying(IdentifierType type, String value, int limit) {
        return jdbc.sql("""
                        SELECT c.id, c.case_number, c.unit_code FROM case_identifier i JOIN fraud_case c ON c.id = i.case_id
                        WHERE i.id_type = ? AND i.id_value = ? ORDER BY c.occurred_at DESC LIMIT ?""")
                .params(type.name(), value, limit)
                .query((rs, i) ->
                        new Link(rs.getLong(1), rs.getString(2), rs.getString(3), List.of(new Shared(type, value))))
                .list();
    }

    long carriers(IdentifierType type, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM case_identifier WHERE id_type = ? AND id_value = ?")
                .params(type.name(), value)
                .query(Long.class)
                .single();
    }

    Optional<String> nonLinkingReason(IdentifierType type, String value) {
        return jdbc.sql("SELECT reason FROM non_linking_identifier WHERE id_type = ? AND id_value = ?")
                .params(type.name(), value)
                .query(String.class)
                .optional();
    }

    void markNonLinking(IdentifierType type, String value, String reason, String by, Instant now) {
        jdbc.sql("DELETE FROM non_linking_identifier WHERE id_type = ? AND id_value = ?")
                .params(type.name(), value)
                .update();
        jdbc.sql(
                        "INSERT INTO non_linking_identifier (id_type, id_value, reason, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)")
                .params(type.name(), value, reason, by, ts(now))
                .update();
    }

    void event(long caseId, Instant at, String actor, String kind, @Nullable String note) {
        jdbc.sql("INSERT INTO case_event (case_id, at, actor, kind, note) VALUES (?, ?, ?, ?, ?)")
                .params(caseId, ts(at), actor, kind, note)
                .update();
    }

    List<Event> events(long caseId) {
        return jdbc.sql("SELECT at, actor, kind, note FROM case_event WHERE case_id = ? ORDER BY at, id")
                .param(caseId)
                .query((rs, i) ->
                        new Event(instant(rs, "at"), rs.getString("actor"), rs.getString("kind"), rs.getString("note")))
                .list();
    }

    long addSuspect(long caseId, Suspect s, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO case_suspect (case_id, name, id_number, phone, arrested_at, arresting_unit, note, added_by, added_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        caseId,
                        s.name(),
                        s.idNumber(),
                        s.phone(),
                        ts(s.arrestedAt()),
                        s.arrestingUnit(),
                        s.note(),
                        by,
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Identifiers carried by more cases than the threshold and not yet marked: suggested as non-linking. */
    List<Map<String, Object>> commonIdentifiers(int threshold, int limit) {
        return jdbc.sql("""
                        SELECT i.id_type, i.id_value, COUNT(*) AS cases FROM case_identifier i
                        WHERE NOT EXISTS (SELECT 1 FROM non_linking_identifier n WHERE n.id_type = i.id_type AND n.id_value = i.id_value)
                        GROUP BY i.id_type, i.id_value HAVING COUNT(*) > ? ORDER BY COUNT(*) DESC LIMIT ?""").params(threshold, limit).query().listOfRows();
    }

    /** A suspect's case, by the suspect's id. */
    Optional<Long> caseOfSuspect(long suspectId) {
        return jdbc.sql("SELECT case_id FROM case_suspect WHERE id = ?")
                .param(suspectId)
                .query(Long.class)
                .optional();
    }

    Optional<Suspect> suspect(long suspectId) {
        return caseOfSuspect(suspectId)
                .flatMap(c ->
                        suspects(c).stream().filter(s -> s.id() == suspectId).findFirst());
    }

    List<Suspect> suspects(long caseId) {
        return jdbc.sql("SELECT * FROM case_suspect WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, i) -> new Suspect(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("id_number"),
                        rs.getString("phone"),
                        instant(rs, "arrested_at"),
                        rs.getString("arresting_unit"),
                        rs.getString("note")))
                .list();
    }
}
