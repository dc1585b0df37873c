package org.fanzha.contact.internal;

import static org.fanzha.contact.internal.ContactPlans.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable SMS outbox. A message is stored in the transaction that decides to send it; the
 * dispatcher claims queued messages ({@code FOR UPDATE SKIP LOCKED}) and commits them SENDING
 * under its instance's name before the first byte goes to the SMSC, so a message is submitted by
 * one instance once; whatever a dead instance left SENDING becomes UNCERTAIN, never sent again.
 */
@Repository
class SmsOutbox {

    private final JdbcClient jdbc;
    private final Object signal = new Object();

    SmsOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Purpose {
        WARNING,
        FOLLOW_UP,
        STAFF,
        /** A public reporter told how their report goes. */
        REPORT
    }

    /** A message to submit. */
    record Outgoing(
            long id, @Nullable Long warningId, @Nullable Long stepId, String recipient, String body, int tries) {}

    /** A message as it stands, for pages and tests. */
    record Message(
            long id,
            @Nullable Long warningId,
            @Nullable Long stepId,
            String recipient,
            String body,
            String purpose,
            String state,
            int parts,
            @Nullable String failure,
            Instant createdAt,
            @Nullable Instant submittedAt,
            @Nullable Instant finishedAt) {}

    long enqueue(
            @Nullable Long warningId,
            @Nullable Long stepId,
            String recipient,
            String body,
            Purpose purpose,
            @Nullable String template,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO sms_message (warning_id, step_id, recipient, body, purpose, template, state, parts, tries,
                            next_try_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?, 0, ?, ?)""")
                .params(
                        warningId,
                        stepId,
                        recipient,
                        body,
                        purpose.name(),
                        template,
                        Segments.count(body),
                        ts(now),
                        ts(now))
                .update(keys, "id");
        wakeAfterCommit();
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Claims up to {@code limit} due messages for this instance (the caller's transaction commits the claim). */
    List<Outgoing> claim(String instance, Instant now, int limit) {
        List<Outgoing> claimed =
                jdbc.sql("""
                        SELECT id, warning_id, step_id, recipient, body, tries FROM sms_message
                        WHERE state = 'QUEUED' AND next_try_at <= ? ORDER BY next_try_at, id LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(now), limit).query(SmsOutbox::outgoing).list();
        if (!claimed.isEmpty()) {
            jdbc.sql(
                            "UPDATE sms_message SET state = 'SENDING', claimed_by = :by, claimed_at = :at, tries = tries + 1 WHERE id IN (:ids)")
                    .param("by", instance)
                    .param("at", ts(now))
                    .param("ids", claimed.stream().map(Outgoing::id).toList())
                    .update();
        }
        return claimed;
    }

    /** Its submit starts now (committed on its own: after a crash, only such messages are uncertain). */
    void sending(long id, Instant at) {
        jdbc.sql("UPDATE sms_message SET sending_at = ? WHERE id = ?")
                .params(ts(at), id)
                .update();
    }

    /** The SMSC took every part; its message ids are what the receipts will name. */
    void submitted(long id, List<String> smscIds, Instant at) {
        jdbc.sql("UPDATE sms_message SET state = 'SUBMITTED', submitted_at = ? WHERE id = ? AND state = 'SENDING'")
                .params(ts(at), id)
                .update();
        for (int part = 0; part < smscIds.size(); part++) {
            jdbc.sql("INSERT INTO sms_part (sms_id, part_no, smsc_message_id, state) VALUES (?, ?, ?, 'SUBMITTED')")
                    .params(id, part + 1, smscIds.get(part))
                    .update();
        }
    }

    /** Back to the queue (the bind broke, the SMSC was busy): sent again from {@code at}. */
    void requeue(long id, Instant at, String why) {
        jdbc.sql("""
                        UPDATE sms_message SET state = 'QUEUED', next_try_at = ?, failure = ?, claimed_by = NULL, sending_at = NULL
                        WHERE id = ? AND state = 'SENDING'""").params(ts(at), why, id).update();
    }

    /** Ends a message that has not ended: FAILED or UNCERTAIN with the reason, or DELIVERED. */
    boolean end(long id, String state, @Nullable String why, Instant at) {
        return jdbc.sql("""
                        UPDATE sms_message SET state = ?, failure = ?, finished_at = ?
                        WHERE id = ? AND state IN ('QUEUED', 'SENDING', 'SUBMITTED')""").params(state, why, ts(at), id).update() == 1;
    }

    /**
     * Messages an instance left SENDING too long ago (it died): those whose submit had started may
     * have reached the SMSC and are never resent; the others go back to the queue.
     */
    List<Outgoing> abandoned(Instant claimedBefore, boolean submitStarted) {
        return jdbc.sql("""
                        SELECT id, warning_id, step_id, recipient, body, tries FROM sms_message
                        WHERE state = 'SENDING' AND claimed_at < ? AND sending_at IS """ + (submitStarted ? " NOT NULL" : " NULL") + " FOR UPDATE SKIP LOCKED")
                .param(ts(claimedBefore))
                .query(SmsOutbox::outgoing)
                .list();
    }

    private static Outgoing outgoing(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Outgoing(
                rs.getLong("id"),
                (Long) rs.getObject("warning_id", Long.class),
                (Long) rs.getObject("step_id", Long.class),
                rs.getString("recipient"),
                rs.getString("body"),
                rs.getInt("tries"));
    }

    Optional<Message> find(long id) {
        return jdbc.sql("SELECT * FROM sms_message WHERE id = ?")
                .param(id)
                .query(SmsOutbox::message)
                .optional();
    }

    List<Message> ofWarning(long warningId) {
        return jdbc.sql("SELECT * FROM sms_message WHERE warning_id = ? ORDER BY id")
                .param(warningId)
                .query(SmsOutbox::message)
                .list();
    }

    /** Waits until a message may be due or the time has passed. */
    void await(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }

    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    private static Message message(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Message(
                rs.getLong("id"),
                (Long) rs.getObject("warning_id", Long.class),
                (Long) rs.getObject("step_id", Long.class),
                rs.getString("recipient"),
                rs.getString("body"),
                rs.getString("purpose"),
                rs.getString("state"),
                rs.getInt("parts"),
                rs.getString("failure"),
                ContactPlans.instant(rs, "created_at"),
                ContactPlans.instant(rs, "submitted_at"),
                ContactPlans.instant(rs, "finished_at"));
    }
}
