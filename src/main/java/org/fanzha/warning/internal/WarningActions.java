package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Instant;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionNotFound;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningClosed;
import org.fanzha.warning.WarningContacted;
import org.fanzha.warning.WarningNotFound;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working a warning: acknowledge, reassign down the tree, record contacts, close with an outcome.
 * Each action locks the warning, checks the caller's jurisdiction and the state, records who,
 * when and a note on the timeline, and is audited; closing publishes {@link WarningClosed}.
 */
@Service
class WarningActions {

    private final WarningStore store;
    private final Divisions divisions;
    private final WarningProperties properties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WarningActions(
            WarningStore store,
            Divisions divisions,
            WarningProperties properties,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.divisions = divisions;
        this.properties = properties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Warning acknowledge(long id, @Nullable String note) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        Warning warning = locked(id, actor);
        Instant now = clock.instant();
        Warning done = warning.acknowledge(now);
        store.update(done);
        store.event(id, now, "ACKNOWLEDGED", actor.name(), actor.unitCode(), null, null, note);
        audit.record("ACKNOWLEDGE", "warning", Long.toString(id), note == null ? "" : note);
        return done;
    }

    @Transactional
    Warning assign(long id, String unitCode, @Nullable String note) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_ASSIGN);
        Warning warning = locked(id, actor);
        Division unit;
        try {
            unit = divisions.get(unitCode);
        } catch (DivisionNotFound | InvalidInput e) {
            throw new InvalidInput("unitCode", "error.noSuchUnit", unitCode.length() > 20 ? null : unitCode);
        }
        if (!unit.unit() || !actor.covers(unit.code())) {
            throw new InvalidInput("unitCode", "error.unitWithinYourJurisdiction", unitCode);
        }
        Instant now = clock.instant();
        Warning done = warning.assign(unit.code(), now, properties.deadline(warning.urgency()));
        store.update(done);
        store.changed(id, warning.unitCode());
        store.event(id, now, "ASSIGNED", actor.name(), unit.code(), null, null, note);
        audit.record("ASSIGN", "warning", Long.toString(id), warning.unitCode() + " → " + unit.code());
        return done;
    }

    @Transactional
    Warning contact(long id, ContactMethod method, ContactResult result, @Nullable String note) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        Warning warning = locked(id, actor);
        Instant now = clock.instant();
        Warning done = warning.contact(now);
        store.update(done);
        if (warning.acknowledgedAt() == null) {
            store.event(id, now, "ACKNOWLEDGED", actor.name(), actor.unitCode(), null, null, "by contact");
        }
        store.event(id, now, "CONTACT", actor.name(), actor.unitCode(), method.name(), result.name(), note);
        audit.record("CONTACT", "warning", Long.toString(id), method + " " + result);
        events.publishEvent(new WarningContacted(
                id, method, result, result == ContactResult.ANSWERED || result == ContactResult.MET, now));
        return done;
    }

    @Transactional
    Warning close(long id, Outcome outcome, @Nullable String note) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        Warning warning = locked(id, actor);
        Instant now = clock.instant();
        Warning done = warning.close(outcome, now);
        store.update(done);
        store.event(id, now, "CLOSED", actor.name(), actor.unitCode(), null, outcome.name(), note);
        audit.record("CLOSE", "warning", Long.toString(id), outcome.name());
        events.publishEvent(new WarningClosed(
                id,
                done.unitCode(),
                outcome,
                done.urgency(),
                done.fraudType(),
                done.amountAtRisk(),
                done.openedAt(),
                now));
        return done;
    }

    private Warning locked(long id, Actor actor) {
        return store.forUpdate(id).filter(w -> actor.covers(w.unitCode())).orElseThrow(() -> new WarningNotFound(id));
    }
}
