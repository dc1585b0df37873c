package org.fanzha.hotline.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.hotline.TaskKind;
import org.fanzha.hotline.TaskState;
import org.fanzha.warning.Urgency;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Hotline tasks in the database; the queue is claimed with {@code FOR UPDATE SKIP LOCKED}. */
@Repository
class TaskStore {

    /** A taken task its operator has left this long is offered to others again. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    TaskStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Attempt(
            long id,
            Instant at,
            String operator,
            String result,
            @Nullable String note) {}

    /**
     * Opens a task unless one of the kind is already open for the warning (ON CONFLICT DO
     * NOTHING: no error, so the caller's transaction goes on); returns its id if made.
     */
    Optional<Long> open(long warningId, TaskKind kind, String unitCode, Urgency urgency, Instant due, Instant now) {
        var keys = new GeneratedKeyHolder();
        int made = jdbc.sql("""
                INSERT INTO hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at, open_key)
                VALUES (?, ?, ?, ?, ?, 'OPEN', 0, ?, ?) ON CONFLICT DO NOTHING
                """)
                .params(warningId, kind.name(), unitCode, urgency.name(), ts(due), ts(now), warningId + ":" + kind)
                .update(keys, "id");
        return made == 0
                ? Optional.empty()
                : Optional.of(keys.getKeyAs(Number.class).longValue());
    }

    /** A visit goes to this officer (null: the county's queue), due by then. */
    void route(long taskId, @Nullable String assignedTo, @Nullable String routeDivision, Instant due) {
        jdbc.sql("UPDATE hotline_task SET assigned_to = ?, route_division = ?, due_at = ? WHERE id = ?")
                .params(assignedTo, routeDivision, ts(due), taskId)
                .update();
    }

