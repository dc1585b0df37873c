package org.fanzha.warning.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.fanzha.platform.Actor;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningOpened;
import org.fanzha.warning.WarningProperties;
import org.fanzha.warning.WarningUpgraded;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files a chunk of leads with a fixed number of statements, whatever its size: the same rules
 * as one lead at a time ({@link LeadIntake}), worked out in memory between one round of
 * look-ups (known source ids, joinable warnings locked, number segments) and one round of batch
 * writes. Runs inside the caller's transaction; a unique-key race with another request throws,
 * and the caller files the chunk lead by lead instead.
 */
@Component
class BulkFiling {

    /** A warning being worked on in this chunk. */
    private static final class Working {
        Warning warning;
        final boolean isNew;
        final Urgency urgencyBefore;

        Working(Warning warning, boolean isNew) {
            this.warning = warning;
            this.isNew = isNew;
            this.urgencyBefore = warning.urgency();
        }
    }

    record Filed(
            List<LeadIntake.Ack> acks, List<WarningOpened> opened, List<WarningUpgraded> upgraded, List<Warning> red) {}

    private final BulkStore bulk;
    private final UrgencyPolicy urgencyPolicy;
    private final RepeatTargets repeatTargets;
    private final RoutingPolicy routingPolicy;
    private final UnitResolver resolver;
    private final WarningProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    BulkFiling(
            BulkStore bulk,
            UrgencyPolicy urgencyPolicy,
            RepeatTargets repeatTargets,
            RoutingPolicy routingPolicy,
            UnitResolver resolver,
            WarningProperties properties,
            JsonMapper json,
            Clock clock) {
        this.bulk = bulk;
        this.urgencyPolicy = urgencyPolicy;
        this.repeatTargets = repeatTargets;
        this.routingPolicy = routingPolicy;
        this.resolver = resolver;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** A validated lead and who submitted it. */
    record Submitted(LeadValidator.Validated validated, Actor actor, LeadIntake.Request request) {

        LeadInput lead() {
            return validated.lead();
        }

        List<org.fanzha.platform.FieldError> ignored() {
            return validated.ignored();
        }

        String enteredBy() {
            return (actor.kind() == Actor.Kind.PARTNER ? "partner:" : "") + actor.name();
        }

        String submitter() {
            return WarningStore.submitter(enteredBy());
        }
    }

    Filed file(List<Submitted> chunk) {
        Instant now = clock.instant();

        Map<String, WarningStore.LeadAck> known = new HashMap<>();
        chunk.stream()
                .collect(Collectors.groupingBy(
                        v -> List.of(v.submitter(), v.lead().source().name()),
                        Collectors.mapping(v -> v.lead().sourceId(), Collectors.toSet())))
                .forEach((group, ids) -> known.putAll(bulk.acksOf(group.get(0), group.get(1), ids)));
        Set<String> phones = new LinkedHashSet<>();
        chunk.forEach(v -> phones.add(v.lead().phone()));
        Map<String, Warning> joinable = bulk.joinableForUpdate(phones);
        Set<String> toRoute = new LinkedHashSet<>();
        for (String phone : phones) {
            Warning j = joinable.get(phone);
            if (j == null || !withinWindow(j, now)) {
                toRoute.add(phone);
            }
        }
        Map<String, UnitResolution> attributions = resolver.byPhones(toRoute);
        Set<String> repeats =
                repeatTargets.among(chunk.stream().map(v -> v.lead()).toList(), now);

        Map<String, Working> working = new LinkedHashMap<>();
        List<Long> stopJoining = new ArrayList<>();
        List<BulkStore.LeadRow> leads = new ArrayList<>();
        List<Working> leadWarnings = new ArrayList<>();
        List<Object[]> pendingEvents = new ArrayList<>(); // {Working, kind, unit, result, note, actor}
        Map<String, Integer> firstInChunk = new HashMap<>();
        Object[] slots =
                new Object[chunk.size()]; // an Ack, or the index of the lead row, or the index of the first same lead

        for (int i = 0; i < chunk.size(); i++) {
            var v = chunk.get(i);
            LeadInput lead = v.lead();
            String enteredBy = v.enteredBy();
            String key = BulkStore.key(v.submitter(), lead.source().name(), lead.sourceId());
            WarningStore.LeadAck stored = known.get(key);
            if (stored != null) {
                slots[i] = new LeadIntake.Ack(
                        stored.leadId(),
                        stored.warningId(),
                        stored.urgency(),
                        stored.unitCode(),
                        stored.state(),
                        true,
                        false,
                        v.ignored(),
                        null);
                continue;
            }
            Integer first = firstInChunk.get(key);
            if (first != null) {
                slots[i] = -1 - first; // same lead twice in one chunk: acknowledged like a retry
                continue;
            }
            firstInChunk.put(key, i);
            UrgencyPolicy.Grade grade = repeatTargets.adjust(urgencyPolicy.grade(lead), lead, repeats);
            var deadline = properties.deadline(grade.urgency());
            Working w = working.get(lead.phone());
            boolean opening = false;
            if (w == null) {
                Warning j = joinable.get(lead.phone());
                if (j != null && withinWindow(j, now)) {
                    w = new Working(j, false);
                } else {
                    if (j != null) {
                        stopJoining.add(j.id());
                    }
                    RoutingPolicy.Route route = routingPolicy.route(lead, attributions.get(lead.phone()));
                    w = new Working(Warning.opened(lead, grade, route, now, deadline), true);
                    opening = true;
                    pendingEvents.add(new Object[] {
                        w, "ASSIGNED", route.unitCode(), null, route.via() + ": " + route.basis(), "system"
                    });
                }
                working.put(lead.phone(), w);
            }
            // the lead that opens a warning is already in it; further ones join
            if (!opening) {
                w.warning = w.warning.join(
                        grade.urgency(), grade.rule(), lead.amountAtRisk(), lead.fraudType(), now, deadline);
            }
            leads.add(new BulkStore.LeadRow(lead, json.writeValueAsString(lead.signals()), grade, now, enteredBy));
            leadWarnings.add(w);
            // on a new warning's timeline the lead comes before its assignment, as in single intake
            pendingEvents.add(opening ? pendingEvents.size() - 1 : pendingEvents.size(), new Object[] {
                w,
                "LEAD",
                null,
                grade.urgency().name(),
                org.fanzha.platform.Texts.encode(
                        "warning.event.lead",
                        "#source." + lead.source(),
                        lead.sourceId(),
                        "#urgency.rule." + grade.rule()),
                enteredBy
            });
            slots[i] = leads.size() - 1;
        }

        bulk.stopJoining(stopJoining);
        List<Working> fresh = working.values().stream().filter(w -> w.isNew).toList();
        List<Long> ids = bulk.insert(fresh.stream().map(w -> w.warning).toList());
        for (int k = 0; k < fresh.size(); k++) {
            fresh.get(k).warning = fresh.get(k).warning.withId(ids.get(k));
        }
        bulk.update(working.values().stream()
                .filter(w -> !w.isNew)
                .map(w -> w.warning)
                .toList());
        List<Long> leadIds = bulk.insertLeads(
                leads, leadWarnings.stream().map(w -> w.warning.id()).toList());
        List<BulkStore.EventRow> events = new ArrayList<>();
        for (Object[] e : pendingEvents) {
            Working w = (Working) e[0];
            events.add(new BulkStore.EventRow(
                    w.warning.id(), now, (String) e[1], (String) e[5], (String) e[2], (String) e[3], (String) e[4]));
        }
        bulk.insertEvents(events);
        bulk.changed(working.values().stream().map(w -> w.warning).toList(), now);

        List<LeadIntake.Ack> acks = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Object slot = slots[i];
            if (slot instanceof LeadIntake.Ack ack) {
                acks.add(ack);
            } else {
                int index = (Integer) slot;
                if (index < 0) {
                    LeadIntake.Ack firstAck = acks.get(-1 - index);
                    acks.add(new LeadIntake.Ack(
                            firstAck.leadId(),
                            firstAck.warningId(),
                            firstAck.urgency(),
                            firstAck.unitCode(),
                            firstAck.status(),
                            true,
                            false,
                            chunk.get(i).ignored(),
                            null));
                } else {
                    Working w = leadWarnings.get(index);
                    boolean opened = w.isNew && leadsBefore(leadWarnings, index, w);
                    acks.add(new LeadIntake.Ack(
                            leadIds.get(index),
                            w.warning.id(),
                            w.warning.urgency(),
                            w.warning.unitCode(),
                            w.warning.state(),
                            false,
                            opened,
                            chunk.get(i).ignored(),
                            null));
                }
            }
        }
        List<WarningOpened> opened = new ArrayList<>();
        List<WarningUpgraded> upgraded = new ArrayList<>();
        List<Warning> red = new ArrayList<>();
        for (Working w : working.values()) {
            if (w.isNew) {
                opened.add(new WarningOpened(
                        w.warning.id(), w.warning.unitCode(), w.warning.urgency(), w.warning.fraudType()));
                if (w.warning.urgency() == Urgency.RED) {
                    red.add(w.warning);
                }
            } else if (w.warning.urgency().isHigherThan(w.urgencyBefore)) {
                upgraded.add(new WarningUpgraded(w.warning.id(), w.warning.unitCode(), w.warning.urgency()));
                if (w.warning.urgency() == Urgency.RED) {
                    red.add(w.warning);
                }
            }
        }
        return new Filed(acks, opened, upgraded, red);
    }

    /** True for the first lead of a new warning: that lead opened it. */
    private static boolean leadsBefore(List<Working> leadWarnings, int index, Working w) {
        for (int k = 0; k < index; k++) {
            if (leadWarnings.get(k) == w) {
                return false;
            }
        }
        return true;
    }

    private boolean withinWindow(Warning warning, Instant now) {
        return warning.openedAt().plus(properties.mergeWindow()).isAfter(now);
    }
}
