package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches stored delivery receipts to the parts they report, by the SMSC's message id (some SMSCs
 * report in decimal an id they gave in hexadecimal, or the other way round: both are tried). A
 * message is DELIVERED when every part was, FAILED when one was not (UNDELIV, EXPIRED, REJECTD,
 * DELETED, UNKNOWN, with the error code); its contact step then ends. A receipt nobody claims
 * within a day is dropped with a warning in the log.
 */
@Component
class SmsReceipts {

    private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);
    static final int BATCH = 500;
    static final Duration KEEP_UNMATCHED = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final SmsOutbox outbox;
    private final ContactWork work;
    private final TransactionTemplate tx;
    private final Clock clock;

    SmsReceipts(JdbcClient jdbc, SmsOutbox outbox, ContactWork work, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.work = work;
        this.tx = tx;
        this.clock = clock;
    }

    private record Receipt(
            long id, String smscId, String state, @Nullable String error, Instant receivedAt) {}

    private record Part(long smsId, int partNo) {}

    @Scheduled(fixedDelayString = "${fanzha.contact.sms.receipt-interval:500ms}")
    void tick() {
        try {
            while (apply() == BATCH) {
                // more waiting
            }
        } catch (RuntimeException e) {
            log.error("SMS: receipt round failed; the next round retries", e);
        }
    }

    /** Applies up to {@link #BATCH} stored receipts in one transaction; returns how many it looked at. */
    int apply() {
        Integer n = tx.execute(status -> {
            Instant now = clock.instant();
            List<Receipt> receipts = jdbc.sql("SELECT * FROM sms_receipt ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                    .param(BATCH)
                    .query((rs, i) -> new Receipt(
                            rs.getLong("id"),
                            rs.getString("smsc_message_id"),
                            rs.getString("final_state"),
                            rs.getString("error_code"),
                            ContactPlans.instant(rs, "received_at")))
                    .list();
            for (Receipt r : receipts) {
                Optional<Part> part = part(r.smscId());
                if (part.isPresent()) {
                    applyTo(part.get(), r, now);
                    jdbc.sql("DELETE FROM sms_receipt WHERE id = ?")
                            .param(r.id())
                            .update();
                } else if (r.receivedAt().isBefore(now.minus(KEEP_UNMATCHED))) {
                    log.warn("SMS: a receipt for unknown message id {} ({}) was dropped", r.smscId(), r.state());
                    jdbc.sql("DELETE FROM sms_receipt WHERE id = ?")
                            .param(r.id())
                            .update();
                }
            }
            return receipts.size();
        });
        return n == null ? 0 : n;
    }

    private Optional<Part> part(String smscId) {
        for (String candidate : forms(smscId)) {
            var found = jdbc.sql("SELECT sms_id, part_no FROM sms_part WHERE smsc_message_id = ?")
                    .param(candidate)
                    .query((rs, i) -> new Part(rs.getLong(1), rs.getInt(2)))
                    .optional();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The id as given, and its decimal or hexadecimal twin. */
    static List<String> forms(String id) {
        java.util.LinkedHashSet<String> forms = new java.util.LinkedHashSet<>();
        forms.add(id);
        try {
            if (id.matches("[0-9]{1,18}")) {
                forms.add(Long.toHexString(Long.parseLong(id)));
                forms.add(Long.toHexString(Long.parseLong(id)).toUpperCase(java.util.Locale.ROOT));
            }
            if (id.matches("[0-9A-Fa-f]{1,15}")) {
                forms.add(Long.toString(Long.parseLong(id, 16)));
            }
        } catch (NumberFormatException e) {
            // only the id as given
        }
        return List.copyOf(forms);
    }

    private void applyTo(Part part, Receipt r, Instant now) {
        boolean delivered = "DELIVRD".equals(r.state());
        if (!delivered && ("ACCEPTD".equals(r.state()) || "ENROUTE".equals(r.state()))) {
            return;
        }
        jdbc.sql("""
                        UPDATE sms_part SET state = ?, receipt_state = ?, error_code = ?
                        WHERE sms_id = ? AND part_no = ? AND state = 'SUBMITTED'""")
                .params(delivered ? "DELIVERED" : "FAILED", r.state(), r.error(), part.smsId(), part.partNo())
                .update();
        var message = outbox.find(part.smsId()).orElseThrow();
        var states = jdbc.sql("SELECT state FROM sms_part WHERE sms_id = ?")
                .param(part.smsId())
                .query(String.class)
                .list();
        boolean anyFailed = states.contains("FAILED");
        boolean allDelivered =
                states.size() == message.parts() && states.stream().allMatch("DELIVERED"::equals);
        if (!anyFailed && !allDelivered) {
            return;
        }
        String reason = anyFailed ? r.state() + (r.error() == null ? "" : " err:" + r.error()) : null;
        if (outbox.end(part.smsId(), anyFailed ? "FAILED" : "DELIVERED", reason, now) && message.stepId() != null) {
            String ref = jdbc.sql("SELECT smsc_message_id FROM sms_part WHERE sms_id = ? AND part_no = 1")
                    .param(part.smsId())
                    .query(String.class)
                    .optional()
                    .orElse(null);
            work.answered(
                    message.stepId(),
                    anyFailed
                            ? ContactWork.Answer.failed(
                                    "UNDELIVERED",
                                    ref,
                                    org.fanzha.platform.Texts.encode("contact.note.receipt", reason))
                            : ContactWork.Answer.done("DELIVERED", ref));
        }
    }
}