    /** Open visits with an officer that are past their time, locked for sending them a level up. */
    List<HotlineTask> overdueVisits(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT * FROM hotline_task WHERE kind = 'VISIT' AND state = 'OPEN' AND assigned_to IS NOT NULL
                        AND due_at < ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(now), limit).query(TaskStore::map).list();
    }

    /** Open visits of the unit not given to any officer (the unit's own queue). */
    List<HotlineTask> unassignedVisits(String unitCode, int limit) {
        return jdbc.sql("""
                        SELECT * FROM hotline_task WHERE kind = 'VISIT' AND state IN ('OPEN', 'TAKEN') AND assigned_to IS NULL
                        AND unit_code = ? ORDER BY due_at LIMIT ?""").params(unitCode, limit).query(TaskStore::map).list();
    }

    /**
     * Where visits in these villages or townships were made, as far as earlier visits recorded it
     * (the mean of their GPS fixes): code → {latitude, longitude}.
     */
    java.util.Map<String, double[]> positions(java.util.Collection<String> divisions) {
        java.util.Map<String, double[]> found = new java.util.HashMap<>();
        if (divisions.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        SELECT route_division, AVG(latitude), AVG(longitude) FROM hotline_task
                        WHERE kind = 'VISIT' AND latitude IS NOT NULL AND longitude IS NOT NULL AND route_division IN (:codes)
                        GROUP BY route_division""")
                .param("codes", List.copyOf(divisions))
                .query((rs, i) -> found.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                .list();
        return found;
    }

    /** The open visits an officer was given, soonest due first. */
    List<HotlineTask> visitsOf(String username, int limit) {
        return jdbc.sql("""
                        SELECT * FROM hotline_task WHERE kind = 'VISIT' AND state IN ('OPEN', 'TAKEN') AND assigned_to = ?
                        ORDER BY due_at LIMIT ?""").params(username, limit).query(TaskStore::map).list();
    }

    record NewTask(long warningId, TaskKind kind, String unitCode, Urgency urgency, Instant due) {}

    /** Opens many tasks in one batch, skipping those already open (bulk intake). */
    void openAll(List<NewTask> tasks, Instant now) {
        template.batchUpdate("""
                INSERT INTO hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at, open_key)
                VALUES (?, ?, ?, ?, ?, 'OPEN', 0, ?, ?) ON CONFLICT DO NOTHING
                """, tasks, 1000, (ps, t) -> {
            ps.setLong(1, t.warningId());
            ps.setString(2, t.kind().name());
            ps.setString(3, t.unitCode());
            ps.setString(4, t.urgency().name());
            ps.setTimestamp(5, ts(t.due()));
            ps.setTimestamp(6, ts(now));
            ps.setString(7, t.warningId() + ":" + t.kind());
        });
    }

    /** A task about to miss its deadline: due before the moment given for its urgency. */
    static final String LATE =
            "((urgency = 'RED' AND due_at <= ?) OR (urgency = 'ORANGE' AND due_at <= ?) OR (urgency = 'YELLOW' AND due_at <= ?))";

    /** The open call tasks' warnings, for rescoring: up to {@code limit}, those scored longest ago first. */
    record ToScore(long taskId, long warningId, String unitCode) {}

    List<ToScore> toScore(int limit) {
        return jdbc.sql("""
                        SELECT id, warning_id, unit_code FROM hotline_task WHERE kind IN ('CALL', 'FOLLOW_UP') AND state = 'OPEN'
                        ORDER BY scored_at NULLS FIRST, id LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new ToScore(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    /** The calls taken since then: each one's unit and how long it had waited, in seconds. */
    List<Map.Entry<String, Double>> waitsTakenSince(Instant since) {
        return jdbc.sql("""
                        SELECT unit_code, created_at, taken_at FROM hotline_task
                        WHERE kind IN ('CALL', 'FOLLOW_UP') AND taken_at >= ?""")
                .param(ts(since))
                .query((rs, n) -> Map.entry(
                        rs.getString(1),
                        Math.max(
                                        0,
                                        rs.getTimestamp(3).getTime()
                                                - rs.getTimestamp(2).getTime())
                                / 1000.0))
                .list();
    }

    void scored(long taskId, @Nullable BigDecimal expectedLoss, Instant at) {
        jdbc.sql("UPDATE hotline_task SET expected_loss = ?, scored_at = ? WHERE id = ?")
                .params(expectedLoss, ts(at), taskId)
                .update();
    }

    /**
     * The operator's task in hand, or the next due one of the jurisdiction, locked. Under the rules:
     * red before orange before yellow, then the longest due. By expected loss: the tasks whose
     * deadline is about to be missed ({@code urgentBefore}: due that long ago for their urgency)
     * still first; then, among those and the others, the highest expected loss — a red warning therefore never ranks below an orange one of
     * lower expected loss — then the rules' order.
     */
    Optional<HotlineTask> next(
            String operator,
            String jurisdiction,
            Instant now,
            boolean byExpectedLoss,
            Map<String, Instant> urgentBefore) {
        return next(
                operator,
                jurisdiction,
                now,
                byExpectedLoss ? "CASE WHEN " + LATE + " THEN 0 ELSE 1 END, expected_loss DESC NULLS LAST, " : "",
                byExpectedLoss ? urgentBefore : null);
    }

    /** The operator's task in hand, or the most urgent due one of the jurisdiction, locked. */
    Optional<HotlineTask> next(String operator, String jurisdiction, Instant now) {
        return next(operator, jurisdiction, now, "", null);
    }

    private Optional<HotlineTask> next(
            String operator,
            String jurisdiction,
            Instant now,
            String order,
            @Nullable Map<String, Instant> urgentBefore) {
        var mine = jdbc.sql(
                        "SELECT * FROM hotline_task WHERE state = 'TAKEN' AND taken_by = ? AND kind <> 'VISIT' FOR UPDATE")
                .param(operator)
                .query(TaskStore::map)
                .list();
        if (!mine.isEmpty()) {
            return Optional.of(mine.get(0));
        }
        // a call task opened after its warning closed (the plan's hand-over and the close raced)
        // is nobody's call to make: it ends here instead of reaching an operator
        jdbc.sql("""
                UPDATE hotline_task SET state = 'CANCELLED', result = 'WARNING_CLOSED', closed_at = ?, open_key = NULL
                WHERE kind = 'CALL' AND state = 'OPEN' AND unit_code LIKE ? AND due_at <= ?
                  AND EXISTS (SELECT 1 FROM warning w WHERE w.id = hotline_task.warning_id AND w.state = 'CLOSED')
                """).params(ts(now), jurisdiction + "%", ts(now)).update();
        return jdbc.sql("SELECT * FROM hotline_task"
                        + " WHERE kind IN ('CALL', 'FOLLOW_UP') AND unit_code LIKE ? AND due_at <= ?"
                        + " AND (state = 'OPEN' OR (state = 'TAKEN' AND taken_at < ?))"
                        + " ORDER BY " + order
                        + "CASE urgency WHEN 'RED' THEN 0 WHEN 'ORANGE' THEN 1 ELSE 2 END, due_at, id"
                        + " LIMIT 1 FOR UPDATE SKIP LOCKED")
                .params(params(jurisdiction, now, urgentBefore))
                .query(TaskStore::map)
                .optional();
    }

    private static Object[] params(String jurisdiction, Instant now, @Nullable Map<String, Instant> urgentBefore) {
        List<Object> p =
                new java.util.ArrayList<>(List.of(jurisdiction + "%", ts(now), ts(now.minus(ABANDONED_AFTER))));
        if (urgentBefore != null) {
            p.add(ts(urgentBefore.get("RED")));
            p.add(ts(urgentBefore.get("ORANGE")));
            p.add(ts(urgentBefore.get("YELLOW")));
        }
        return p.toArray();
    }

    Optional<HotlineTask> forUpdate(long id) {
        return jdbc.sql("SELECT * FROM hotline_task WHERE id = ? FOR UPDATE")
                .param(id)
                .query(TaskStore::map)
                .optional();
    }

    Optional<HotlineTask> find(long id) {
        return jdbc.sql("SELECT * FROM hotline_task WHERE id = ?")
                .param(id)
                .query(TaskStore::map)
                .optional();
    }

    List<HotlineTask> openOf(long warningId) {
        return jdbc.sql("SELECT * FROM hotline_task WHERE warning_id = ? AND state IN ('OPEN', 'TAKEN')")
                .param(warningId)
                .query(TaskStore::map)
                .list();
    }

    List<HotlineTask> visits(String jurisdiction, int limit) {
        return jdbc.sql(
                        "SELECT * FROM hotline_task WHERE kind = 'VISIT' AND state IN ('OPEN', 'TAKEN') AND unit_code LIKE ? ORDER BY due_at LIMIT ?")
                .params(jurisdiction + "%", limit)
                .query(TaskStore::map)
                .list();
    }

    long queued(String jurisdiction, Instant now) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM hotline_task WHERE kind IN ('CALL', 'FOLLOW_UP') AND state = 'OPEN' AND due_at <= ? AND unit_code LIKE ?")
                .params(ts(now), jurisdiction + "%")
                .query(Long.class)
                .single();
    }

    void take(long id, String operator, Instant now) {
        jdbc.sql("UPDATE hotline_task SET state = 'TAKEN', taken_by = ?, taken_at = ? WHERE id = ?")
                .params(operator, ts(now), id)
                .update();
    }

    void release(long id, Instant due, int failedAttempts) {
        jdbc.sql(
                        "UPDATE hotline_task SET state = 'OPEN', taken_by = NULL, taken_at = NULL, due_at = ?, failed_attempts = ? WHERE id = ?")
                .params(ts(due), failedAttempts, id)
                .update();
    }

    void finish(long id, TaskState state, String result, Instant now) {
        jdbc.sql("UPDATE hotline_task SET state = ?, result = ?, closed_at = ?, open_key = NULL WHERE id = ?")
                .params(state.name(), result, ts(now), id)
                .update();
    }

    void failed(long id, int failedAttempts) {
        jdbc.sql("UPDATE hotline_task SET failed_attempts = ? WHERE id = ?")
                .params(failedAttempts, id)
                .update();
    }

    void visited(
            long id,
            Instant at,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude,
            @Nullable String bodyCameraRef) {
        jdbc.sql(
                        "UPDATE hotline_task SET visited_at = ?, latitude = ?, longitude = ?, body_camera_ref = ? WHERE id = ?")
                .params(ts(at), latitude, longitude, bodyCameraRef, id)
                .update();
    }

    void photo(long taskId, String contentType, byte[] bytes, String by, Instant now) {
        jdbc.sql(
                        "INSERT INTO visit_photo (task_id, content_type, bytes, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?)")
                .params(taskId, contentType, bytes, ts(now), by)
                .update();
    }

    long photos(long taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM visit_photo WHERE task_id = ?")
                .param(taskId)
                .query(Long.class)
                .single();
    }

    /** A visit photo without its bytes. */
    record Photo(long id, long taskId, String contentType, int size, Instant uploadedAt, String uploadedBy) {}

    /** A visit photo's bytes. */
    record PhotoBytes(long id, long taskId, String contentType, byte[] bytes) {}

    List<Photo> photosOf(long taskId) {
        return jdbc.sql("""
                        SELECT id, task_id, content_type, OCTET_LENGTH(bytes) AS size, uploaded_at, uploaded_by
                        FROM visit_photo WHERE task_id = ? ORDER BY id""")
                .param(taskId)
                .query((rs, i) -> new Photo(
                        rs.getLong("id"),
                        rs.getLong("task_id"),
                        rs.getString("content_type"),
                        rs.getInt("size"),
                        instant(rs, "uploaded_at"),
                        rs.getString("uploaded_by")))
                .list();
    }

    java.util.Optional<PhotoBytes> photoBytes(long photoId) {
        return jdbc.sql("SELECT id, task_id, content_type, bytes FROM visit_photo WHERE id = ?")
                .param(photoId)
                .query((rs, i) -> new PhotoBytes(
                        rs.getLong("id"), rs.getLong("task_id"), rs.getString("content_type"), rs.getBytes("bytes")))
                .optional();
    }

    void attempt(long taskId, String operator, String result, @Nullable String note, Instant now) {
        jdbc.sql("INSERT INTO hotline_attempt (task_id, at, operator, result, note) VALUES (?, ?, ?, ?, ?)")
                .params(taskId, ts(now), operator, result, note)
                .update();
    }

    List<Attempt> attempts(long taskId) {
        return jdbc.sql("SELECT * FROM hotline_attempt WHERE task_id = ? ORDER BY at, id")
                .param(taskId)
                .query((rs, i) -> new Attempt(
                        rs.getLong("id"),
                        instant(rs, "at"),
                        rs.getString("operator"),
                        rs.getString("result"),
                        rs.getString("note")))
                .list();
    }

    static HotlineTask map(ResultSet rs, int row) throws SQLException {
        return new HotlineTask(
                rs.getLong("id"),
                rs.getLong("warning_id"),
                TaskKind.valueOf(rs.getString("kind")),
                rs.getString("unit_code"),
                Urgency.valueOf(rs.getString("urgency")),
                instant(rs, "due_at"),
                TaskState.valueOf(rs.getString("state")),
                rs.getString("taken_by"),
                instant(rs, "taken_at"),
                rs.getInt("failed_attempts"),
                rs.getString("result"),
                instant(rs, "created_at"),
                instant(rs, "closed_at"),
                instant(rs, "visited_at"),
                rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"),
                rs.getString("body_camera_ref"),
                rs.getString("assigned_to"),
                rs.getString("route_division"));
    }

    static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
