package org.fanzha.hotline.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fanzha.hotline.HotlineProperties;
import org.fanzha.hotline.TaskKind;
import org.fanzha.hotline.TaskState;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's workbench: take the next task (most urgent first, never two operators on one),
 * see the number and the call script, record each attempt; after the configured number of calls
 * that reach nobody, the person gets a face-to-face visit by the unit that covers them.
 */
@Service
class Workbench {

    static final Duration RETRY_AFTER = Duration.ofMinutes(2);

    static class TaskNotFound extends ProblemException {
        TaskNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "task-not-found",
                    "problem.taskNotFound.title",
                    "problem.taskNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static class NotYourTask extends ProblemException {
        NotYourTask(long id) {
            super(
                    HttpStatus.CONFLICT,
                    "not-your-task",
                    "problem.notYourTask.title",
                    "problem.notYourTask.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    record TaskView(
            long id,
            TaskKind kind,
            TaskState state,
            String unitCode,
            String urgency,
            Instant dueAt,
            int failedAttempts,
            @Nullable String takenBy,
            @Nullable String result,
            WarningSummary warning,
            @Nullable String phone,
            String script,
            List<TaskStore.Attempt> attempts,
            @Nullable Instant visitedAt,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude,
            @Nullable String bodyCameraRef,
            List<TaskStore.Photo> photos) {}

    private final TaskStore tasks;
    private final WarningDesk desk;
    private final HotlineProperties properties;
    private final MessageSource messages;
    private final Clock clock;

    private final org.fanzha.audit.AuditLog audit;

    private final org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch;
    private final org.fanzha.warning.WarningProperties warnings;

    Workbench(
            TaskStore tasks,
            WarningDesk desk,
            HotlineProperties properties,
            MessageSource messages,
            Clock clock,
            org.fanzha.audit.AuditLog audit,
            org.springframework.beans.factory.ObjectProvider<org.fanzha.warning.DispatchAdvice> dispatch,
            org.fanzha.warning.WarningProperties warnings) {
        this.dispatch = dispatch;
        this.warnings = warnings;
        this.audit = audit;
        this.tasks = tasks;
        this.desk = desk;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    Optional<TaskView> next(Locale locale) {
        Actor actor = Actors.requirePermission(Permission.HOTLINE_CALL);
        Instant now = clock.instant();
        var advice = dispatch.getIfAvailable();
        boolean byLoss = advice != null && advice.deciding().equals("EXPECTED_LOSS");
        var task = tasks.next(actor.name(), actor.unitCode(), now, byLoss, urgentBefore(now));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        if (!actor.name().equals(task.get().takenBy()) || task.get().state() != TaskState.TAKEN) {
            tasks.take(task.get().id(), actor.name(), now);
            dispatched(task.get(), actor.name(), advice, locale, now);
        }
        return Optional.of(view(tasks.find(task.get().id()).orElseThrow(), locale, true));
    }

    /** A task waiting longer than four fifths of its urgency's close deadline is about to miss it: due before these. */
    java.util.Map<String, Instant> urgentBefore(Instant now) {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        for (org.fanzha.warning.Urgency u : org.fanzha.warning.Urgency.values()) {
            out.put(
                    u.name(),
                    now.minus(warnings.deadline(u).close().multipliedBy(4).dividedBy(5)));
        }
        return out;
    }

    /** Which policy gave the operator this task, and why, on the warning's timeline. */
    private void dispatched(
            HotlineTask task,
            String operator,
            org.fanzha.warning.@Nullable DispatchAdvice advice,
            Locale locale,
            Instant now) {
        var a = advice == null ? null : advice.advise(task.warningId(), locale).orElse(null);
        if (a == null) {
            return;
        }
        String note = org.fanzha.platform.Texts.resolve(
                "dispatch.dispatched." + a.policy(),
                List.of(Math.round(a.payProbability() * 100), a.expectedLoss(), String.join("；", a.factors())),
                locale);
        desk.recordDispatch(task.warningId(), operator, a.policy(), note, now);
    }

    @Transactional
    TaskView get(long id, Locale locale) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        HotlineTask task = visible(id, actor);
        boolean callingIt = actor.name().equals(task.takenBy()) && task.state() == TaskState.TAKEN;
        return view(task, locale, callingIt);
    }

    @Transactional
    TaskView attempt(long id, ContactResult result, @Nullable String note, Locale locale) {
        Actor actor = Actors.requirePermission(Permission.HOTLINE_CALL);
        HotlineTask task = inHand(id, actor);
        Instant now = clock.instant();
        if (result == ContactResult.MET) {
            throw new InvalidInput("result", "error.callANSWEREDNOANSWERBUSYWRONG", result);
        }
        tasks.attempt(id, actor.name(), result.name(), note, now);
        if (task.kind() == TaskKind.CALL) {
            desk.contact(task.warningId(), ContactMethod.PHONE, result, note == null ? "" : note);
        }
        if (result != ContactResult.ANSWERED) {
            int failed = task.failedAttempts() + 1;
            if (failed >= properties.failedCallsBeforeVisit()) {
                tasks.failed(id, failed);
                tasks.finish(id, TaskState.DONE, "UNREACHED_BY_PHONE", now);
                if (task.kind() == TaskKind.CALL) {
                    tasks.open(task.warningId(), TaskKind.VISIT, task.unitCode(), task.urgency(), now, now);
                }
            } else {
                tasks.release(id, now.plus(RETRY_AFTER), failed);
            }
        }
        return view(tasks.find(id).orElseThrow(), locale, false);
    }

    @Transactional
    TaskView finish(long id, @Nullable Outcome outcome, @Nullable String note, Locale locale) {
        Actor actor = Actors.requirePermission(Permission.HOTLINE_CALL);
        HotlineTask task = inHand(id, actor);
        Instant now = clock.instant();
        if (task.kind() == TaskKind.CALL) {
            if (outcome == null) {
                throw InvalidInput.of("outcome", "error.outcomeToClose", null);
            }
            desk.close(task.warningId(), outcome, note == null ? "" : note);
            tasks.finish(id, TaskState.DONE, outcome.name(), now);
        } else {
            tasks.finish(id, TaskState.DONE, "FOLLOWED_UP", now);
            if (note != null) {
                tasks.attempt(id, actor.name(), "NOTE", note, now);
            }
        }
        return view(tasks.find(id).orElseThrow(), locale, false);
    }

    @Transactional
    void release(long id) {
        Actor actor = Actors.requirePermission(Permission.HOTLINE_CALL);
        HotlineTask task = inHand(id, actor);
        tasks.release(id, clock.instant(), task.failedAttempts());
    }

    @Transactional
    TaskView visit(
            long id,
            Instant visitedAt,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude,
            @Nullable String bodyCameraRef,
            boolean met,
            @Nullable String note,
            @Nullable byte[] photo,
            @Nullable String photoType,
            Locale locale) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        HotlineTask task =
                tasks.forUpdate(id).filter(t -> actor.covers(t.unitCode())).orElseThrow(() -> new TaskNotFound(id));
        if (task.kind() != TaskKind.VISIT || task.state() == TaskState.DONE || task.state() == TaskState.CANCELLED) {
            throw new InvalidInput("task", "error.openVisitTask", id);
        }
        // where the proof was taken: on the earth, whichever page or client sent it
        if (latitude != null && latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0
                || longitude != null && longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            throw new InvalidInput("latitude", "error.latitudeWithin90LongitudeWithin180", null);
        }
        if (bodyCameraRef != null && bodyCameraRef.length() > 100 || note != null && note.length() > 1000) {
            throw new InvalidInput("bodyCameraRef", "error.atMost100CharactersNote1000", null);
        }
        Instant now = clock.instant();
        if (visitedAt.isAfter(now.plusSeconds(300))
                || visitedAt.isBefore(task.createdAt().minusSeconds(60))) {
            throw new InvalidInput("visitedAt", "error.betweenTaskCreationNow", visitedAt);
        }
        tasks.visited(id, visitedAt, latitude, longitude, bodyCameraRef);
        if (photo != null && photoType != null) {
            tasks.photo(id, photoType, photo, actor.name(), now);
        }
        tasks.attempt(id, actor.name(), met ? "MET" : "NOT_MET", note, now);
        var warning = desk.summary(task.warningId());
        if (warning.isPresent() && warning.get().outcome() == null) {
            desk.contact(
                    task.warningId(),
                    ContactMethod.VISIT,
                    met ? ContactResult.MET : ContactResult.NO_ANSWER,
                    note == null ? "" : note);
        }
        tasks.finish(id, TaskState.DONE, met ? "VISITED" : "NOT_MET", now);
        // on record even when the warning was closed before the visit (then no contact is added to it)
        audit.record(
                "VISIT",
                "hotline_task",
                Long.toString(id),
                "warning " + task.warningId() + ": " + (met ? "met" : "not met")
                        + (latitude != null ? ", GPS" : "") + (bodyCameraRef != null ? ", body camera" : "")
                        + (photo != null ? ", photo" : ""));
        return view(tasks.find(id).orElseThrow(), locale, false);
    }

