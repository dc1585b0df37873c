package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fanzha.platform.Actor;
import org.fanzha.platform.ActorHolder;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Simulated officers for the demo: the generated work of the cities no demo account belongs to is
 * acknowledged within its deadline and worked to an outcome a few minutes later, through the real
 * actions, so the province desk sees a realistic day instead of every generated warning escalating
 * to it. 郑州 and 洛阳 (where the demo accounts are) keep their warnings for people to work.
 * Demo profile only.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty(name = "fanzha.demo.officers", matchIfMissing = true)
class DemoOfficers {

    private static final Logger log = LoggerFactory.getLogger(DemoOfficers.class);
    /** Units people try the demo in: their warnings are left to them. */
    private static final List<String> LEFT_TO_PEOPLE = List.of("4101", "4103");

    private record Officer(Actor actor) implements ActorHolder {}

    private final WarningActions actions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Random random = new Random();

    DemoOfficers(WarningActions actions, JdbcClient jdbc, Clock clock) {
        this.actions = actions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${fanzha.demo.officers-interval:20s}",
            fixedDelayString = "${fanzha.demo.officers-interval:20s}")
    void work() {
        Instant now = clock.instant();
        // acknowledged one to three minutes after assignment, inside even a red warning's five minutes
        for (var row : due("ASSIGNED", now.minus(Duration.ofSeconds(60 + random.nextInt(120))))) {
            as(row.unit(), () -> actions.acknowledge(row.id(), null));
        }
        // worked to an outcome some minutes after acknowledgement
        for (var row : due("ACKNOWLEDGED", now.minus(Duration.ofMinutes(3 + random.nextInt(10))))) {
            as(row.unit(), () -> {
                boolean reached = random.nextInt(10) < 8;
                actions.contact(
                        row.id(),
                        ContactMethod.PHONE,
                        reached ? ContactResult.ANSWERED : ContactResult.NO_ANSWER,
                        reached ? "已电话劝阻（模拟民警）" : "无人接听（模拟民警）");
                int r = random.nextInt(20);
                Outcome outcome = !reached
                        ? Outcome.UNREACHABLE
                        : r < 15
                                ? Outcome.DISSUADED
                                : r < 17 ? Outcome.NOT_AT_RISK : r < 19 ? Outcome.FALSE_ALARM : Outcome.PERSISTS;
                actions.close(row.id(), outcome, "模拟民警处置");
            });
        }
    }

    private record Due(long id, String unit) {}

    /** Warnings in the state since before the time, in units the simulated officers work, oldest first. */
    private List<Due> due(String state, Instant before) {
        String field = state.equals("ASSIGNED") ? "assigned_at" : "acknowledged_at";
        return jdbc.sql("SELECT id, unit_code FROM warning WHERE state = ? AND " + field + " < ?"
                        + " AND unit_code NOT LIKE ? AND unit_code NOT LIKE ? AND LENGTH(unit_code) > 2"
                        + " ORDER BY " + field + " LIMIT 50")
                .params(
                        state,
                        java.sql.Timestamp.from(before),
                        LEFT_TO_PEOPLE.get(0) + "%",
                        LEFT_TO_PEOPLE.get(1) + "%")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2)))
                .list();
    }

    private void as(String unit, Runnable action) {
        Actor officer = new Actor(
                Actor.Kind.STAFF,
                0,
                "demo-officer-" + unit,
                "模拟民警",
                unit,
                Set.of(),
                EnumSet.of(Permission.WARNINGS_READ, Permission.WARNINGS_WORK),
                EnumSet.allOf(Source.class));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(new Officer(officer), null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            action.run();
        } catch (ProblemException e) {
            // someone (or an escalation) got there first: nothing to do
            log.debug("demo officer of {}: {}", unit, e.getMessage());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
