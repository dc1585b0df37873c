package org.fanzha.risk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.FraudType;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.SightingKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Risk entries, their sightings, events and the change feed in the database. */
@Repository
class RiskStore {

    /** An entry as stored. */
    record Entry(
            long id,
            IdentifierType type,
            String value,
            @Nullable String detail,
            RiskLevel level,
            RiskRule rule,
            int decayed,
            @Nullable FraudType category,
            Instant levelSince,
            Instant firstSeen,
            Instant lastSeen,
            @Nullable RiskLevel reviewedLevel,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            @Nullable String reviewReason,
            @Nullable Instant reviewExpiresAt,
            Grading.@Nullable Queue queue,
            @Nullable Instant queuedAt,
            @Nullable Instant nextCheckAt,
            long serial) {

        Grading.@Nullable Review review() {
            return reviewedLevel == null || reviewedAt == null || reviewExpiresAt == null
                    ? null
                    : new Grading.Review(reviewedLevel, reviewedAt, reviewExpiresAt);
        }
    }

    /** One sighting as stored. */
    record SightingRow(
            long id,
            SightingKind kind,
            Instant seenAt,
            String refType,
            String refId,
            @Nullable String reporter,
            @Nullable String unitCode,
            @Nullable FraudType fraudType,
            boolean receiving) {}

    /** One change of the feed. */
    record Change(long serial, IdentifierType type, String value, RiskLevel level, RiskRule rule, Instant at) {}

    /** One event of an entry's history. */
    record Event(
            Instant at,
            String actor,
            String kind,
            @Nullable String levelFrom,
            @Nullable String levelTo,
            @Nullable String note) {}

    private final JdbcClient jdbc;

    RiskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Entry map(ResultSet rs, int row) throws SQLException {
        String reviewed = rs.getString("reviewed_level");
        String category = rs.getString("category");
        String queue = rs.getString("queue");
        return new Entry(
                rs.getLong("id"),
                IdentifierType.valueOf(rs.getString("id_type")),
                rs.getString("id_value"),
                rs.getString("detail"),
                RiskLevel.valueOf(rs.getString("level")),
                RiskRule.ofCode(rs.getString("rule")).orElse(RiskRule.NONE),
                rs.getInt("decayed"),
                category == null ? null : FraudType.valueOf(category),
                instant(rs, "level_since"),
                instant(rs, "first_seen"),
                instant(rs, "last_seen"),
                reviewed == null ? null : RiskLevel.valueOf(reviewed),
                rs.getString("reviewed_by"),
                instant(rs, "reviewed_at"),
                rs.getString("review_reason"),
                instant(rs, "review_expires_at"),
                queue == null ? null : Grading.Queue.valueOf(queue),
                instant(rs, "queued_at"),
                instant(rs, "next_check_at"),
                rs.getLong("serial"));
    }

    /** The entry's id, created (level NONE) when the value is new. */
    long entryId(IdentifierType type, String value, @Nullable String detail, Instant now) {
        jdbc.sql("""
                        INSERT INTO risk_entry (id_type, id_value, detail, level, rule, level_since, first_seen, last_seen, serial)
                        VALUES (?, ?, ?, 'NONE', 'none', ?, ?, ?, 0) ON CONFLICT DO NOTHING""")
                .params(
                        type.name(),
                        value,
                        detail == null || detail.isEmpty() ? null : detail,
                        ts(now),
                        ts(now),
                        ts(now))
                .update();
        return jdbc.sql("SELECT id FROM risk_entry WHERE id_type = ? AND id_value = ?")
                .params(type.name(), value)
                .query(Long.class)
                .single();
    }

