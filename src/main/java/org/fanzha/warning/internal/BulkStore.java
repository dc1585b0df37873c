package org.fanzha.warning.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based side of the warning tables, for bulk intake: a few statements per batch of
 * leads instead of a few per lead (look-ups with IN lists, inserts as JDBC batches).
 */
@Repository
class BulkStore {

    record LeadRow(LeadInput lead, String signals, UrgencyPolicy.Grade grade, Instant receivedAt, String enteredBy) {}

    record EventRow(
            long warningId,
            Instant at,
            String kind,
            String actor,
            @Nullable String unitCode,
            @Nullable String result,
            @Nullable String note) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BulkStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Acknowledgements of leads already stored, by "source|sourceId". */
    Map<String, WarningStore.LeadAck> acksOf(String source, Collection<String> sourceIds) {
        Map<String, WarningStore.LeadAck> acks = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return acks;
        }
        jdbc.sql("""
                SELECT l.source_id, l.id, l.warning_id, w.urgency, w.unit_code, w.state
                FROM lead l JOIN warning w ON w.id = l.warning_id WHERE l.source = :source AND l.source_id IN (:ids)
                """).param("source", source).param("ids", sourceIds).query(rs -> {
            acks.put(
                    source + "|" + rs.getString(1),
                    new WarningStore.LeadAck(
                            rs.getLong(2),
                            rs.getLong(3),
                            Urgency.valueOf(rs.getString(4)),
                            rs.getString(5),
                            WarningState.valueOf(rs.getString(6))));
        });
        return acks;
    }

    /** The joinable warnings of the phones, locked for the rest of the transaction. */
    Map<String, Warning> joinableForUpdate(Collection<String> phones) {
        Map<String, Warning> found = new HashMap<>();
        if (phones.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT * FROM warning WHERE merge_key IN (:phones) ORDER BY id FOR UPDATE")
                .param("phones", phones)
                .query((rs, i) -> WarningStore.map(rs, i))
                .list()
                .forEach(w -> found.put(w.phone(), w));
        return found;
    }

    void stopJoining(List<Long> ids) {
        template.batchUpdate(
                "UPDATE warning SET merge_key = NULL WHERE id = ?", ids, 500, (ps, id) -> ps.setLong(1, id));
    }

    /** Inserts new warnings as one batch; returns their ids in order. */
    List<Long> insert(List<Warning> warnings) {
        if (warnings.isEmpty()) {
            return List.of();
        }
        return template.execute((ConnectionCallback<List<Long>>) con -> {
            try (PreparedStatement ps = con.prepareStatement(WarningStore.INSERT_WARNING, new String[] {"id"})) {
                for (Warning w : warnings) {
                    Object[] values = WarningStore.insertValues(w);
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                return keys(ps, warnings.size());
            }
        });
    }

    void update(List<Warning> warnings) {
        template.batchUpdate("""
                UPDATE warning SET fraud_type = ?, urgency = ?, urgency_rule = ?, amount_at_risk = ?, lead_count = ?, last_lead_at = ?,
                    acknowledge_due = ?, close_due = ? WHERE id = ?
                """, warnings, 500, (ps, w) -> {
            ps.setObject(1, name(w.fraudType()));
            ps.setString(2, w.urgency().name());
            ps.setString(3, w.urgencyRule());
            ps.setBigDecimal(4, w.amountAtRisk());
            ps.setInt(5, w.leadCount());
            ps.setTimestamp(6, WarningStore.ts(w.lastLeadAt()));
            ps.setTimestamp(7, WarningStore.ts(w.acknowledgeDue()));
            ps.setTimestamp(8, WarningStore.ts(w.closeDue()));
            ps.setLong(9, w.id());
        });
    }

    /** Inserts leads as one batch; returns their ids in order. */
    List<Long> insertLeads(List<LeadRow> rows, List<Long> warningIds) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return template.execute((ConnectionCallback<List<Long>>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO lead (source, source_id, warning_id, phone, id_number, name, address, division_code, fraud_type, signals,
                        amount_at_risk, observed_at, received_at, urgency, urgency_rule, entered_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, new String[] {"id"})) {
                for (int r = 0; r < rows.size(); r++) {
                    LeadRow row = rows.get(r);
                    LeadInput l = row.lead();
                    Object[] values = {
                        l.source().name(),
                        l.sourceId(),
                        warningIds.get(r),
                        l.phone(),
                        l.idNumber(),
                        l.name(),
                        l.address(),
                        l.divisionCode(),
                        name(l.fraudType()),
                        row.signals(),
                        l.amountAtRisk(),
                        WarningStore.ts(l.observedAt()),
                        WarningStore.ts(row.receivedAt()),
                        row.grade().urgency().name(),
                        row.grade().rule(),
                        row.enteredBy()
                    };
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                return keys(ps, rows.size());
            }
        });
    }

    void insertEvents(List<EventRow> events) {
        template.batchUpdate("""
                INSERT INTO warning_event (warning_id, at, kind, actor, unit_code, method, result, note) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)
                """, events, 1000, (ps, e) -> {
            ps.setLong(1, e.warningId());
            ps.setTimestamp(2, WarningStore.ts(e.at()));
            ps.setString(3, e.kind());
            ps.setString(4, e.actor());
            ps.setString(5, e.unitCode());
            ps.setString(6, e.result());
            ps.setString(7, e.note());
        });
    }

    void changed(List<Warning> warnings, Instant at) {
        template.batchUpdate(
                "INSERT INTO warning_change (warning_id, unit_code, at) VALUES (?, ?, ?)", warnings, 1000, (ps, w) -> {
                    ps.setLong(1, w.id());
                    ps.setString(2, w.unitCode());
                    ps.setTimestamp(3, WarningStore.ts(at));
                });
    }

    private static List<Long> keys(Statement ps, int expected) throws SQLException {
        List<Long> ids = new ArrayList<>(expected);
        try (ResultSet keys = ps.getGeneratedKeys()) {
            while (keys.next()) {
                ids.add(keys.getLong(1));
            }
        }
        if (ids.size() != expected) {
            throw new IllegalStateException("expected " + expected + " generated keys, got " + ids.size());
        }
        return ids;
    }

    private static @Nullable String name(@Nullable Enum<?> e) {
        return e == null ? null : e.name();
    }
}
