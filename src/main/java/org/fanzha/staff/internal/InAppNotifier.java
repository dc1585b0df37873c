package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.Notifier;
import org.fanzha.staff.DutyPhones;
import org.fanzha.staff.NoticeSent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The default notifier: the notice is kept in the app for the unit's officers on duty (by the
 * roster), logged, and announced ({@link NoticeSent}) in the same transaction, so that other ways
 * of telling them (SMS) follow once it commits.
 */
@Component
class InAppNotifier implements Notifier, DutyPhones {

    private static final Logger log = LoggerFactory.getLogger(InAppNotifier.class);

    private final JdbcClient jdbc;
    private final DutyRoster roster;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InAppNotifier(JdbcClient jdbc, DutyRoster roster, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.clock = clock;
        this.events = events;
    }

    @Override
    @Transactional
    public void notify(Notice notice) {
        var today = clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        String to = notice.to();
        List<String> onDuty = to != null ? List.of(to) : roster.recipients(notice.unitCode(), today);
        String recipients = String.join(",", onDuty);
        jdbc.sql(
                        "INSERT INTO notice (unit_code, at, kind, subject, text, link, recipients) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        notice.unitCode(),
                        Timestamp.from(clock.instant()),
                        notice.kind(),
                        clip(notice.subject(), 100),
                        clip(notice.text(), 500),
                        clip(notice.link(), 200),
                        clip(recipients, 500))
                .update();
        log.info(
                "Notice to unit {} (on duty: {}): {} {} — {}",
                notice.unitCode(),
                recipients.isEmpty() ? "nobody" : recipients,
                notice.kind(),
                notice.subject(),
                notice.text());
        events.publishEvent(new NoticeSent(
                notice.unitCode(), notice.kind(), notice.subject(), notice.text(), notice.link(), onDuty));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, String> of(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> phones = new HashMap<>();
        jdbc.sql("SELECT username, phone FROM staff WHERE enabled AND phone IS NOT NULL AND username IN (:names)")
                .param("names", List.copyOf(usernames))
                .query((rs, i) -> phones.put(rs.getString(1), rs.getString(2)))
                .list();
        return phones;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
