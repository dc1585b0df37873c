package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fanzha.platform.FraudType;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Warnings, leads and timelines in the database. Every read for a user takes the unit prefix of
 * the caller's jurisdiction; the unscoped methods serve intake and timers only.
 */
@Repository
class WarningStore {

    private final JdbcClient jdbc;

    WarningStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record LeadAck(long leadId, long warningId, Urgency urgency, String unitCode, WarningState state) {}

    record StoredLead(
            long id,
            String source,
            String sourceId,
            String phone,
            @Nullable String divisionCode,
            @Nullable FraudType fraudType,
            String signals,
            @Nullable BigDecimal amountAtRisk,
            Instant observedAt,
            Instant receivedAt,
            Urgency urgency,
            String urgencyRule,
            String enteredBy) {}

    record Event(
            long id,
            Instant at,
            String kind,
            String actor,
            @Nullable String unitCode,
            @Nullable String method,
            @Nullable String result,

            @com.fasterxml.jackson.annotation.JsonIgnore @Nullable
            String note,

            @Nullable String gatewayRef) {

        /** The note in English, as partners and the API read it (the page reads it in its reader's language). */
        @com.fasterxml.jackson.annotation.JsonProperty("note")
        public @Nullable String noteText() {
            return note == null ? null : org.fanzha.platform.Texts.decode(note, java.util.Locale.ENGLISH);
        }
    }

    record Filter(
            String unitPrefix,
            @Nullable WarningState state,
            @Nullable Urgency urgency,
            @Nullable FraudType fraudType,
            boolean openOnly,
            @Nullable Instant from,
            @Nullable Instant to) {}

    /**
     * Who a lead is idempotent for: the partner token's name ({@code partner:…}), or "staff" for
     * all police staff. Another partner reusing a source id files a lead of its own.
     */
    static String submitter(String enteredBy) {
        return enteredBy.startsWith("partner:") ? enteredBy : "staff";
    }

    /** A row of {@code l.id, l.warning_id, w.urgency, w.unit_code, w.state}. */
    private static LeadAck leadAck(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new LeadAck(
                rs.getLong(1),
                rs.getLong(2),
                Urgency.valueOf(rs.getString(3)),
                rs.getString(4),
                WarningState.valueOf(rs.getString(5)));
    }

    Optional<LeadAck> ackOf(String submitter, String source, String sourceId) {
        return jdbc.sql("""
                SELECT l.id, l.warning_id, w.urgency, w.unit_code, w.state
                FROM lead l JOIN warning w ON w.id = l.warning_id WHERE l.submitter = ? AND l.source = ? AND l.source_id = ?
                """)
                .params(submitter, source, sourceId)
                .query(WarningStore::leadAck)
                .optional();
    }

    /** The leads with this source id of every submitter in the units under the prefix, oldest first. */
    List<LeadAck> acksIn(String unitPrefix, String source, String sourceId) {
        return jdbc.sql("""
                SELECT l.id, l.warning_id, w.urgency, w.unit_code, w.state
                FROM lead l JOIN warning w ON w.id = l.warning_id
                WHERE l.source = ? AND l.source_id = ? AND w.unit_code LIKE ? ORDER BY l.id
                """)
                .params(source, sourceId, unitPrefix + "%")
                .query(WarningStore::leadAck)
                .list();
    }

    /** The warning further leads for this phone join, locked for the rest of the transaction. */
    Optional<Warning> joinableForUpdate(String phone) {
        return jdbc.sql("SELECT * FROM warning WHERE merge_key = ? FOR UPDATE")
                .param(phone)
                .query(WarningStore::map)
                .optional();
    }

    Optional<Warning> forUpdate(long id) {
        return jdbc.sql("SELECT * FROM warning WHERE id = ? FOR UPDATE")
                .param(id)
                .query(WarningStore::map)
                .optional();
    }

    Optional<Warning> find(long id, String jurisdiction) {
        return jdbc.sql("SELECT * FROM warning WHERE id = ? AND unit_code LIKE ?")
                .params(id, jurisdiction + "%")
                .query(WarningStore::map)
                .optional();
    }

