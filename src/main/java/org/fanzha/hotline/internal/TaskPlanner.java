package org.fanzha.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactRequested;
import org.fanzha.hotline.TaskKind;
import org.fanzha.hotline.TaskState;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningClosed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns contact plans and warning events into hotline work: a call task or a visit task when a
 * warning's contact plan hands the person to people (a red warning at once, an orange one when
 * the robot did not reach them); a closed warning's open calls end; a dissuasion gets a follow-up call some days later; a person
 * who insists on paying gets a face-to-face visit.
 */
@Component
class TaskPlanner {

    private final TaskStore tasks;
    private final VisitRouting visits;
    private final Clock clock;

    TaskPlanner(TaskStore tasks, VisitRouting visits, Clock clock) {
        this.tasks = tasks;
        this.visits = visits;
        this.clock = clock;
    }

    /** The contact plan hands a call or a visit to people: the operators' queue or the local officer's. */
    @ApplicationModuleListener
    public void on(ContactRequested requested) {
        Instant now = clock.instant();
        if (requested.followUp()) {
            tasks.open(requested.warningId(), TaskKind.FOLLOW_UP, requested.unitCode(), requested.urgency(), now, now);
        } else if (requested.channel() == Channel.VISIT) {
            visits.open(requested.warningId(), requested.unitCode(), requested.urgency(), now);
        } else {
            tasks.open(requested.warningId(), TaskKind.CALL, requested.unitCode(), requested.urgency(), now, now);
        }
    }

    @ApplicationModuleListener
    public void on(WarningClosed closed) {
        Instant now = clock.instant();
        for (var task : tasks.openOf(closed.warningId())) {
            if (task.kind() != TaskKind.VISIT || closed.outcome() != Outcome.PERSISTS) {
                tasks.finish(task.id(), TaskState.CANCELLED, "CLOSED_" + closed.outcome(), now);
            }
        }
        // follow-up calls (回访) come from the contact module's follow-ups (days 3, 14, 30)
        if (closed.outcome() == Outcome.PERSISTS) {
            visits.open(closed.warningId(), closed.unitCode(), Urgency.RED, now);
        }
    }
}
