package org.fanzha.contact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactProperties;
import org.fanzha.contact.RunWhen;
import org.fanzha.platform.FraudType;
import org.fanzha.warning.Urgency;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contact plans and their steps in the database. Every change to a warning's steps happens under
 * the lock of its plan row ({@link #lock}), taken first, so the step runner, the gateways'
 * answers and the warning's events never interleave on one warning; the runner passes over plans
 * another instance holds ({@code SKIP LOCKED}).
 */
@Repository
class ContactPlans {

    private final JdbcClient jdbc;

    ContactPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A warning's plan as it stands. */
    record Plan(
            long warningId,
            Urgency urgency,
            String unitCode,
            @Nullable FraudType fraudType,
            Instant openedAt,
            @Nullable Instant contactedAt,
            int humanFailures,
            int robotFailures,
            @Nullable Instant closedAt) {

        boolean contacted() {
            return contactedAt != null;
        }

        boolean active() {
            return contactedAt == null && closedAt == null;
        }
    }

    /** Makes the warning's plan unless it exists (an event delivered twice plans once); returns whether it made it. */
    boolean create(long warningId, Urgency urgency, String unitCode, @Nullable FraudType type, Instant openedAt) {
        return jdbc.sql("""
                        INSERT INTO contact_plan (warning_id, urgency, unit_code, fraud_type, opened_at, failures, robot_failures)
                        VALUES (?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING""")
                        .params(warningId, urgency.name(), unitCode, type == null ? null : type.name(), ts(openedAt))
                        .update()
                == 1;
    }

    Optional<Plan> lock(long warningId) {
        return jdbc.sql("SELECT * FROM contact_plan WHERE warning_id = ? FOR UPDATE")
                .param(warningId)
                .query(ContactPlans::plan)
                .optional();
    }

    /** Active plans with a step due, locked, passing over those another instance works on. */
    List<Plan> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT p.* FROM contact_plan p WHERE p.closed_at IS NULL AND EXISTS (
                            SELECT 1 FROM contact_step s WHERE s.warning_id = p.warning_id AND s.state = 'PENDING' AND s.due_at <= ?)
                        ORDER BY p.opened_at LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(now), limit).query(ContactPlans::plan).list();
    }

    void addSteps(long warningId, Urgency urgency, List<ContactProperties.Step> steps, Instant base, Instant now) {
        int position = 0;
        for (var step : steps) {
            Instant notBefore = base.plus(step.delay());
            jdbc.sql("""
                            INSERT INTO contact_step (warning_id, urgency, position, channel, run_when, failures_needed, failures_of,
                                not_before, due_at, state, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                    .params(
                            warningId,
                            urgency.name(),
                            position++,
                            step.channel().name(),
                            step.when().name(),
                            step.failures(),
                            step.of() == null ? null : step.of().name(),
                            ts(notBefore),
                            step.when() == RunWhen.AFTER_FAILURES ? null : ts(notBefore),
                            ts(now))
                    .update();
        }
    }

    List<ContactStep> steps(long warningId) {
        return jdbc.sql("SELECT * FROM contact_step WHERE warning_id = ? ORDER BY id")
                .param(warningId)
                .query(ContactPlans::step)
                .list();
    }

    Optional<ContactStep> step(long stepId) {
        return jdbc.sql("SELECT * FROM contact_step WHERE id = ?")
                .param(stepId)
                .query(ContactPlans::step)
                .optional();
    }

    /** The warning's steps due now, in plan order (the caller holds the plan's lock). */
    List<ContactStep> due(long warningId, Instant now) {
        return jdbc.sql("""
                        SELECT * FROM contact_step WHERE warning_id = ? AND state = 'PENDING' AND due_at <= ?
                        ORDER BY due_at, urgency, position""")
                .params(warningId, ts(now))
                .query(ContactPlans::step)
                .list();
    }

    void start(long stepId, @Nullable String gatewayRef, Instant at) {
        jdbc.sql(
                        "UPDATE contact_step SET state = 'IN_FLIGHT', gateway_ref = ?, started_at = ? WHERE id = ? AND state = 'PENDING'")
                .params(gatewayRef, ts(at), stepId)
                .update();
    }

    /** Ends a step that has not ended yet; returns whether it did (a receipt delivered twice ends it once). */
    boolean finish(long stepId, StepState state, String result, @Nullable String gatewayRef, Instant at) {
        return jdbc.sql("""
                        UPDATE contact_step SET state = ?, result = ?, gateway_ref = COALESCE(?, gateway_ref), finished_at = ?,
                            started_at = COALESCE(started_at, ?)
                        WHERE id = ? AND state IN ('PENDING', 'IN_FLIGHT')""")
                        .params(state.name(), result, gatewayRef, ts(at), ts(at), stepId)
                        .update()
                == 1;
    }

    /** Cancels waiting steps: all of them, or only those a confirmed contact makes unnecessary. */
    int cancelWaiting(long warningId, boolean allOfThem, String why, Instant at) {
        return jdbc.sql(
                        "UPDATE contact_step SET state = 'CANCELLED', result = ?, finished_at = ? WHERE warning_id = ? AND state = 'PENDING'"
                                + (allOfThem ? "" : " AND run_when <> 'ALWAYS'"))
                .params(why, ts(at), warningId)
                .update();
    }

    void release(long stepId, Instant dueAt) {
        jdbc.sql("UPDATE contact_step SET due_at = ? WHERE id = ? AND state = 'PENDING'")
                .params(ts(dueAt), stepId)
                .update();
    }

    /** The first operator's call or officer's visit of the plan, kept once. */
    void tried(long warningId, Channel by, Instant at) {
        String column = by == Channel.VISIT ? "first_visit_at" : "first_human_at";
        jdbc.sql("UPDATE contact_plan SET " + column + " = ? WHERE warning_id = ? AND " + column + " IS NULL")
                .params(ts(at), warningId)
                .update();
    }

    /** A waiting step taken over by a more urgent level's step of the same channel. */
    void retime(
            long stepId, Urgency urgency, RunWhen when, int failuresNeeded, @Nullable Channel of, Instant notBefore) {
        jdbc.sql("""
                        UPDATE contact_step SET urgency = ?, run_when = ?, failures_needed = ?, failures_of = ?, not_before = ?,
                            due_at = ?
                        WHERE id = ? AND state = 'PENDING'""")
                .params(
                        urgency.name(),
                        when.name(),
                        failuresNeeded,
                        of == null ? null : of.name(),
                        ts(notBefore),
                        // an AFTER_FAILURES step has no due time until its failures release it
                        when == RunWhen.AFTER_FAILURES ? null : ts(notBefore),
                        stepId)
                .update();
    }

    /** Failed steps of the channel (any channel when null), the operators' failed calls included. */
    int failures(Plan plan, @Nullable Channel of) {
        String sql = "SELECT COUNT(*) FROM contact_step WHERE warning_id = ? AND state = 'FAILED'"
                + (of == null ? "" : " AND channel = ?");
        var statement = jdbc.sql(sql).param(plan.warningId());
        if (of != null) {
            statement = statement.param(of.name());
        }
        int steps = statement.query(Integer.class).single();
        return steps + (of == null || of == Channel.HUMAN_CALL ? plan.humanFailures() : 0);
    }

    void contacted(long warningId, Channel by, Instant at) {
        jdbc.sql(
                        "UPDATE contact_plan SET contacted_at = ?, contacted_by = ? WHERE warning_id = ? AND contacted_at IS NULL")
                .params(ts(at), by.name(), warningId)
                .update();
    }

    void humanFailed(long warningId) {
        jdbc.sql("UPDATE contact_plan SET failures = failures + 1 WHERE warning_id = ?")
                .param(warningId)
                .update();
    }

    int robotFailed(long warningId) {
        jdbc.sql("UPDATE contact_plan SET robot_failures = robot_failures + 1 WHERE warning_id = ?")
                .param(warningId)
                .update();
        return jdbc.sql("SELECT robot_failures FROM contact_plan WHERE warning_id = ?")
                .param(warningId)
                .query(Integer.class)
                .single();
    }

    void raise(long warningId, Urgency urgency) {
        jdbc.sql("UPDATE contact_plan SET urgency = ? WHERE warning_id = ?")
                .params(urgency.name(), warningId)
                .update();
    }

    void close(long warningId, Instant at) {
        jdbc.sql("UPDATE contact_plan SET closed_at = ? WHERE warning_id = ? AND closed_at IS NULL")
                .params(ts(at), warningId)
                .update();
    }

    static Plan plan(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("fraud_type");
        return new Plan(
                rs.getLong("warning_id"),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getString("unit_code"),
                type == null ? null : FraudType.valueOf(type),
                instant(rs, "opened_at"),
                instant(rs, "contacted_at"),
                rs.getInt("failures"),
                rs.getInt("robot_failures"),
                instant(rs, "closed_at"));
    }

    static ContactStep step(ResultSet rs, int row) throws SQLException {
        String of = rs.getString("failures_of");
        return new ContactStep(
                rs.getLong("id"),
                rs.getLong("warning_id"),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getInt("position"),
                Channel.valueOf(rs.getString("channel")),
                RunWhen.valueOf(rs.getString("run_when")),
                rs.getInt("failures_needed"),
                of == null ? null : Channel.valueOf(of),
                instant(rs, "not_before"),
                instant(rs, "due_at"),
                StepState.valueOf(rs.getString("state")),
                rs.getString("result"),
                rs.getString("gateway_ref"));
    }

    static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @SuppressWarnings("NullAway")
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
