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

    /** Which notices a list shows: the unit's, those sent to me (on duty), those whose warning awaits acknowledgement. */
    enum View {
        UNIT,
        MINE,
        OPEN
    }

    /**
     * The notices about one record (a warning, a request), newest first: what the list shows as
     * one row, so that an escalation chain is one line, not five.
     */
    record Group(String subject, Notice latest, List<Notice> notices, boolean unread) {

        public int count() {
            return notices.size();
        }

        /** The kinds of the group, each once, newest first. */
        public List<String> kinds() {
            return notices.stream().map(Notice::kind).distinct().toList();
        }
    }

    /** The notices of the last day, newest first; only the unread ones when asked. */
    List<Notice> recent(Actor actor, boolean unreadOnly) {
        return recent(actor, unreadOnly, View.UNIT);
    }

    /** The notices of the last day in a view, newest first; only the unread ones when asked. */
    List<Notice> recent(Actor actor, boolean unreadOnly, View view) {
        return jdbc.sql("""
                        SELECT n.*, CASE WHEN r.notice_id IS NULL THEN 0 ELSE 1 END AS was_read
                        FROM notice n LEFT JOIN notice_read r ON r.notice_id = n.id AND r.staff_id = ?
                        WHERE n.unit_code = ? AND n.at > ? AND (? = FALSE OR r.notice_id IS NULL)
                          AND (? = FALSE OR CONCAT(',', COALESCE(n.recipients, ''), ',') LIKE ?)
                        ORDER BY n.at DESC, n.id DESC LIMIT 200""")
                .params(
                        actor.id(),
                        actor.unitCode(),
                        Timestamp.from(Instant.now().minus(RECENT)),
                        unreadOnly,
                        view == View.MINE,
                        "%," + actor.name().replace("%", "").replace("_", "") + ",%")
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

    /** The notices grouped by what they are about, the group with the newest notice first. */
    static List<Group> grouped(List<Notice> notices) {
        java.util.Map<String, List<Notice>> bySubject = new java.util.LinkedHashMap<>();
        notices.forEach(n -> bySubject
                .computeIfAbsent(n.subject(), k -> new java.util.ArrayList<>())
                .add(n));
        return bySubject.entrySet().stream()
                .map(e -> new Group(
                        e.getKey(),
                        e.getValue().get(0),
                        List.copyOf(e.getValue()),
                        e.getValue().stream().anyMatch(n -> !n.read())))
                .toList();
    }

    /** The warning a notice is about, from its subject ("warning 42"); null for other records. */
    static @Nullable Long warningOf(String subject) {
        return subject.matches("warning \\d{1,18}") ? Long.parseLong(subject.substring(8)) : null;
    }

    /**
     * The unread notices after the one a browser saw last that call for someone now (a red
     * warning, an escalation), for its sound and desktop alert.
     */
    List<Notice> alertsAfter(Actor actor, long afterId) {
        return recent(actor, true).stream()
                .filter(n -> n.id() > afterId)
                .filter(n -> n.kind().equals("RED_WARNING") || n.kind().equals("ESCALATED"))
                .toList();
    }

    /** The newest notice of the actor's unit, 0 when none: where a browser's alerts start. */
    long latestId(Actor actor) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM notice WHERE unit_code = ?")
                .param(actor.unitCode())
                .query(Long.class)
                .single();
    }

    /**
     * Marks a notice of the actor's unit read for them, with the unit's other notices of the last
     * day about the same record; its link, to go on to.
     */
    @org.springframework.transaction.annotation.Transactional
    java.util.Optional<String> read(long id, Actor actor) {
        var found = jdbc.sql("SELECT link, subject FROM notice WHERE id = ? AND unit_code = ?")
                .params(id, actor.unitCode())
                .query((rs, i) -> new String[] {rs.getString("link"), rs.getString("subject")})
                .optional();
        if (found.isPresent()) {
            String subject = found.get()[1];
            markRead(
                    recent(actor, true).stream()
                            .filter(n -> n.id() == id || n.subject().equals(subject))
                            .map(Notice::id)
                            .toList(),
                    actor);
        }
        return found.map(f -> f[0]);
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
