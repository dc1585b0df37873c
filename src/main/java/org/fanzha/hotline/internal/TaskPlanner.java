package org.fanzha.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import org.fanzha.hotline.HotlineProperties;
import org.fanzha.hotline.TaskKind;
import org.fanzha.hotline.TaskState;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningClosed;
import org.fanzha.warning.WarningOpened;
import org.fanzha.warning.WarningUpgraded;
import org.fanzha.warning.WarningsOpened;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns warning events into hotline work: every red and orange warning gets a call task; a
 * closed warning's open calls end; a dissuasion gets a follow-up call some days later; a person
 * who insists on paying gets a face-to-face visit.
 */
@Component
class TaskPlanner {

    private final TaskStore tasks;
    private final HotlineProperties properties;
    private final Clock clock;

    TaskPlanner(TaskStore tasks, HotlineProperties properties, Clock clock) {
        this.tasks = tasks;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    public void on(WarningOpened opened) {
        callIfUrgent(opened.warningId(), opened.unitCode(), opened.urgency());
    }

    @ApplicationModuleListener
    public void on(WarningsOpened opened) {
        Instant now = clock.instant();
        tasks.openAll(
                opened.warnings().stream()
                        .filter(w -> w.urgency() == Urgency.RED || w.urgency() == Urgency.ORANGE)
                        .map(w -> new TaskStore.NewTask(w.warningId(), TaskKind.CALL, w.unitCode(), w.urgency(), now))
                        .toList(),
                now);
    }

    @ApplicationModuleListener
    public void on(WarningUpgraded upgraded) {
        callIfUrgent(upgraded.warningId(), upgraded.unitCode(), upgraded.urgency());
    }

    @ApplicationModuleListener
    public void on(WarningClosed closed) {
        Instant now = clock.instant();
        for (var task : tasks.openOf(closed.warningId())) {
            if (task.kind() != TaskKind.VISIT || closed.outcome() != Outcome.PERSISTS) {
                tasks.finish(task.id(), TaskState.CANCELLED, "CLOSED_" + closed.outcome(), now);
            }
        }
        if (closed.outcome() == Outcome.DISSUADED) {
            tasks.open(
                    closed.warningId(),
                    TaskKind.FOLLOW_UP,
                    closed.unitCode(),
                    closed.urgency(),
                    closed.closedAt().plus(properties.followUpAfter()),
                    now);
        } else if (closed.outcome() == Outcome.PERSISTS) {
            tasks.open(closed.warningId(), TaskKind.VISIT, closed.unitCode(), Urgency.RED, now, now);
        }
    }

    private void callIfUrgent(long warningId, String unitCode, Urgency urgency) {
        if (urgency == Urgency.RED || urgency == Urgency.ORANGE) {
            Instant now = clock.instant();
            tasks.open(warningId, TaskKind.CALL, unitCode, urgency, now, now);
        }
    }
}
