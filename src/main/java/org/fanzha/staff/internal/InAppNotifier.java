package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.fanzha.platform.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The default notifier: the notice is kept in the app for the unit's officers on duty (by the roster), and logged. */
@Component
class InAppNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(InAppNotifier.class);

    private final JdbcClient jdbc;
    private final DutyRoster roster;
    private final Clock clock;

    InAppNotifier(JdbcClient jdbc, DutyRoster roster, Clock clock) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.clock = clock;
    }

    @Override
    public void notify(Notice notice) {
        var today = clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        String recipients = String.join(",", roster.recipients(notice.unitCode(), today));
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
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
