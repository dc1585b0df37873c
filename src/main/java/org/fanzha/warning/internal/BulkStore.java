package org.fanzha.warning.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate template;

    BulkStore(JdbcTemplate template) {
        this.template = template;
    }

    /**
     * Acknowledgements of leads already stored, by "source|sourceId". The ids go in as one array
     * parameter, joined to the unique key: a plan of index look-ups whatever the table's
     * statistics (an IN list of a thousand parameters is a linear filter in a generic plan).
     */
    Map<String, WarningStore.LeadAck> acksOf(String submitter, String source, Collection<String> sourceIds) {
        Map<String, WarningStore.LeadAck> acks = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return acks;
        }
        template.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement("""
                            SELECT l.source_id, l.id, l.warning_id, w.urgency, w.unit_code, w.state
                            FROM UNNEST(?) AS k(source_id)
                                JOIN lead l ON l.submitter = ? AND l.source = ? AND l.source_id = k.source_id
                                JOIN warning w ON w.id = l.warning_id
                            """);
                    ps.setArray(1, con.createArrayOf("varchar", sourceIds.toArray()));
                    ps.setString(2, submitter);
                    ps.setString(3, source);
                    return ps;
                },
                (ResultSet rs) -> {
                    acks.put(
                            key(submitter, source, rs.getString(1)),
                            new WarningStore.LeadAck(
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    Urgency.valueOf(rs.getString(4)),
                                    rs.getString(5),
                                    WarningState.valueOf(rs.getString(6))));
                });
        return acks;
    }

    /** The key of a lead among those of a chunk: submitter, source and source id. */
    static String key(String submitter, String source, String sourceId) {
        return submitter + "|" + source + "|" + sourceId;
    }

    /** The joinable warnings of the phones, locked for the rest of the transaction. */
    Map<String, Warning> joinableForUpdate(Collection<String> phones) {
        Map<String, Warning> found = new HashMap<>();
        if (phones.isEmpty()) {
            return found;
        }
        template.query(
                        con -> {
                            PreparedStatement ps = con.prepareStatement(
                                    "SELECT * FROM warning WHERE merge_key = ANY(?) ORDER BY id FOR UPDATE");
                            ps.setArray(1, con.createArrayOf("varchar", phones.toArray()));
                            return ps;
                        },
                        WarningStore::map)
                .forEach(w -> found.put(w.phone(), w));
        return found;
    }

    void stopJoining(List<Long> ids) {
        template.batchUpdate(
                "UPDATE warning SET merge_key = NULL WHERE id = ?", ids, 500, (ps, id) -> ps.setLong(1, id));
    }

    /**
     * Inserts new warnings as one batch and returns their ids in order. Without RETURNING the
     * driver may send the batch as multi-row inserts (PostgreSQL's reWriteBatchedInserts); the
     * ids are read back by the merge key, which is the phone and unique among open warnings.
     */
    List<Long> insert(List<Warning> warnings) {
        if (warnings.isEmpty()) {
            return List.of();
        }
        template.batchUpdate(WarningStore.INSERT_WARNING, warnings, 1000, (ps, w) -> {
            Object[] values = WarningStore.insertValues(w);
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
        });
        Map<String, Long> ids = new HashMap<>();
        template.query(
                con -> {
                    PreparedStatement ps =
                            con.prepareStatement("SELECT merge_key, id FROM warning WHERE merge_key = ANY(?)");
                    ps.setArray(
                            1,
                            con.createArrayOf(
                                    "varchar",
                                    warnings.stream().map(Warning::phone).toArray()));
                    return ps;
                },
                (ResultSet rs) -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return warnings.stream().map(w -> required(ids, w.phone(), "warning")).toList();
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

    /** Inserts leads as one batch (multi-row where the driver can); returns their ids in order, read back by source id. */
    List<Long> insertLeads(List<LeadRow> rows, List<Long> warningIds) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Integer> order = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            order.add(r);
        }
        template.batchUpdate("""
                INSERT INTO lead (source, source_id, warning_id, phone, id_number, name, address, division_code, fraud_type, signals,
                    amount_at_risk, observed_at, received_at, urgency, urgency_rule, entered_by, submitter)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, order, 1000, (ps, r) -> {
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
                row.enteredBy(),
                WarningStore.submitter(row.enteredBy())
            };
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
        });
        Map<String, Long> ids = new HashMap<>();
        rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> List.of(
                                WarningStore.submitter(r.enteredBy()),
                                r.lead().source().name()),
                        java.util.stream.Collectors.mapping(
                                r -> r.lead().sourceId(), java.util.stream.Collectors.toList())))
                .forEach((group, sourceIds) -> template.query(
                        con -> {
                            PreparedStatement ps = con.prepareStatement("""
                                    SELECT l.source_id, l.id FROM UNNEST(?) AS k(source_id)
                                        JOIN lead l ON l.submitter = ? AND l.source = ? AND l.source_id = k.source_id
                                    """);
                            ps.setArray(1, con.createArrayOf("varchar", sourceIds.toArray()));
                            ps.setString(2, group.get(0));
                            ps.setString(3, group.get(1));
                            return ps;
                        },
                        (ResultSet rs) -> {
                            ids.put(key(group.get(0), group.get(1), rs.getString(1)), rs.getLong(2));
                        }));
        return rows.stream()
                .map(r -> required(
                        ids,
                        key(
                                WarningStore.submitter(r.enteredBy()),
                                r.lead().source().name(),
                                r.lead().sourceId()),
                        "lead"))
                .toList();
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

    private static long required(Map<String, Long> ids, String key, String what) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("the " + what + " " + key + " just inserted was not found");
        }
        return id;
    }

    private static @Nullable String name(@Nullable Enum<?> e) {
        return e == null ? null : e.name();
    }
}
