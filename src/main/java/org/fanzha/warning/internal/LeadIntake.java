package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Notifier;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningOpened;
import org.fanzha.warning.WarningProperties;
import org.fanzha.warning.WarningState;
import org.fanzha.warning.WarningUpgraded;
import org.fanzha.warning.WarningsOpened;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a lead and files it into a warning, in one transaction: when it returns, the lead is
 * durably stored. Idempotent on (source, source id): a retried lead is acknowledged again with
 * the warning it went to and stored once. Leads for a phone with a joinable warning join it;
 * the unique merge key makes two concurrent leads for one phone, on any instance, open a single
 * warning (the loser of the race retries and joins).
 */
@Service
class LeadIntake {

    private static final int ATTEMPTS = 5;
    static final int CHUNK = 1000;

    record Ack(
            long leadId,
            long warningId,
            Urgency urgency,
            String unitCode,
            WarningState status,
            boolean duplicate,
            boolean opened,
            List<FieldError> ignored,
            @Nullable Object event) {}

    private final WarningStore store;
    private final UrgencyPolicy urgencyPolicy;
    private final RepeatTargets repeatTargets;
    private final RoutingPolicy routingPolicy;
    private final WarningProperties properties;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditLog audit;
    private final Notifier notifier;
    private final ApplicationEventPublisher events;
    private final BulkFiling bulk;

    LeadIntake(
            WarningStore store,
            UrgencyPolicy urgencyPolicy,
            RepeatTargets repeatTargets,
            RoutingPolicy routingPolicy,
            WarningProperties properties,
            TransactionTemplate tx,
            JsonMapper json,
            Clock clock,
            AuditLog audit,
            Notifier notifier,
            ApplicationEventPublisher events,
            BulkFiling bulk) {
        this.store = store;
        this.urgencyPolicy = urgencyPolicy;
        this.repeatTargets = repeatTargets;
        this.routingPolicy = routingPolicy;
        this.properties = properties;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
        this.notifier = notifier;
        this.events = events;
        this.bulk = bulk;
    }

    /**
     * One request's intake, for its audit record: who and from where, what it was (a lead's
     * source and id, a batch, a file), and how many of its rows were refused before filing.
     */
    record Request(AuditLog.Origin origin, String what, int rejected) {}

    /** The request of an actor, from the current request's address. */
    Request request(Actor actor, String what, int rejected) {
        String who = (actor.kind() == Actor.Kind.PARTNER ? "partner:" : "") + actor.name();
        return new Request(
                new AuditLog.Origin(who, actor.unitCode(), audit.origin().address()), what, rejected);
    }