    /** The warning, if it was ever assigned to a unit under the prefix (it may have been escalated away since). */
    Optional<Warning> everAssignedTo(long id, String jurisdiction) {
        return jdbc.sql("""
                        SELECT w.* FROM warning w WHERE w.id = ? AND EXISTS (
                            SELECT 1 FROM warning_event e WHERE e.warning_id = w.id AND e.kind = 'ASSIGNED' AND e.unit_code LIKE ?)""")
                .params(id, jurisdiction + "%")
                .query(WarningStore::map)
                .optional();
    }

    Optional<Warning> findUnscoped(long id) {
        return jdbc.sql("SELECT * FROM warning WHERE id = ?")
                .param(id)
                .query(WarningStore::map)
                .optional();
    }

    static final String INSERT_WARNING = """
            INSERT INTO warning (phone, merge_key, id_number, name, address, fraud_type, urgency, urgency_rule, unit_code,
                routed_via, routing_basis, out_of_province, person_province, state, outcome, amount_at_risk, lead_count,
                opened_at, last_lead_at, assigned_at, acknowledged_at, closed_at, acknowledge_due, close_due, escalations)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** The values of {@link #INSERT_WARNING} for a warning that further leads may join. */
    static Object[] insertValues(Warning w) {
        return new Object[] {
            w.phone(),
            w.phone(),
            w.idNumber(),
            w.name(),
            w.address(),
            name(w.fraudType()),
            w.urgency().name(),
            w.urgencyRule(),
            w.unitCode(),
            w.routedVia(),
            w.routingBasis(),
            w.outOfProvince(),
            w.personProvince(),
            w.state().name(),
            name(w.outcome()),
            w.amountAtRisk(),
            w.leadCount(),
            ts(w.openedAt()),
            ts(w.lastLeadAt()),
            ts(w.assignedAt()),
            ts(w.acknowledgedAt()),
            ts(w.closedAt()),
            ts(w.acknowledgeDue()),
            ts(w.closeDue()),
            w.escalations()
        };
    }

    /** Inserts a new warning that further leads may join; fails with a duplicate key if one is already joinable. */
    long insert(Warning w) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT_WARNING).params(insertValues(w)).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        changed(id, w.unitCode());
        return id;
    }

    /** Notes a change for the duty boards of every instance (see BoardFeed). */
    void changed(long warningId, String unitCode) {
        jdbc.sql("INSERT INTO warning_change (warning_id, unit_code, at) VALUES (?, ?, ?)")
                .params(warningId, unitCode, ts(Instant.now()))
                .update();
    }

    /** Writes every changeable field; a closed warning is no longer joinable. */
    void update(Warning w) {
        jdbc.sql("""
                UPDATE warning SET merge_key = CASE WHEN ? THEN NULL ELSE merge_key END, fraud_type = ?, urgency = ?, urgency_rule = ?,
                    unit_code = ?, state = ?, outcome = ?, amount_at_risk = ?, lead_count = ?, last_lead_at = ?, assigned_at = ?,
                    acknowledged_at = ?, closed_at = ?, acknowledge_due = ?, close_due = ?, escalations = ?
                WHERE id = ?
                """)
                .params(
                        !w.isOpen(),
                        name(w.fraudType()),
                        w.urgency().name(),
                        w.urgencyRule(),
                        w.unitCode(),
                        w.state().name(),
                        name(w.outcome()),
                        w.amountAtRisk(),
                        w.leadCount(),
                        ts(w.lastLeadAt()),
                        ts(w.assignedAt()),
                        ts(w.acknowledgedAt()),
                        ts(w.closedAt()),
                        ts(w.acknowledgeDue()),
                        ts(w.closeDue()),
                        w.escalations(),
                        w.id())
                .update();
        changed(w.id(), w.unitCode());
    }

    /** Past the merge window: the warning stays open, but new leads open a new warning. */
    void stopJoining(long id) {
        jdbc.sql("UPDATE warning SET merge_key = NULL WHERE id = ?").param(id).update();
    }

    long insertLead(
            long warningId,
            LeadInput lead,
            String signalsJson,
            UrgencyPolicy.Grade grade,
            Instant receivedAt,
            String enteredBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO lead (source, source_id, warning_id, phone, id_number, name, address, division_code, fraud_type, signals,
                    amount_at_risk, observed_at, received_at, urgency, urgency_rule, entered_by, submitter)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        lead.source().name(),
                        lead.sourceId(),
                        warningId,
                        lead.phone(),
                        lead.idNumber(),
                        lead.name(),
                        lead.address(),
                        lead.divisionCode(),
                        name(lead.fraudType()),
                        signalsJson,
                        lead.amountAtRisk(),
                        ts(lead.observedAt()),
                        ts(receivedAt),
                        grade.urgency().name(),
                        grade.rule(),
                        enteredBy,
                        submitter(enteredBy))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void event(
            long warningId,
            Instant at,
            String kind,
            String actor,
            @Nullable String unitCode,
            @Nullable String method,
            @Nullable String result,
            @Nullable String note) {
        event(warningId, at, kind, actor, unitCode, method, result, note, null);
    }

    void event(
            long warningId,
            Instant at,
            String kind,
            String actor,
            @Nullable String unitCode,
            @Nullable String method,
            @Nullable String result,
            @Nullable String note,
            @Nullable String gatewayRef) {
        jdbc.sql("""
                INSERT INTO warning_event (warning_id, at, kind, actor, unit_code, method, result, note, gateway_ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(warningId, ts(at), kind, actor, unitCode, method, result, note, gatewayRef)
                .update();
    }

