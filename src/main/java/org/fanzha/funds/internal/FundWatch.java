package org.fanzha.funds.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fanzha.funds.FundsProperties;
import org.fanzha.platform.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deadlines of stop-payment and freeze, watched on every instance (rows claimed with {@code FOR
 * UPDATE SKIP LOCKED}, so each is handled once): requests a bank has not answered in time, stops
 * whose 48-hour hold ends without a freeze, freezes near their end and freezes that lapsed.
 */
@Component
class FundWatch {

    private static final Logger log = LoggerFactory.getLogger(FundWatch.class);

    private final JdbcClient jdbc;
    private final Banks banks;
    private final Notifier notifier;
    private final FundEvents events;
    private final FundsProperties properties;
    private final Clock clock;

    FundWatch(
            JdbcClient jdbc,
            Banks banks,
            Notifier notifier,
            FundEvents events,
            FundsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.banks = banks;
        this.notifier = notifier;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Requests not answered in time become EXPIRED; their unit is told. */
    @Scheduled(
            fixedDelayString = "${fanzha.funds.check-interval:1m}",
            initialDelayString = "${fanzha.funds.check-interval:1m}")
    @Transactional
    public void expire() {
        Instant now = clock.instant();
        record Row(long id, String bank, String unitCode) {}
        List<Row> due = jdbc.sql(
                        "SELECT id, bank_code, unit_code FROM fund_request"
                                + " WHERE state = 'SENT' AND answer_due < ? ORDER BY answer_due LIMIT 500 FOR UPDATE SKIP LOCKED")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        for (Row r : due) {
            jdbc.sql("UPDATE fund_request SET state = 'EXPIRED' WHERE id = ?")
                    .param(r.id())
                    .update();
            events.record(r.id(), now, "EXPIRED", "system", "no answer within " + properties.answerWithin());
            notifier.notify(new Notifier.Notice(
                    r.unitCode(),
                    "FUND_REQUEST_EXPIRED",
                    "fund request " + r.id(),
                    banks.get(r.bank()).name() + " 未在时限内答复止付/冻结请求，请电话督办",
                    "/funds/requests/" + r.id()));
        }
        if (!due.isEmpty()) {
            log.info("{} fund requests expired unanswered", due.size());
        }
    }

    /**
     * Freezes near their end: the unit is told {@code freeze-notice-days} before (again after each
     * renewal), and a freeze whose last day has passed becomes LAPSED with a notice, so none lapses
     * unnoticed.
     */
    @Scheduled(
            fixedDelayString = "${fanzha.funds.check-interval:1m}",
            initialDelayString = "${fanzha.funds.check-interval:1m}")
    @Transactional
    public void watchFreezes() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, org.fanzha.platform.FactSource.CHINA);
        List<Freeze> lapsed = freezesInForce("freeze_until < ?", today);
        for (Freeze f : lapsed) {
            jdbc.sql("UPDATE fund_request SET state = 'LAPSED' WHERE id = ?")
                    .param(f.id())
                    .update();
            events.record(f.id(), now, "LAPSED", "system", "freeze ended " + f.until() + " without renewal");
            notifier.notify(new Notifier.Notice(
                    f.unit(),
                    "FREEZE_LAPSED",
                    "fund request " + f.id(),
                    banks.get(f.bank()).name() + " 账户 " + f.account() + " 的冻结已于 " + f.until() + " 到期解除",
                    "/funds/requests/" + f.id()));
        }
        List<Freeze> soon = freezesInForce(
                "freeze_until <= ? AND (lapse_noticed IS NULL OR lapse_noticed <> freeze_until)",
                today.plusDays(properties.freezeNoticeDays()));
        for (Freeze f : soon) {
            jdbc.sql("UPDATE fund_request SET lapse_noticed = freeze_until WHERE id = ?")
                    .param(f.id())
                    .update();
            events.record(f.id(), now, "LAPSE_NOTICE", "system", "freeze ends " + f.until());
            notifier.notify(new Notifier.Notice(
                    f.unit(),
                    "FREEZE_LAPSING",
                    "fund request " + f.id(),
                    banks.get(f.bank()).name() + " 账户 " + f.account() + " 的冻结将于 " + f.until() + " 到期，如需续冻请及时办理",
                    "/funds/requests/" + f.id()));
        }
        if (!lapsed.isEmpty() || !soon.isEmpty()) {
            log.info(
                    "freezes: {} lapsed, {} lapsing within {} days told",
                    lapsed.size(),
                    soon.size(),
                    properties.freezeNoticeDays());
        }
    }

    private record Freeze(long id, String unit, String bank, String account, LocalDate until) {}

    /** Freezes in force meeting a condition on a date, soonest end first, claimed for this instance. */
    private List<Freeze> freezesInForce(String condition, LocalDate date) {
        return jdbc.sql("SELECT id, unit_code, bank_code, account, freeze_until FROM fund_request WHERE kind = 'FREEZE'"
                        + " AND state IN ('FROZEN', 'PARTIAL') AND " + condition
                        + " ORDER BY freeze_until LIMIT 500 FOR UPDATE SKIP LOCKED")
                .param(Date.valueOf(date))
                .query((rs, n) -> new Freeze(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getDate(5).toLocalDate()))
                .list();
    }

    /**
     * A stop-payment holds the money for {@code stop-holds} (48 h); one that no freeze has followed is
     * told to its unit {@code stop-notice-before} (6 h) before the hold ends, once.
     */
    @Scheduled(
            fixedDelayString = "${fanzha.funds.check-interval:1m}",
            initialDelayString = "${fanzha.funds.check-interval:1m}")
    @Transactional
    public void watchStops() {
        Instant now = clock.instant();
        record Stop(long id, String unit, String bank, String account, Instant answered) {}
        List<Stop> ending = jdbc.sql("""
                        SELECT r.id, r.unit_code, r.bank_code, r.account, r.answered_at FROM fund_request r
                        WHERE r.kind = 'STOP_PAYMENT' AND r.state IN ('STOPPED', 'PARTIAL') AND r.answered_at > ? AND r.answered_at <= ?
                          AND NOT EXISTS (SELECT 1 FROM fund_request f WHERE f.parent_id = r.id AND f.kind = 'FREEZE')
                          AND NOT EXISTS (SELECT 1 FROM fund_request_event e WHERE e.request_id = r.id AND e.kind = 'HOLD_NOTICE')
                        ORDER BY r.answered_at LIMIT 500 FOR UPDATE SKIP LOCKED""")
                .params(
                        Timestamp.from(now.minus(properties.stopHolds())),
                        Timestamp.from(now.minus(properties.stopHolds()).plus(properties.stopNoticeBefore())))
                .query((rs, n) -> new Stop(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        for (Stop s : ending) {
            Instant until = s.answered().plus(properties.stopHolds());
            events.record(s.id(), now, "HOLD_NOTICE", "system", "the stop holds until " + until + "; no freeze yet");
            notifier.notify(new Notifier.Notice(
                    s.unit(),
                    "STOP_HOLD_ENDING",
                    "fund request " + s.id(),
                    banks.get(s.bank()).name() + " 账户 " + s.account() + " 的紧急止付将于 "
                            + java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
                                    .format(until.atZone(org.fanzha.platform.FactSource.CHINA))
                            + " 到期，尚未冻结，请及时办理冻结",
                    "/funds/requests/" + s.id()));
        }
        if (!ending.isEmpty()) {
            log.info(
                    "{} stop-payments told that their hold ends within {}",
                    ending.size(),
                    properties.stopNoticeBefore());
        }
    }
}