    /**
     * Accepts one validated lead; the actor must already be allowed to speak for its source. The
     * request's audit record is written in the lead's transaction.
     */
    Ack accept(LeadValidator.Validated validated, Actor actor, Request request) {
        LeadInput lead = validated.lead();
        DataIntegrityViolationException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return tx.execute(status -> {
                    Ack ack = file(lead, actor, validated.ignored());
                    if (ack.event() != null) {
                        events.publishEvent(ack.event());
                    }
                    audit(request, List.of(ack), true);
                    return ack;
                });
            } catch (DataIntegrityViolationException race) {
                // another request stored the same lead, or opened the warning for this phone, first: look again
                last = race;
            }
        }
        throw last;
    }

    /**
     * Accepts many validated leads, {@link #CHUNK} to a transaction: a commit (and its wait for
     * the write-ahead log) per chunk instead of per lead. Should a chunk meet a concurrent request
     * for the same lead or phone, it is rolled back and filed lead by lead with {@link #accept}.
     * The answers come in the order of the leads, after their chunk committed.
     */
    List<Ack> acceptAll(List<LeadValidator.Validated> leads, Actor actor, Request request) {
        if (leads.isEmpty()) {
            tx.executeWithoutResult(status -> audit(request, List.of(), true));
            return List.of();
        }
        return acceptSubmitted(leads.stream()
                .map(v -> new BulkFiling.Submitted(v, actor, request))
                .toList());
    }

    /**
     * As {@link #acceptAll}, for leads of several requests (single requests filed together): each
     * transaction holds the audit record of every request whose leads it stores, so no lead is
     * ever stored without one, and a request that spans chunks has a record per chunk.
     */
    List<Ack> acceptSubmitted(List<BulkFiling.Submitted> leads) {
        List<Ack> acks = new java.util.ArrayList<>(leads.size());
        Set<Request> audited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int from = 0; from < leads.size(); from += CHUNK) {
            List<BulkFiling.Submitted> chunk = leads.subList(from, Math.min(leads.size(), from + CHUNK));
            List<Ack> done;
            try {
                done = tx.execute(status -> {
                    BulkFiling.Filed filed = bulk.file(chunk);
                    filed.red().forEach(this::notifyRed);
                    filed.upgraded().forEach(events::publishEvent);
                    if (!filed.opened().isEmpty()) {
                        events.publishEvent(new WarningsOpened(filed.opened()));
                    }
                    Map<Request, List<Ack>> byRequest = new IdentityHashMap<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        byRequest
                                .computeIfAbsent(chunk.get(i).request(), r -> new java.util.ArrayList<>())
                                .add(filed.acks().get(i));
                    }
                    byRequest.forEach((request, its) -> audit(request, its, !audited.contains(request)));
                    return filed.acks();
                });
                chunk.forEach(s -> audited.add(s.request()));
            } catch (DataIntegrityViolationException race) {
                done = new java.util.ArrayList<>(chunk.size());
                for (BulkFiling.Submitted s : chunk) {
                    done.add(accept(s.validated(), s.actor(), s.request()));
                }
            }
            acks.addAll(done);
        }
        return acks;
    }

    /** The audit record of a request's leads stored in the current transaction (its refused rows with the first). */
    private void audit(Request request, List<Ack> acks, boolean first) {
        long opened = acks.stream().filter(Ack::opened).count();
        long known = acks.stream().filter(Ack::duplicate).count();
        audit.recordInOutbox(
                request.origin(),
                "INTAKE",
                "lead",
                request.what(),
                acks.size() + " leads accepted (" + opened + " warnings opened, " + known + " already known), "
                        + (first ? request.rejected() : 0) + " rejected, from "
                        + request.origin().actor());
    }

    private void notifyRed(Warning w) {
        notifier.notify(new Notifier.Notice(
                w.unitCode(),
                "RED_WARNING",
                "warning " + w.id(),
                org.fanzha.platform.Texts.encode(
                        "notices.text.red",
                        w.id(),
                        "#urgency.rule." + w.urgencyRule(),
                        java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                                .withZone(java.time.ZoneId.of("Asia/Shanghai"))
                                .format(w.acknowledgeDue())),
                "/warnings/" + w.id()));
    }

    private Ack file(LeadInput lead, Actor actor, List<FieldError> ignored) {
        String enteredBy = (actor.kind() == Actor.Kind.PARTNER ? "partner:" : "") + actor.name();
        var existing =
                store.ackOf(WarningStore.submitter(enteredBy), lead.source().name(), lead.sourceId());
        if (existing.isPresent()) {
            var e = existing.get();
            return new Ack(e.leadId(), e.warningId(), e.urgency(), e.unitCode(), e.state(), true, false, ignored, null);
        }
        Instant now = clock.instant();
        UrgencyPolicy.Grade grade =
                repeatTargets.adjust(urgencyPolicy.grade(lead), lead, repeatTargets.among(List.of(lead), now));
        var deadline = properties.deadline(grade.urgency());
        String signals = json.writeValueAsString(lead.signals());

        var joinable = store.joinableForUpdate(lead.phone());
        if (joinable.isPresent()
                && joinable.get().openedAt().plus(properties.mergeWindow()).isAfter(now)) {
            Warning joined = joinable.get()
                    .join(grade.urgency(), grade.rule(), lead.amountAtRisk(), lead.fraudType(), now, deadline);
            store.update(joined);
            long leadId = store.insertLead(joined.id(), lead, signals, grade, now, enteredBy);
            store.event(
                    joined.id(),
                    now,
                    "LEAD",
                    enteredBy,
                    null,
                    null,
                    grade.urgency().name(),
                    org.fanzha.platform.Texts.encode(
                            "warning.event.lead",
                            "#source." + lead.source(),
                            lead.sourceId(),
                            "#urgency.rule." + grade.rule()));
            if (joined.urgency() == Urgency.RED && joinable.get().urgency() != Urgency.RED) {
                notifyRed(joined);
            }
            Object upgraded = joined.urgency().isHigherThan(joinable.get().urgency())
                    ? new WarningUpgraded(joined.id(), joined.unitCode(), joined.urgency())
                    : null;
            return new Ack(
                    leadId,
                    joined.id(),
                    joined.urgency(),
                    joined.unitCode(),
                    joined.state(),
                    false,
                    false,
                    ignored,
                    upgraded);
        }
        joinable.ifPresent(old -> store.stopJoining(old.id()));

        RoutingPolicy.Route route = routingPolicy.route(lead);
        Warning opened = Warning.opened(lead, grade, route, now, deadline);
        long warningId = store.insert(opened);
        long leadId = store.insertLead(warningId, lead, signals, grade, now, enteredBy);
        store.event(
                warningId,
                now,
                "LEAD",
                enteredBy,
                null,
                null,
                grade.urgency().name(),
                org.fanzha.platform.Texts.encode(
                        "warning.event.lead",
                        "#source." + lead.source(),
                        lead.sourceId(),
                        "#urgency.rule." + grade.rule()));
        store.event(
                warningId,
                now,
                "ASSIGNED",
                "system",
                route.unitCode(),
                null,
                null,
                org.fanzha.platform.Texts.join(
                        org.fanzha.platform.Texts.encode("route.via." + route.via()), route.basis()));
        if (grade.urgency() == Urgency.RED) {
            notifyRed(opened.withId(warningId));
        }
        return new Ack(
                leadId,
                warningId,
                grade.urgency(),
                route.unitCode(),
                WarningState.ASSIGNED,
                false,
                true,
                ignored,
                new WarningOpened(warningId, route.unitCode(), grade.urgency(), lead.fraudType()));
    }
}
