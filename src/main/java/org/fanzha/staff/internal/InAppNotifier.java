package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.fanzha.platform.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The default notifier: the notice is kept for the unit's staff in the app, and logged. */
@Component
class InAppNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(InAppNotifier.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    InAppNotifier(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void notify(Notice notice) {
        jdbc.sql("INSERT INTO notice (unit_code, at, kind, subject, text, link) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        notice.unitCode(),
                        Timestamp.from(clock.instant()),
                        notice.kind(),
                        clip(notice.subject(), 100),
                        clip(notice.text(), 500),
                        clip(notice.link(), 200))
                .update();
        log.info("Notice to unit {}: {} {} — {}", notice.unitCode(), notice.kind(), notice.subject(), notice.text());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
