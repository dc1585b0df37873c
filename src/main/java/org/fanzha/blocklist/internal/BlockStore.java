package org.fanzha.blocklist.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Block entries, allow entries and imports in the database. */
@Repository
class BlockStore {

    record Entry(
            long id,
            String value,
            Scope scope,
            FraudType category,
            Source source,
            @Nullable String evidence,
            @Nullable String screenshotRef,
            EntryState state,
            String addedBy,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            Instant firstSeen,
            Instant lastSeen,
            @Nullable Instant expiresAt,
            Instant updatedAt,
            long serial) {}

    record NewEntry(
            String value,
            Scope scope,
            FraudType category,
            Source source,
            @Nullable String evidence,
            @Nullable String screenshotRef,
            EntryState state,
            String addedBy,
            @Nullable Instant expiresAt) {}

    record Allow(
            long id, String domain, String reason, boolean active, String addedBy, Instant createdAt, long serial) {}

    record Event(
            Instant at,
            String actor,
            String action,
            @Nullable String note) {}

    /** A row as the matcher needs it. */
    record Change(long id, Scope scope, String value, boolean active, long serial) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BlockStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static @Nullable Timestamp tsOrNull(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Raises the blocklist serial and returns it; the row stays locked until the transaction ends,
     * so serials are taken in commit order.
     */
    long nextSerial(Instant now) {
        jdbc.sql("UPDATE blocklist_serial SET serial = serial + 1, changed_at = ? WHERE id = 1")
                .param(ts(now))
                .update();
        long serial = serial();
        // not incremental unless the change journals its zone records (ZoneJournal)
        jdbc.sql("INSERT INTO rpz_serial (serial, incremental) VALUES (?, FALSE)")
                .param(serial)
                .update();
        return serial;
    }

    long serial() {
        return jdbc.sql("SELECT serial FROM blocklist_serial WHERE id = 1")
                .query(Long.class)
                .single();
    }

    static Entry map(ResultSet rs, int i) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getString("pattern"),
                Scope.valueOf(rs.getString("scope")),
                FraudType.valueOf(rs.getString("category")),
                Source.valueOf(rs.getString("source")),
                rs.getString("evidence"),
                rs.getString("screenshot_ref"),
                EntryState.valueOf(rs.getString("state")),
                rs.getString("added_by"),
                rs.getString("reviewed_by"),
                instant(rs, "reviewed_at"),
                instant(rs, "first_seen"),
                instant(rs, "last_seen"),
                instant(rs, "expires_at"),
                instant(rs, "updated_at"),
                rs.getLong("serial"));
    }

    Optional<Entry> find(long id) {
        return jdbc.sql("SELECT * FROM block_entry WHERE id = ?")
                .param(id)
                .query(BlockStore::map)
                .optional();
    }

    Optional<Entry> forUpdate(long id) {
        return jdbc.sql("SELECT * FROM block_entry WHERE id = ? FOR UPDATE")
                .param(id)
                .query(BlockStore::map)
                .optional();
    }

    Optional<Entry> find(Scope scope, String value) {
        return jdbc.sql("SELECT * FROM block_entry WHERE scope = ? AND pattern = ?")
                .params(scope.name(), value)
                .query(BlockStore::map)
                .optional();
    }

    /** Entries by id, for the explanations of check answers. */
    Map<Long, Entry> byIds(Collection<Long> ids) {
        Map<Long, Entry> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        template.query(
                        con -> {
                            PreparedStatement ps = con.prepareStatement("SELECT * FROM block_entry WHERE id = ANY(?)");
                            ps.setArray(1, con.createArrayOf("bigint", ids.toArray()));
                            return ps;
                        },
                        BlockStore::map)
                .forEach(e -> found.put(e.id(), e));
        return found;
    }

    long insert(NewEntry e, Instant now, long serial) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO block_entry (pattern, scope, category, source, evidence, screenshot_ref, state, added_by,
                            reviewed_by, reviewed_at, first_seen, last_seen, expires_at, updated_at, serial)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)""")
                .params(
                        e.value(),
                        e.scope().name(),
                        e.category().name(),
                        e.source().name(),
                        e.evidence(),
                        e.screenshotRef(),
                        e.state().name(),
                        e.addedBy(),
                        ts(now),
                        ts(now),
                        tsOrNull(e.expiresAt()),
                        ts(now),
                        serial)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void setState(long id, EntryState state, @Nullable String reviewer, Instant now, long serial) {
        jdbc.sql("""
                        UPDATE block_entry SET state = ?, reviewed_by = COALESCE(?, reviewed_by),
                            reviewed_at = CASE WHEN ? IS NULL THEN reviewed_at ELSE ? END, updated_at = ?, serial = ? WHERE id = ?""")
                .params(state.name(), reviewer, reviewer, ts(now), ts(now), serial, id)
                .update();
    }

    /** A report of an entry already known: last seen now, evidence kept or completed. */
    void seenAgain(long id, Instant now) {
        jdbc.sql("UPDATE block_entry SET last_seen = ? WHERE id = ?")
                .params(ts(now), id)
                .update();
    }

    void event(long entryId, Instant at, String actor, String action, @Nullable String note) {
        jdbc.sql("INSERT INTO block_entry_event (entry_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)")
                .params(entryId, ts(at), actor, action, note)
                .update();
    }

    List<Event> events(long entryId) {
        return jdbc.sql("SELECT at, actor, action, note FROM block_entry_event WHERE entry_id = ? ORDER BY at, id")
                .param(entryId)
                .query((rs, i) -> new Event(
                        instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("note")))
                .list();
    }

    /** Entries by filter, newest first. */
    List<Entry> search(
            @Nullable String text,
            @Nullable EntryState state,
            @Nullable FraudType category,
            @Nullable Source source,
            int offset,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM block_entry WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (text != null) {
            sql.append(" AND pattern LIKE ? ESCAPE '\\'");
            params.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.name());
        }
        if (category != null) {
            sql.append(" AND category = ?");
            params.add(category.name());
        }
        if (source != null) {
            sql.append(" AND source = ?");
            params.add(source.name());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(BlockStore::map).list();
    }

    /** Hits per day since a day (China time), for the overview chart. */
    java.util.SortedMap<java.time.LocalDate, Long> hitsPerDay(java.time.LocalDate since) {
        java.util.SortedMap<java.time.LocalDate, Long> days = new java.util.TreeMap<>();
        jdbc.sql("SELECT hit_day, SUM(hits) FROM block_hit_day WHERE hit_day >= ? GROUP BY hit_day")
                .param(java.sql.Date.valueOf(since))
                .query(rs -> {
                    days.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                });
        return days;
    }

    long hitsOf(long entryId) {
        Long n = jdbc.sql("SELECT COALESCE(SUM(hits), 0) FROM block_hit_day WHERE entry_id = ?")
                .param(entryId)
                .query(Long.class)
                .single();
        return n == null ? 0 : n;
    }

    /** Counts of entries by state and category, for the overview. */
    List<Map<String, Object>> counts() {
        return jdbc.sql(
                        "SELECT state, category, COUNT(*) AS n FROM block_entry GROUP BY state, category ORDER BY state, category")
                .query()
                .listOfRows();
    }

    /** Entries that changed after a serial (up to and including another), in serial order, for the matcher. */
    void changes(long after, long upTo, Consumer<Change> sink) {
        template.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "SELECT id, scope, pattern, state, serial FROM block_entry WHERE serial > ? AND serial <= ? ORDER BY serial, id");
                    ps.setLong(1, after);
                    ps.setLong(2, upTo);
                    ps.setFetchSize(10_000);
                    return ps;
                },
                (ResultSet rs) -> {
                    sink.accept(new Change(
                            rs.getLong(1),
                            Scope.valueOf(rs.getString(2)),
                            rs.getString(3),
                            "ACTIVE".equals(rs.getString(4)),
                            rs.getLong(5)));
                });
    }

    /** Active entries whose expiry passed, locked for the caller's transaction. */
    List<Long> expired(Instant now, int limit) {
        return jdbc.sql(
                        "SELECT id FROM block_entry WHERE state = 'ACTIVE' AND expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(ts(now), limit)
                .query(Long.class)
                .list();
    }

    // ---------------------------------------------------------------- bulk

    /** Of the values given, those already stored for the scope: value → entry. */
    Map<String, Entry> existing(Scope scope, Collection<String> values) {
        Map<String, Entry> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        template.query(
                        con -> {
                            PreparedStatement ps = con.prepareStatement("""
                                    SELECT e.* FROM UNNEST(?) AS k(v) JOIN block_entry e ON e.scope = ? AND e.pattern = k.v""");
                            ps.setArray(1, con.createArrayOf("varchar", values.toArray()));
                            ps.setString(2, scope.name());
                            return ps;
                        },
                        BlockStore::map)
                .forEach(e -> found.put(e.value(), e));
        return found;
    }

    void insertAll(List<NewEntry> entries, Instant now, long serial) {
        template.batchUpdate("""
                INSERT INTO block_entry (pattern, scope, category, source, evidence, screenshot_ref, state, added_by,
                    first_seen, last_seen, expires_at, updated_at, serial)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries, 5_000, (ps, e) -> {
            ps.setString(1, e.value());
            ps.setString(2, e.scope().name());
            ps.setString(3, e.category().name());
            ps.setString(4, e.source().name());
            ps.setString(5, e.evidence());
            ps.setString(6, e.screenshotRef());
            ps.setString(7, e.state().name());
            ps.setString(8, e.addedBy());
            ps.setTimestamp(9, ts(now));
            ps.setTimestamp(10, ts(now));
            ps.setTimestamp(11, tsOrNull(e.expiresAt()));
            ps.setTimestamp(12, ts(now));
            ps.setLong(13, serial);
        });
    }

    void seenAgainAll(List<Long> ids, Instant now) {
        template.batchUpdate("UPDATE block_entry SET last_seen = ? WHERE id = ?", ids, 5_000, (ps, id) -> {
            ps.setTimestamp(1, ts(now));
            ps.setLong(2, id);
        });
    }

    /** Entries back to a new state (expired ones renewed, removed ones back to review), with the import's serial. */
    void setStateAll(List<Long> ids, EntryState state, Instant now, long serial) {
        template.batchUpdate(
                "UPDATE block_entry SET state = ?, last_seen = ?, updated_at = ?, serial = ? WHERE id = ?",
                ids,
                5_000,
                (ps, id) -> {
                    ps.setString(1, state.name());
                    ps.setTimestamp(2, ts(now));
                    ps.setTimestamp(3, ts(now));
                    ps.setLong(4, serial);
                    ps.setLong(5, id);
                });
    }

    long recordImport(
            String format,
            FraudType category,
            Source source,
            Scope scope,
            int lines,
            int accepted,
            int duplicates,
            int rejected,
            String report,
            String by,
            Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO block_import (format, category, source, scope, lines, accepted, duplicates, rejected, report,
                            imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        format,
                        category.name(),
                        source.name(),
                        scope.name(),
                        lines,
                        accepted,
                        duplicates,
                        rejected,
                        report.length() > 100_000 ? report.substring(0, 100_000) : report,
                        by,
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** One import with its stored line report (line, value and reason, tab-separated). */
    Optional<Map<String, Object>> importReport(long id) {
        return jdbc.sql("SELECT * FROM block_import WHERE id = ?").param(id).query().listOfRows().stream()
                .findFirst();
    }

    List<Map<String, Object>> imports(int limit) {
        return jdbc.sql("""
                        SELECT id, format, category, source, scope, lines, accepted, duplicates, rejected, imported_by, imported_at
                        FROM block_import ORDER BY id DESC LIMIT ?""").param(limit).query().listOfRows();
    }

    // ---------------------------------------------------------------- allowlist

    static Allow mapAllow(ResultSet rs, int i) throws SQLException {
        return new Allow(
                rs.getLong("id"),
                rs.getString("domain"),
                rs.getString("reason"),
                "ACTIVE".equals(rs.getString("state")),
                rs.getString("added_by"),
                instant(rs, "created_at"),
                rs.getLong("serial"));
    }

    Optional<Allow> allow(String domain) {
        return jdbc.sql("SELECT * FROM allow_entry WHERE domain = ?")
                .param(domain)
                .query(BlockStore::mapAllow)
                .optional();
    }

    Optional<Allow> allow(long id) {
        return jdbc.sql("SELECT * FROM allow_entry WHERE id = ?")
                .param(id)
                .query(BlockStore::mapAllow)
                .optional();
    }

    Map<Long, Allow> allowsByIds(Collection<Long> ids) {
        Map<Long, Allow> found = new HashMap<>();
        for (Long id : ids) {
            allow(id).ifPresent(a -> found.put(a.id(), a));
        }
        return found;
    }

    List<Allow> allows() {
        return jdbc.sql("SELECT * FROM allow_entry WHERE state = 'ACTIVE' ORDER BY domain")
                .query(BlockStore::mapAllow)
                .list();
    }

    void upsertAllow(String domain, String reason, String by, Instant now, long serial) {
        int updated = jdbc.sql(
                        "UPDATE allow_entry SET reason = ?, state = 'ACTIVE', added_by = ?, updated_at = ?, serial = ? WHERE domain = ?")
                .params(reason, by, ts(now), serial, domain)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO allow_entry (domain, reason, state, added_by, created_at, updated_at, serial)
                            VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?)""").params(domain, reason, by, ts(now), ts(now), serial).update();
        }
    }

    boolean removeAllow(long id, Instant now, long serial) {
        return jdbc.sql(
                                "UPDATE allow_entry SET state = 'REMOVED', updated_at = ?, serial = ? WHERE id = ? AND state = 'ACTIVE'")
                        .params(ts(now), serial, id)
                        .update()
                == 1;
    }

    void allowChanges(long after, long upTo, Consumer<Allow> sink) {
        jdbc.sql("SELECT * FROM allow_entry WHERE serial > ? AND serial <= ? ORDER BY serial, id")
                .params(after, upTo)
                .query(BlockStore::mapAllow)
                .list()
                .forEach(sink);
    }

    boolean anyAllow() {
        return jdbc.sql("SELECT COUNT(*) FROM allow_entry").query(Long.class).single() > 0;
    }
}