    @Transactional(readOnly = true)
    Map<String, Object> queue() {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        return Map.of("queued", tasks.queued(actor.unitCode(), clock.instant()));
    }

    @Transactional(readOnly = true)
    List<TaskView> visits(Locale locale) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        return tasks.visits(actor.unitCode(), 200).stream()
                .map(t -> view(t, locale, false))
                .toList();
    }

    /**
     * A visit photo, for staff whose jurisdiction covers the task's unit (else not found). A
     * photo shows the person and their home: every view is a full view of personal data, audited.
     */
    @Transactional
    TaskStore.PhotoBytes photo(long photoId) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        TaskStore.PhotoBytes photo = tasks.photoBytes(photoId)
                .filter(p -> tasks.find(p.taskId())
                        .filter(t -> actor.covers(t.unitCode()))
                        .isPresent())
                .orElseThrow(() -> new PhotoNotFound(photoId));
        audit.record(
                "VIEW", "visit_photo", Long.toString(photoId), "visit photo of task " + photo.taskId() + " viewed");
        return photo;
    }

    static class PhotoNotFound extends org.fanzha.platform.ProblemException {
        PhotoNotFound(long id) {
            super(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "photo-not-found",
                    "Photo not found",
                    "No visit photo " + id + " in your jurisdiction.");
        }
    }

    private HotlineTask visible(long id, Actor actor) {
        return tasks.find(id).filter(t -> actor.covers(t.unitCode())).orElseThrow(() -> new TaskNotFound(id));
    }

    private HotlineTask inHand(long id, Actor actor) {
        HotlineTask task =
                tasks.forUpdate(id).filter(t -> actor.covers(t.unitCode())).orElseThrow(() -> new TaskNotFound(id));
        if (task.state() != TaskState.TAKEN || !actor.name().equals(task.takenBy())) {
            throw new NotYourTask(id);
        }
        return task;
    }

    private TaskView view(HotlineTask t, Locale locale, boolean withPhone) {
        WarningSummary warning = desk.summary(t.warningId()).orElseThrow(() -> new TaskNotFound(t.id()));
        String phone = withPhone ? desk.phoneToCall(t.warningId(), "96110 " + t.kind() + " task " + t.id()) : null;
        // a follow-up call (回访) warns of the recovery scams that come after a fraud
        String type = t.kind() == TaskKind.FOLLOW_UP
                ? "FOLLOW_UP"
                : warning.fraudType() == null ? "OTHER" : warning.fraudType().name();
        String script = messages.getMessage(
                "script." + type, null, messages.getMessage("script.OTHER", null, "", locale), locale);
        return new TaskView(
                t.id(),
                t.kind(),
                t.state(),
                t.unitCode(),
                t.urgency().name(),
                t.dueAt(),
                t.failedAttempts(),
                t.takenBy(),
                t.result(),
                warning,
                phone,
                script,
                tasks.attempts(t.id()),
                t.visitedAt(),
                t.latitude(),
                t.longitude(),
                t.bodyCameraRef(),
                t.kind() == TaskKind.VISIT ? tasks.photosOf(t.id()) : List.of());
    }
}