    /** Records a sighting unless the same one (entry, kind, reference) is on record; true if new. */
    boolean addSighting(
            long entryId,
            SightingKind kind,
            Instant at,
            String refType,
            String refId,
            @Nullable String reporter,
            @Nullable String unitCode,
            @Nullable FraudType fraudType,
            boolean receiving,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO risk_sighting (entry_id, kind, seen_at, ref_type, ref_id, reporter, unit_code, fraud_type, receiving, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(
                                entryId,
                                kind.name(),
                                ts(at),
                                refType,
                                refId,
                                reporter,
                                unitCode,
                                fraudType == null ? null : fraudType.name(),
                                receiving,
                                ts(now))
                        .update()
                > 0;
    }

    /** Removes the sightings that came from one reference; returns their entries. */
    List<Long> removeSightings(String refType, String refId) {
        List<Long> entries = jdbc.sql("SELECT DISTINCT entry_id FROM risk_sighting WHERE ref_type = ? AND ref_id = ?")
                .params(refType, refId)
                .query(Long.class)
                .list();
        jdbc.sql("DELETE FROM risk_sighting WHERE ref_type = ? AND ref_id = ?")
                .params(refType, refId)
                .update();
        return entries;
    }

    /** The entries, locked for grading, in id order (so two graders never wait on each other in a circle). */
    List<Entry> lock(Collection<Long> ids) {
        List<Entry> out = new ArrayList<>();
        List<Long> sorted = ids.stream().distinct().sorted().toList();
        for (int from = 0; from < sorted.size(); from += 1000) {
            out.addAll(jdbc.sql("SELECT * FROM risk_entry WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                    .param("ids", sorted.subList(from, Math.min(sorted.size(), from + 1000)))
                    .query(RiskStore::map)
                    .list());
        }
        return out;
    }

    /** What the rules need to know of each entry's sightings, and the latest fraud type seen. */
    record Seen(
            Map<SightingKind, Grading.Seen> seen,
            @Nullable Instant lastReceivingCase,
            int reporters,
            Instant last,
            @Nullable FraudType category) {}

    Map<Long, Seen> seen(Collection<Long> ids, Map<Long, Entry> entries) {
        Map<Long, Map<SightingKind, Grading.Seen>> kinds = new HashMap<>();
        Map<Long, Instant> receiving = new HashMap<>();
        Map<Long, Integer> reporters = new HashMap<>();
        Map<Long, FraudType> categories = new HashMap<>();
        List<Long> list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += 1000) {
            var chunk = list.subList(from, Math.min(list.size(), from + 1000));
            jdbc.sql("""
                            SELECT entry_id, kind, COUNT(*) AS n, MAX(seen_at) AS last, COUNT(DISTINCT reporter) AS reporters,
                                   MAX(CASE WHEN receiving THEN seen_at END) AS receiving
                            FROM risk_sighting WHERE entry_id IN (:ids) GROUP BY entry_id, kind""").param("ids", chunk).query(rs -> {
                long id = rs.getLong("entry_id");
                SightingKind kind = SightingKind.valueOf(rs.getString("kind"));
                kinds.computeIfAbsent(id, k -> new EnumMap<>(SightingKind.class))
                        .put(kind, new Grading.Seen(rs.getInt("n"), instant(rs, "last")));
                Instant r = instant(rs, "receiving");
                if (kind == SightingKind.CASE && r != null) {
                    receiving.merge(id, r, (a, b) -> a.isAfter(b) ? a : b);
                }
                if (kind == SightingKind.PUBLIC_REPORT) {
                    reporters.put(id, rs.getInt("reporters"));
                }
            });
            jdbc.sql("""
                            SELECT s.entry_id, s.fraud_type FROM risk_sighting s
                            WHERE s.entry_id IN (:ids) AND s.fraud_type IS NOT NULL ORDER BY s.seen_at, s.id""").param("ids", chunk).query(rs -> {
                categories.put(rs.getLong(1), FraudType.valueOf(rs.getString(2)));
            });
        }
        Map<Long, Seen> out = new HashMap<>();
        for (Long id : ids) {
            var k = kinds.getOrDefault(id, Map.of());
            Instant last = k.values().stream()
                    .map(Grading.Seen::last)
                    .max(Instant::compareTo)
                    .orElse(entries.get(id).lastSeen());
            out.put(id, new Seen(k, receiving.get(id), reporters.getOrDefault(id, 0), last, categories.get(id)));
        }
        return out;
    }

    /** A block of n serials (the first returned); the caller holds the serial row's lock until it commits. */
    long allocateSerials(int n) {
        long first = jdbc.sql("SELECT serial FROM risk_state WHERE id = 1 FOR UPDATE")
                        .query(Long.class)
                        .single()
                + 1;
        jdbc.sql("UPDATE risk_state SET serial = ? WHERE id = 1")
                .param(first + n - 1)
                .update();
        return first;
    }

    long serial() {
        return jdbc.sql("SELECT serial FROM risk_state WHERE id = 1")
                .query(Long.class)
                .single();
    }

    void graded(Entry e, Grading.Grade g, Seen seen, boolean changed, long serial, Instant now) {
        boolean levelChanged = e.level() != g.level();
        Grading.Queue queue = g.queue();
        jdbc.sql("""
                        UPDATE risk_entry SET level = ?, rule = ?, decayed = ?, category = COALESCE(?, category), level_since = ?,
                            last_seen = ?, queue = ?, queued_at = ?, next_check_at = ?, serial = ?
                        WHERE id = ?""")
                .params(
                        g.level().name(),
                        g.rule().code(),
                        g.decayed(),
                        seen.category() == null ? null : seen.category().name(),
                        ts(levelChanged ? now : e.levelSince()),
                        ts(seen.last().isAfter(e.lastSeen()) ? seen.last() : e.lastSeen()),
                        queue == null ? null : queue.name(),
                        queue == null ? null : ts(queue == e.queue() && e.queuedAt() != null ? e.queuedAt() : now),
                        g.nextCheck() == null ? null : ts(g.nextCheck()),
                        changed ? serial : e.serial(),
                        e.id())
                .update();
        if (changed) {
            jdbc.sql("""
                            INSERT INTO risk_change (serial, entry_id, id_type, id_value, level, rule, changed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            serial,
                            e.id(),
                            e.type().name(),
                            e.value(),
                            g.level().name(),
                            g.rule().code(),
                            ts(now))
                    .update();
        }
    }

    void review(long id, RiskLevel level, String by, String reason, Instant now, Instant expires) {
        jdbc.sql("""
                        UPDATE risk_entry SET reviewed_level = ?, reviewed_by = ?, reviewed_at = ?, review_reason = ?, review_expires_at = ?
                        WHERE id = ?""").params(level.name(), by, ts(now), reason, ts(expires), id).update();
    }

    void event(
            long entryId,
            Instant at,
            String actor,
            String kind,
            @Nullable RiskLevel from,
            @Nullable RiskLevel to,
            @Nullable String note) {
        jdbc.sql("""
                        INSERT INTO risk_event (entry_id, at, actor, kind, level_from, level_to, note) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        entryId,
                        ts(at),
                        actor,
                        kind,
                        from == null ? null : from.name(),
                        to == null ? null : to.name(),
                        note)
                .update();
    }

    /** Entries whose grade may have changed by now (decay, end of a window or review), locked, skipping those others hold. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql(
                        "SELECT id FROM risk_entry WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(ts(now), limit)
                .query(Long.class)
                .list();
    }

    // ---------------------------------------------------------------- reading

    Optional<Entry> find(long id) {
        return jdbc.sql("SELECT * FROM risk_entry WHERE id = ?")
                .param(id)
                .query(RiskStore::map)
                .optional();
    }

    Optional<Entry> find(IdentifierType type, String value) {
        return jdbc.sql("SELECT * FROM risk_entry WHERE id_type = ? AND id_value = ?")
                .params(type.name(), value)
                .query(RiskStore::map)
                .optional();
    }

    List<Entry> findAll(Collection<IdentifierType> types, String value) {
        if (types.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM risk_entry WHERE id_value = :value AND id_type IN (:types) ORDER BY id")
                .param("value", value)
                .param("types", types.stream().map(Enum::name).toList())
                .query(RiskStore::map)
                .list();
    }

    List<SightingRow> sightings(long entryId, int limit) {
        return jdbc.sql("SELECT * FROM risk_sighting WHERE entry_id = ? ORDER BY seen_at DESC, id DESC LIMIT ?")
                .params(entryId, limit)
                .query((rs, i) -> {
                    String ft = rs.getString("fraud_type");
                    return new SightingRow(
                            rs.getLong("id"),
                            SightingKind.valueOf(rs.getString("kind")),
                            instant(rs, "seen_at"),
                            rs.getString("ref_type"),
                            rs.getString("ref_id"),
                            rs.getString("reporter"),
                            rs.getString("unit_code"),
                            ft == null ? null : FraudType.valueOf(ft),
                            rs.getBoolean("receiving"));
                })
                .list();
    }

    Map<SightingKind, Integer> sightingCounts(long entryId) {
        Map<SightingKind, Integer> out = new EnumMap<>(SightingKind.class);
        jdbc.sql("SELECT kind, COUNT(*) FROM risk_sighting WHERE entry_id = ? GROUP BY kind")
                .param(entryId)
                .query(rs -> {
                    out.put(SightingKind.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return out;
    }

    List<Event> events(long entryId) {
        return jdbc.sql("SELECT * FROM risk_event WHERE entry_id = ? ORDER BY at DESC, id DESC LIMIT 200")
                .param(entryId)
                .query((rs, i) -> new Event(
                        instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("kind"),
                        rs.getString("level_from"),
                        rs.getString("level_to"),
                        rs.getString("note")))
                .list();
    }

    List<Change> changes(long since, int limit) {
        return jdbc.sql("SELECT * FROM risk_change WHERE serial > ? ORDER BY serial LIMIT ?")
                .params(since, limit)
                .query((rs, i) -> new Change(
                        rs.getLong("serial"),
                        IdentifierType.valueOf(rs.getString("id_type")),
                        rs.getString("id_value"),
                        RiskLevel.valueOf(rs.getString("level")),
                        RiskRule.ofCode(rs.getString("rule")).orElse(RiskRule.NONE),
                        instant(rs, "changed_at")))
                .list();
    }

    /** Every entry above NONE (of one type, or all), in id order, one at a time. */
    void listed(@Nullable IdentifierType type, Consumer<Entry> each) {
        var sql = type == null
                ? jdbc.sql("SELECT * FROM risk_entry WHERE level <> 'NONE' ORDER BY id")
                : jdbc.sql("SELECT * FROM risk_entry WHERE level <> 'NONE' AND id_type = ? ORDER BY id")
                        .param(type.name());
        sql.withFetchSize(2000).query(rs -> {
            each.accept(map(rs, 0));
        });
    }

    /** Entries waiting for a reviewer, oldest first. */
    List<Entry> queue(int limit) {
        return jdbc.sql("SELECT * FROM risk_entry WHERE queue IS NOT NULL ORDER BY queued_at, id LIMIT ?")
                .param(limit)
                .query(RiskStore::map)
                .list();
    }
}
