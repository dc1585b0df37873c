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

/**
 * The in-app notices of the last day for a staff member: those of their own unit, each read or
 * unread by them (the badge counts the unread).
 */
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
            @Nullable String recipients,
            boolean read) {}

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The unread notices of the last day. */
    long recentCount(Actor actor) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM notice n WHERE n.unit_code = ? AND n.at > ?
                          AND NOT EXISTS (SELECT 1 FROM notice_read r WHERE r.notice_id = n.id AND r.staff_id = ?)""")
                .params(actor.unitCode(), Timestamp.from(Instant.now().minus(RECENT)), actor.id())
                .query(Long.class)
                .single();
    }

    /** The notices of the last day, newest first; only the unread ones when asked. */
    List<Notice> recent(Actor actor, boolean unreadOnly) {
        return jdbc.sql("""
                        SELECT n.*, CASE WHEN r.notice_id IS NULL THEN 0 ELSE 1 END AS was_read
                        FROM notice n LEFT JOIN notice_read r ON r.notice_id = n.id AND r.staff_id = ?
                        WHERE n.unit_code = ? AND n.at > ? AND (? = FALSE OR r.notice_id IS NULL)
                        ORDER BY n.at DESC LIMIT 200""")
                .params(
                        actor.id(),
                        actor.unitCode(),
                        Timestamp.from(Instant.now().minus(RECENT)),
                        unreadOnly)
                .query((rs, i) -> new Notice(
                        rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("unit_code"),
                        rs.getString("kind"),
                        rs.getString("subject"),
                        rs.getString("text"),
                        rs.getString("link"),
                        rs.getString("recipients"),
                        rs.getInt("was_read") == 1))
                .list();
    }

    /** Marks a notice of the actor's unit read for them; its link, to go on to. */
    @org.springframework.transaction.annotation.Transactional
    java.util.Optional<String> read(long id, Actor actor) {
        var link = jdbc.sql("SELECT link FROM notice WHERE id = ? AND unit_code = ?")
                .params(id, actor.unitCode())
                .query(String.class)
                .optional();
        if (link.isPresent()) {
            markRead(List.of(id), actor);
        }
        return link;
    }

    /** Marks every notice of the last day read for the actor. */
    @org.springframework.transaction.annotation.Transactional
    void readAll(Actor actor) {
        markRead(recent(actor, true).stream().map(Notice::id).toList(), actor);
    }

    private void markRead(List<Long> ids, Actor actor) {
        Timestamp now = Timestamp.from(Instant.now());
        for (long id : ids) {
            jdbc.sql("""
                            INSERT INTO notice_read (notice_id, staff_id, read_at)
                            SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM notice_read WHERE notice_id = ? AND staff_id = ?)""").params(id, actor.id(), now, id, actor.id()).update();
        }
    }
}
