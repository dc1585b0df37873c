package org.fanzha.contact.internal;

import static org.fanzha.contact.internal.ContactPlans.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable robot-call outbox. A call is stored in the transaction that decides to call; the
 * dispatcher claims queued calls ({@code FOR UPDATE SKIP LOCKED}) and posts each to the call
 * centre. The order carries the call's id, so posting it again after a crash places no second call
 * at a gateway that honours it; the call ends with the first result reported for it.
 */
@Repository
class VoiceCalls {

    private final JdbcClient jdbc;

    VoiceCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Purpose {
        WARNING,
        FOLLOW_UP
    }

    /** A call as stored. */
    record Call(
            long id,
            String callId,
            @Nullable Long warningId,
            @Nullable Long stepId,
            String callee,
            String purpose,
            String scriptTopic,
            int scriptVersion,
            String scriptText,
            String state,
            int tries,
            @Nullable String result,
            @Nullable Integer durationSeconds,
            @Nullable String keypresses,
            @Nullable String intent,
            @Nullable String recordingRef,
            @Nullable String failure,
            Instant createdAt,
            @Nullable Instant orderedAt,
            @Nullable Instant finishedAt) {

        boolean ended() {
            return state.equals("ENDED") || state.equals("FAILED");
        }
    }

    /** Stores a call to order; returns its call id. */
    String enqueue(
            @Nullable Long warningId,
            @Nullable Long stepId,
            String callee,
            Purpose purpose,
            Scripts.Text script,
            Instant now) {
        String callId = "fz-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO voice_call (call_id, warning_id, step_id, callee, purpose, script_topic, script_version,
                            script_text, state, tries, next_try_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)""")
                .params(
                        callId,
                        warningId,
                        stepId,
                        callee,
                        purpose.name(),
                        script.topic(),
                        script.version(),
                        script.body(),
                        ts(now),
                        ts(now))
                .update();
        return callId;
    }

    /**
     * Claims up to {@code limit} due calls for this instance: queued ones, and those an instance
     * left ORDERING longer than {@code staleBefore} ago (it died mid-post; the call id keeps the
     * post from placing a second call). The caller's transaction commits the claim.
     */
    List<Call> claim(String instance, Instant now, Instant staleBefore, int limit) {
        List<Call> claimed = jdbc.sql("""
                        SELECT * FROM voice_call
                        WHERE (state = 'QUEUED' AND next_try_at <= ?) OR (state = 'ORDERING' AND claimed_at < ?)
                        ORDER BY next_try_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(ts(now), ts(staleBefore), limit)
                .query(VoiceCalls::call)
                .list();
        if (!claimed.isEmpty()) {
            jdbc.sql("""
                            UPDATE voice_call SET state = 'ORDERING', claimed_by = :by, claimed_at = :at, tries = tries + 1
                            WHERE id IN (:ids)""")
                    .param("by", instance)
                    .param("at", ts(now))
                    .param("ids", claimed.stream().map(Call::id).toList())
                    .update();
        }
        return claimed;
    }

    /** The call centre took the order. */
    void ordered(long id, Instant at) {
        jdbc.sql(
                        "UPDATE voice_call SET state = 'ORDERED', ordered_at = ?, failure = NULL WHERE id = ? AND state = 'ORDERING'")
                .params(ts(at), id)
                .update();
    }

    /** Posted again from {@code at} (the call centre was unreachable or busy). */
    void requeue(long id, Instant at, String why) {
        jdbc.sql("""
                        UPDATE voice_call SET state = 'QUEUED', next_try_at = ?, failure = ?, claimed_by = NULL
                        WHERE id = ? AND state = 'ORDERING'""").params(ts(at), clip(why), id).update();
    }

    /** Fails a call that has not ended (refused, never taken, no result in time); false if it had ended. */
    boolean fail(long id, String result, String why, Instant at) {
        return jdbc.sql("""
                        UPDATE voice_call SET state = 'FAILED', result = ?, failure = ?, finished_at = ?
                        WHERE id = ? AND state IN ('QUEUED', 'ORDERING', 'ORDERED')""").params(result, clip(why), ts(at), id).update() == 1;
    }

    /** Records the call centre's result on a call that has not ended; false if it had. */
    boolean end(
            long id,
            String result,
            @Nullable Integer durationSeconds,
            @Nullable String keypresses,
            @Nullable String intent,
            @Nullable String recordingRef,
            Instant at) {
        return jdbc.sql("""
                        UPDATE voice_call SET state = 'ENDED', result = ?, duration_s = ?, keypresses = ?, intent = ?,
                            recording_ref = ?, finished_at = ?
                        WHERE id = ? AND state IN ('QUEUED', 'ORDERING', 'ORDERED')""")
                        .params(result, durationSeconds, keypresses, intent, recordingRef, ts(at), id)
                        .update()
                == 1;
    }

    /**
     * Calls of the warning not yet posted to the call centre are not placed: the person was
     * reached or the warning closed. Returns their contact steps.
     */
    List<Long> cancelQueued(long warningId, String why, Instant at) {
        List<Long> steps = jdbc.sql(
                        "SELECT step_id FROM voice_call WHERE warning_id = ? AND state = 'QUEUED' AND step_id IS NOT NULL FOR UPDATE")
                .param(warningId)
                .query(Long.class)
                .list();
        jdbc.sql("UPDATE voice_call SET state = 'FAILED', result = 'CANCELLED', failure = ?, finished_at = ? "
                        + "WHERE warning_id = ? AND state = 'QUEUED'")
                .params(why, ts(at), warningId)
                .update();
        return steps;
    }

    /** Locks the call with this id, for applying a result to it once. */
    Optional<Call> lock(String callId) {
        return jdbc.sql("SELECT * FROM voice_call WHERE call_id = ? FOR UPDATE")
                .param(callId)
                .query(VoiceCalls::call)
                .optional();
    }

    Optional<Call> find(String callId) {
        return jdbc.sql("SELECT * FROM voice_call WHERE call_id = ?")
                .param(callId)
                .query(VoiceCalls::call)
                .optional();
    }

    List<Call> ofWarning(long warningId) {
        return jdbc.sql("SELECT * FROM voice_call WHERE warning_id = ? ORDER BY id")
                .param(warningId)
                .query(VoiceCalls::call)
                .list();
    }

    /** Calls ordered before {@code before} that still have no result, locked for failing them. */
    List<Call> unanswered(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT * FROM voice_call WHERE state = 'ORDERED' AND ordered_at < ?
                        ORDER BY ordered_at LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(before), limit).query(VoiceCalls::call).list();
    }

    private static String clip(String why) {
        return why.length() > 200 ? why.substring(0, 200) : why;
    }

    private static Call call(ResultSet rs, int row) throws SQLException {
        return new Call(
                rs.getLong("id"),
                rs.getString("call_id"),
                (Long) rs.getObject("warning_id", Long.class),
                (Long) rs.getObject("step_id", Long.class),
                rs.getString("callee"),
                rs.getString("purpose"),
                rs.getString("script_topic"),
                rs.getInt("script_version"),
                rs.getString("script_text"),
                rs.getString("state"),
                rs.getInt("tries"),
                rs.getString("result"),
                (Integer) rs.getObject("duration_s", Integer.class),
                rs.getString("keypresses"),
                rs.getString("intent"),
                rs.getString("recording_ref"),
                rs.getString("failure"),
                ContactPlans.instant(rs, "created_at"),
                ContactPlans.nullableInstant(rs, "ordered_at"),
                ContactPlans.nullableInstant(rs, "finished_at"));
    }
}
