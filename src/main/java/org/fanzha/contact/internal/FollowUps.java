package org.fanzha.contact.internal;

import static org.fanzha.contact.internal.ContactPlans.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactProperties;
import org.fanzha.contact.ContactRequested;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningClosed;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 回访: a person whose warning closed defrauded, insisting or dissuaded is followed up at days 3, 14
 * and 30 ({@code fanzha.contact.follow-ups}): each time a recovery-scam SMS ("no one can get your
 * money back for a fee") and a follow-up call task for the 96110 operators, with that script. The
 * schedule is stored when the warning closes; each round is claimed once (SKIP LOCKED) on any
 * instance.
 */
@Component
class FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final JdbcClient jdbc;
    private final ContactProperties properties;
    private final WarningProperties warnings;
    private final WarningDesk desk;
    private final SmsOutbox outbox;
    private final Scripts scripts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    FollowUps(
            JdbcClient jdbc,
            ContactProperties properties,
            WarningProperties warnings,
            WarningDesk desk,
            SmsOutbox outbox,
            Scripts scripts,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.warnings = warnings;
        this.desk = desk;
        this.outbox = outbox;
        this.scripts = scripts;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(WarningClosed closed) {
        if (!warnings.repeatTarget().outcomes().contains(closed.outcome())) {
            return;
        }
        List<java.time.Duration> offsets = properties.followUps();
        for (int round = 0; round < offsets.size(); round++) {
            jdbc.sql("""
                            INSERT INTO contact_follow_up (warning_id, round, unit_code, urgency, due_at, state)
                            VALUES (?, ?, ?, ?, ?, 'PENDING') ON CONFLICT DO NOTHING""")
                    .params(
                            closed.warningId(),
                            round + 1,
                            closed.unitCode(),
                            closed.urgency().name(),
                            ts(closed.closedAt().plus(offsets.get(round))))
                    .update();
        }
    }

    private record Due(long id, long warningId, int round, String unitCode, Urgency urgency) {}

    @Scheduled(fixedDelayString = "${fanzha.contact.follow-up-interval:1m}")
    void tick() {
        try {
            while (run() == 100) {
                // more due
            }
        } catch (RuntimeException e) {
            log.error("Follow-ups: round failed; the next one retries", e);
        }
    }

    /** Runs up to a hundred due follow-ups in one transaction; returns how many. */
    int run() {
        Integer n = tx.execute(status -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.sql("""
                            SELECT id, warning_id, round, unit_code, urgency FROM contact_follow_up
                            WHERE state = 'PENDING' AND due_at <= ?
                            ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED""")
                    .param(ts(now))
                    .query((rs, i) -> new Due(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getInt(3),
                            rs.getString(4),
                            Urgency.valueOf(rs.getString(5))))
                    .list();
            var persons = desk.personsOf(due.stream().map(Due::warningId).toList());
            var text = scripts.followUp(Scripts.Kind.SMS);
            for (Due d : due) {
                jdbc.sql("UPDATE contact_follow_up SET state = 'DONE', done_at = ? WHERE id = ?")
                        .params(ts(now), d.id())
                        .update();
                var person = persons.get(d.warningId());
                if (person == null) {
                    continue;
                }
                if (Mobiles.isMobile(person.phone())) {
                    outbox.enqueue(
                            d.warningId(),
                            null,
                            person.phone(),
                            text.body(),
                            SmsOutbox.Purpose.FOLLOW_UP,
                            text.ref(Scripts.Kind.SMS),
                            now);
                }
                events.publishEvent(
                        new ContactRequested(d.warningId(), Channel.HUMAN_CALL, d.unitCode(), d.urgency(), true));
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
