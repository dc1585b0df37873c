package org.fanzha.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.fanzha.divisions.Divisions;
import org.fanzha.hotline.HotlineProperties;
import org.fanzha.platform.Notifier;
import org.fanzha.platform.Texts;
import org.fanzha.staff.Grid;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 一村一警: a visit goes to the community officer of the person's village (then the township's
 * station, then the county's queue), who is told at once (in the app and by SMS), and is due
 * within the urgency's visit deadline (red 2 h, orange 24 h). A visit not made in time goes a level
 * up, like an unacknowledged warning: the village's officer → the township's → the county's duty.
 */
@Component
class VisitRouting {

    private static final Logger log = LoggerFactory.getLogger(VisitRouting.class);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final TaskStore tasks;
    private final Grid grid;
    private final WarningDesk desk;
    private final Divisions divisions;
    private final Notifier notifier;
    private final HotlineProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    VisitRouting(
            TaskStore tasks,
            Grid grid,
            WarningDesk desk,
            Divisions divisions,
            Notifier notifier,
            HotlineProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.tasks = tasks;
        this.grid = grid;
        this.desk = desk;
        this.divisions = divisions;
        this.notifier = notifier;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Opens the visit for the warning's person and sends it to their village's officer (in the caller's transaction). */
    void open(long warningId, String unitCode, Urgency urgency, Instant now) {
        Optional<Long> made = tasks.open(warningId, org.fanzha.hotline.TaskKind.VISIT, unitCode, urgency, now, now);
        if (made.isEmpty()) {
            return;
        }
        Instant due = now.plus(properties.visitDeadline(urgency));
        String division = desk.personOf(warningId)
                .map(WarningDesk.WarningPerson::divisionCode)
                .orElse(null);
        var officer = division == null ? Optional.<Grid.Officer>empty() : grid.officerFor(division);
        // the officer's village or township lies on the way from the warning's unit to the person
        if (officer.isEmpty()
                || !(officer.get().divisionCode().startsWith(unitCode)
                        || unitCode.startsWith(officer.get().divisionCode()))) {
            tasks.route(made.get(), null, null, due);
            return;
        }
        tasks.route(made.get(), officer.get().username(), officer.get().divisionCode(), due);
        tell(warningId, unitCode, urgency, officer.get(), due, "VISIT_ASSIGNED");
    }

    private void tell(
            long warningId, String unitCode, Urgency urgency, Grid.Officer officer, Instant due, String kind) {
        String place = divisions.find(officer.divisionCode()).map(d -> d.name()).orElse(officer.divisionCode());
        notifier.notify(new Notifier.Notice(
                unitCode,
                kind,
                "warning " + warningId,
                Texts.encode("notices.text.visit", "#urgency." + urgency.name(), warningId, place, HOUR.format(due)),
                "/m/visits",
                officer.username()));
    }

    @Scheduled(fixedDelayString = "${fanzha.hotline.visit-escalation-interval:1m}")
    void escalate() {
        try {
            tx.executeWithoutResult(s -> {
                Instant now = clock.instant();
                for (HotlineTask task : tasks.overdueVisits(now, 200)) {
                    up(task, now);
                }
            });
        } catch (RuntimeException e) {
            log.error("Visits: escalation round failed; the next one retries", e);
        }
    }

    /** An overdue visit to the next level: a village's to its township's officer, a township's to the county. */
    void up(HotlineTask task, Instant now) {
        Instant due = now.plus(properties.visitDeadline(task.urgency()));
        String from = task.routeDivision();
        Optional<Grid.Officer> next = from != null && from.length() == 12
                ? grid.officerFor(from.substring(0, 9))
                        .filter(o -> !o.username().equals(task.assignedTo()))
                : Optional.empty();
        String fromName =
                from == null ? "" : divisions.find(from).map(d -> d.name()).orElse(from);
        if (next.isPresent()) {
            tasks.route(task.id(), next.get().username(), next.get().divisionCode(), due);
            tell(task.warningId(), task.unitCode(), task.urgency(), next.get(), due, "VISIT_OVERDUE");
        } else {
            tasks.route(task.id(), null, null, due);
            notifier.notify(new Notifier.Notice(
                    task.unitCode(),
                    "VISIT_OVERDUE",
                    "warning " + task.warningId(),
                    Texts.encode(
                            "notices.text.visitOverdue",
                            "#urgency." + task.urgency().name(),
                            task.warningId(),
                            fromName),
                    "/hotline/tasks/" + task.id()));
        }
        log.info(
                "Visit task {} overdue at {}: now {}",
                task.id(),
                from,
                next.map(Grid.Officer::username).orElse(task.unitCode()));
    }
}