    /** How a list of warnings is ordered: most urgent first, nearest deadline first, newest, largest amount. */
    enum Sort {
        URGENCY(" ORDER BY CASE urgency WHEN 'RED' THEN 0 WHEN 'ORANGE' THEN 1 ELSE 2 END, opened_at DESC, id DESC"),
        DUE(" ORDER BY COALESCE(CASE WHEN state = 'ASSIGNED' THEN acknowledge_due ELSE close_due END, opened_at), id"),
        OPENED(" ORDER BY opened_at DESC, id DESC"),
        AMOUNT(" ORDER BY CASE WHEN amount_at_risk IS NULL THEN 1 ELSE 0 END, amount_at_risk DESC, id DESC"),
        /** 预测派警: a deadline within five minutes (or missed) first, then the highest expected loss, then the rules. */
        EXPECTED_LOSS(
                " ORDER BY CASE WHEN COALESCE(CASE WHEN state = 'ASSIGNED' THEN acknowledge_due ELSE close_due END, opened_at)"
                        + " < CURRENT_TIMESTAMP + INTERVAL '5' MINUTE THEN 0 ELSE 1 END, expected_loss DESC NULLS LAST,"
                        + " CASE urgency WHEN 'RED' THEN 0 WHEN 'ORANGE' THEN 1 ELSE 2 END, opened_at DESC, id DESC");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    List<Warning> list(Filter filter, int offset, int limit) {
        return list(filter, Sort.URGENCY, offset, limit);
    }

    List<Warning> list(Filter filter, Sort sort, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT * FROM warning" + where + sort.orderBy + " LIMIT ? OFFSET ?")
                .params(params)
                .query(WarningStore::map)
                .list();
    }

