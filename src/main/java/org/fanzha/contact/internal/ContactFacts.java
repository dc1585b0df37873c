package org.fanzha.contact.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts of reaching people for performance evaluation, for the unit that held the warning
 * when its plan began: warning SMS ended and delivered, robot calls reported and answered, plans
 * begun and those that handed the person to an operator or an officer, and per plan the seconds
 * to the first attempt and to the first confirmed contact (as {@link ReachReport} counts them).
 */
@Component
class ContactFacts implements FactSource {

    private final JdbcTemplate jdbc;
    private final ReachReport reach;

    ContactFacts(JdbcTemplate jdbc, ReachReport reach) {
        this.jdbc = jdbc;
        this.reach = reach;
    }

    @Override
    public Set<FactKind> kinds() {
        return EnumSet.of(
                FactKind.SMS_ENDED,
                FactKind.SMS_DELIVERED,
                FactKind.ROBOT_CALLS,
                FactKind.ROBOT_CONNECTED,
                FactKind.CONTACT_PLANS,
                FactKind.HANDED_TO_HUMAN,
                FactKind.FIRST_ATTEMPT_SECONDS,
                FactKind.FIRST_CONTACT_SECONDS,
                FactKind.ATTEMPT_SECONDS_SMS,
                FactKind.ATTEMPT_SECONDS_ROBOT,
                FactKind.ATTEMPT_SECONDS_HUMAN,
                FactKind.ATTEMPT_SECONDS_VISIT,
                FactKind.CONTACT_SECONDS_ROBOT,
                FactKind.CONTACT_SECONDS_HUMAN,
                FactKind.CONTACT_SECONDS_VISIT);
    }

    /** The first attempt by a channel, and a confirmed contact it made. */
    static FactKind attempt(org.fanzha.contact.Channel c) {
        return switch (c) {
            case SMS -> FactKind.ATTEMPT_SECONDS_SMS;
            case ROBOT_CALL -> FactKind.ATTEMPT_SECONDS_ROBOT;
            case HUMAN_CALL -> FactKind.ATTEMPT_SECONDS_HUMAN;
            case VISIT -> FactKind.ATTEMPT_SECONDS_VISIT;
        };
    }

    static @org.jspecify.annotations.Nullable FactKind contact(@org.jspecify.annotations.Nullable String channel) {
        if (channel == null) {
            return null;
        }
        return switch (channel) {
            case "ROBOT_CALL" -> FactKind.CONTACT_SECONDS_ROBOT;
            case "HUMAN_CALL" -> FactKind.CONTACT_SECONDS_HUMAN;
            case "VISIT" -> FactKind.CONTACT_SECONDS_VISIT;
            default -> null;
        };
    }

    @Override
    public Optional<LocalDate> firstDay() {
        Timestamp first = jdbc.queryForObject("SELECT MIN(opened_at) FROM contact_plan", Timestamp.class);
        return Optional.ofNullable(first).map(t -> FactSource.day(t.toInstant()));
    }

    @Override
    public void facts(LocalDate from, LocalDate to, Sink sink) {
        Timestamp start = Timestamp.from(FactSource.start(from));
        Timestamp end = Timestamp.from(FactSource.start(to.plusDays(1)));
        jdbc.query(
                """
                SELECT p.unit_code, m.finished_at, m.state FROM sms_message m JOIN contact_plan p ON p.warning_id = m.warning_id
                WHERE m.purpose = 'WARNING' AND m.finished_at >= ? AND m.finished_at < ?""",
                rs -> {
                    LocalDate day = FactSource.day(rs.getTimestamp(2).toInstant());
                    sink.add(FactKind.SMS_ENDED, rs.getString(1), day, 1);
                    if ("DELIVERED".equals(rs.getString(3))) {
                        sink.add(FactKind.SMS_DELIVERED, rs.getString(1), day, 1);
                    }
                },
                start,
                end);
        jdbc.query(
                """
                SELECT p.unit_code, c.finished_at, c.result FROM voice_call c JOIN contact_plan p ON p.warning_id = c.warning_id
                WHERE c.purpose = 'WARNING' AND c.state = 'ENDED' AND c.finished_at >= ? AND c.finished_at < ?""",
                rs -> {
                    LocalDate day = FactSource.day(rs.getTimestamp(2).toInstant());
                    sink.add(FactKind.ROBOT_CALLS, rs.getString(1), day, 1);
                    String result = rs.getString(3);
                    if ("ANSWERED_SAFE".equals(result) || "ANSWERED_AT_RISK".equals(result)) {
                        sink.add(FactKind.ROBOT_CONNECTED, rs.getString(1), day, 1);
                    }
                },
                start,
                end);
        jdbc.query(
                """
                SELECT p.unit_code, p.opened_at, (SELECT COUNT(*) FROM contact_step s WHERE s.warning_id = p.warning_id
                    AND s.channel IN ('HUMAN_CALL', 'VISIT') AND s.state = 'DONE') FROM contact_plan p
                WHERE p.opened_at >= ? AND p.opened_at < ?""",
                rs -> {
                    LocalDate day = FactSource.day(rs.getTimestamp(2).toInstant());
                    sink.add(FactKind.CONTACT_PLANS, rs.getString(1), day, 1);
                    if (rs.getLong(3) > 0) {
                        sink.add(FactKind.HANDED_TO_HUMAN, rs.getString(1), day, BigDecimal.ONE, null);
                    }
                },
                start,
                end);
        for (ReachReport.Reached p : reach.reached("", from, to)) {
            LocalDate day = FactSource.day(p.openedAt());
            p.firstAttemptSeconds()
                    .ifPresent(sec ->
                            sink.add(FactKind.FIRST_ATTEMPT_SECONDS, p.unit(), day, BigDecimal.valueOf(sec), null));
            p.contactSeconds()
                    .ifPresent(sec ->
                            sink.add(FactKind.FIRST_CONTACT_SECONDS, p.unit(), day, BigDecimal.valueOf(sec), null));
            p.tried()
                    .forEach((channel, at) -> sink.add(
                            attempt(channel),
                            p.unit(),
                            day,
                            BigDecimal.valueOf(ReachReport.seconds(p.openedAt(), at)),
                            null));
            FactKind by = contact(p.contactedBy());
            if (by != null) {
                p.contactSeconds().ifPresent(sec -> sink.add(by, p.unit(), day, BigDecimal.valueOf(sec), null));
            }
        }
    }

    /**
     * Messages, calls and steps end, and people are first called, visited or reached, after the day
     * their plan began: those days are recomputed.
     */
    @Override
    public Set<LocalDate> changedDays(java.time.Instant since) {
        Set<LocalDate> days = new java.util.HashSet<>();
        jdbc.query(
                "SELECT DISTINCT opened_at FROM contact_plan WHERE opened_at < ? AND (contacted_at >= ?"
                        + " OR first_human_at >= ? OR first_visit_at >= ?)",
                rs -> {
                    days.add(FactSource.day(rs.getTimestamp(1).toInstant()));
                },
                Timestamp.from(since),
                Timestamp.from(since),
                Timestamp.from(since),
                Timestamp.from(since));
        jdbc.query(
                "SELECT DISTINCT p.opened_at FROM contact_plan p JOIN contact_step s ON s.warning_id = p.warning_id"
                        + " WHERE s.finished_at >= ? AND p.opened_at < ?",
                rs -> {
                    days.add(FactSource.day(rs.getTimestamp(1).toInstant()));
                },
                Timestamp.from(since),
                Timestamp.from(since));
        return days;
    }
}
