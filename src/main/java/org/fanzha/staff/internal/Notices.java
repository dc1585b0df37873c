package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The in-app notices of the last day for a staff member: those of their own unit. */
@Repository
class Notices {

    static final Duration RECENT = Duration.ofHours(24);

    record Notice(
            long id,
            Instant at,
            String unitCode,
            String kind,
            String subject,
            String text,
            String link,
            @Nullable String recipients) {}

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long recentCount(Actor actor) {
        return jdbc.sql("SELECT COUNT(*) FROM notice WHERE unit_code = ? AND at > ?")
                .params(actor.unitCode(), Timestamp.from(Instant.now().minus(RECENT)))
                .query(Long.class)
                .single();
    }

    List<Notice> recent(Actor actor) {
        return jdbc.sql("SELECT * FROM notice WHERE unit_code = ? AND at > ? ORDER BY at DESC LIMIT 200")
                .params(actor.unitCode(), Timestamp.from(Instant.now().minus(RECENT)))
                .query((rs, i) -> new Notice(
                        rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("unit_code"),
                        rs.getString("kind"),
                        rs.getString("subject"),
                        rs.getString("text"),
                        rs.getString("link"),
                        rs.getString("recipients")))
                .list();
    }
}