    /** How many warnings the filter holds. */
    long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.sql("SELECT COUNT(*) FROM warning" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(Filter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE unit_code LIKE ?");
        params.add(filter.unitPrefix() + "%");
        if (filter.openOnly()) {
            sql.append(" AND state <> 'CLOSED'");
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            params.add(filter.state().name());
        }
        if (filter.urgency() != null) {
            sql.append(" AND urgency = ?");
            params.add(filter.urgency().name());
        }
        if (filter.fraudType() != null) {
            sql.append(" AND fraud_type = ?");
            params.add(filter.fraudType().name());
        }
        if (filter.from() != null) {
            sql.append(" AND opened_at >= ?");
            params.add(ts(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND opened_at < ?");
            params.add(ts(filter.to()));
        }
        return sql.toString();
    }

    /** The unit each warning was first assigned to: where its person is (the board keeps it on an escalated row). */
    java.util.Map<Long, String> firstUnits(java.util.Collection<Long> warningIds) {
        if (warningIds.isEmpty()) {
            return java.util.Map.of();
        }
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(warningIds));
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        jdbc.sql("SELECT warning_id, unit_code FROM warning_event WHERE kind = 'ASSIGNED' AND unit_code IS NOT NULL"
                        + " AND warning_id IN (" + marks + ") ORDER BY at, id")
                .params(new ArrayList<Object>(ids))
                .query((org.springframework.jdbc.core.RowCallbackHandler)
                        rs -> out.putIfAbsent(rs.getLong(1), rs.getString(2)));
        return out;
    }

    List<StoredLead> leads(long warningId) {
        return jdbc.sql("SELECT * FROM lead WHERE warning_id = ? ORDER BY received_at, id")
                .param(warningId)
                .query((rs, i) -> new StoredLead(
                        rs.getLong("id"),
                        rs.getString("source"),
                        rs.getString("source_id"),
                        rs.getString("phone"),
                        rs.getString("division_code"),
                        enumOf(FraudType.class, rs.getString("fraud_type")),
                        rs.getString("signals"),
                        rs.getBigDecimal("amount_at_risk"),
                        instant(rs, "observed_at"),
                        instant(rs, "received_at"),
                        Urgency.valueOf(rs.getString("urgency")),
                        rs.getString("urgency_rule"),
                        rs.getString("entered_by")))
                .list();
    }

    /** Open warnings to rescore, those scored longest ago first. */
    List<Long> toScore(int limit) {
        return jdbc.sql("SELECT id FROM warning WHERE state <> 'CLOSED' ORDER BY scored_at NULLS FIRST, id LIMIT ?")
                .param(limit)
                .query(Long.class)
                .list();
    }

    void scored(long warningId, @Nullable BigDecimal expectedLoss, Instant at) {
        jdbc.sql("UPDATE warning SET expected_loss = ?, scored_at = ? WHERE id = ?")
                .params(expectedLoss, ts(at), warningId)
                .update();
    }

    List<Event> events(long warningId) {
        return jdbc.sql("SELECT * FROM warning_event WHERE warning_id = ? ORDER BY at, id")
                .param(warningId)
                .query((rs, i) -> new Event(
                        rs.getLong("id"),
                        instant(rs, "at"),
                        rs.getString("kind"),
                        rs.getString("actor"),
                        rs.getString("unit_code"),
                        rs.getString("method"),
                        rs.getString("result"),
                        rs.getString("note"),
                        rs.getString("gateway_ref")))
                .list();
    }

    static Warning map(ResultSet rs, int row) throws SQLException {
        return new Warning(
                rs.getLong("id"),
                rs.getString("phone"),
                rs.getString("id_number"),
                rs.getString("name"),
                rs.getString("address"),
                enumOf(FraudType.class, rs.getString("fraud_type")),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getString("urgency_rule"),
                rs.getString("unit_code"),
                rs.getString("routed_via"),
                rs.getString("routing_basis"),
                rs.getBoolean("out_of_province"),
                rs.getString("person_province"),
                WarningState.valueOf(rs.getString("state")),
                enumOf(Outcome.class, rs.getString("outcome")),
                rs.getBigDecimal("amount_at_risk"),
                rs.getInt("lead_count"),
                instant(rs, "opened_at"),
                instant(rs, "last_lead_at"),
                instant(rs, "assigned_at"),
                instant(rs, "acknowledged_at"),
                instant(rs, "closed_at"),
                instant(rs, "acknowledge_due"),
                instant(rs, "close_due"),
                rs.getInt("escalations"));
    }

    static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable String name(@Nullable Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> @Nullable E enumOf(Class<E> type, @Nullable String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
