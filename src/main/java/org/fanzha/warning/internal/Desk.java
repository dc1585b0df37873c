package org.fanzha.warning.internal;

import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Masking;
import org.fanzha.platform.Permission;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningNotFound;
import org.fanzha.warning.WarningSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class Desk implements WarningDesk {

    private final WarningStore store;
    private final WarningPeople people;
    private final WarningActions actions;
    private final AuditLog audit;
    private final tools.jackson.databind.json.JsonMapper json;

    private final org.fanzha.warning.WarningProperties properties;
    private final java.time.Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Desk(
            WarningStore store,
            WarningPeople people,
            WarningActions actions,
            AuditLog audit,
            tools.jackson.databind.json.JsonMapper json,
            org.fanzha.warning.WarningProperties properties,
            org.springframework.context.ApplicationEventPublisher events,
            java.time.Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.store = store;
        this.people = people;
        this.actions = actions;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Set<Long> awaitingAcknowledgement(java.util.Collection<Long> warningIds) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        return people.awaitingAcknowledgement(warningIds, actor.unitCode());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WarningSummary> summary(long warningId) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        return store.find(warningId, actor.unitCode())
                .map(w -> new WarningSummary(
                        w.id(),
                        Masking.phone(w.phone()),
                        w.fraudType(),
                        w.urgency(),
                        w.unitCode(),
                        w.state(),
                        w.outcome(),
                        w.amountAtRisk(),
                        w.openedAt(),
                        Masking.address(w.address())));
    }

    @Override
    @Transactional
    public String phoneToCall(long warningId, String purpose) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_WORK);
        var warning = store.find(warningId, actor.unitCode()).orElseThrow(() -> new WarningNotFound(warningId));
        audit.record("VIEW", "warning", Long.toString(warningId), "full phone; " + purpose);
        return warning.phone();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WarningPerson> personOf(long warningId) {
        return Optional.ofNullable(people.persons(java.util.List.of(warningId)).get(warningId));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<java.util.Map.Entry<String, String>> counterpartsOf(long warningId) {
        java.util.Set<java.util.Map.Entry<String, String>> found = new java.util.LinkedHashSet<>();
        for (var lead : store.leads(warningId)) {
            for (var signal : json.readTree(lead.signals())) {
                add(found, "PHONE", signal.get("counterpart"));
                add(found, "ACCOUNT", signal.get("account"));
                add(found, "URL", signal.get("url"));
                add(found, "APP", signal.get("app"));
            }
        }
        return java.util.List.copyOf(found);
    }

    private static void add(
            java.util.Set<java.util.Map.Entry<String, String>> found,
            String kind,
            tools.jackson.databind.@org.jspecify.annotations.Nullable JsonNode value) {
        if (value != null && !value.isNull() && !value.asText().isBlank()) {
            found.add(java.util.Map.entry(kind, value.asText().strip()));
        }
    }

    @Override
    public void contact(long warningId, ContactMethod method, ContactResult result, String note) {
        actions.contact(warningId, method, result, note);
    }

    @Override
    public void close(long warningId, Outcome outcome, String note) {
        actions.close(warningId, outcome, note);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, WarningPerson> personsOf(java.util.Collection<Long> warningIds) {
        return people.persons(warningIds);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> openWarningOf(String phone) {
        return people.newestOpenOf(phone);
    }

    @Override
    @Transactional
    public void recordAttempt(org.fanzha.warning.ContactAttempt attempt) {
        store.event(
                attempt.warningId(),
                attempt.at(),
                "CONTACT",
                "system",
                null,
                attempt.channel(),
                attempt.result(),
                attempt.note(),
                attempt.gatewayRef());
    }

    @Override
    @Transactional
    public void recordDispatch(long warningId, String operator, String policy, String note, java.time.Instant at) {
        store.event(
                warningId,
                at,
                "DISPATCHED",
                operator,
                null,
                null,
                policy,
                note.length() > 1000 ? note.substring(0, 1000) : note);
    }

    @Override
    @Transactional
    public boolean upgrade(long warningId, String rule, String reasonKey) {
        var warning = store.forUpdate(warningId).orElseThrow(() -> new WarningNotFound(warningId));
        if (!warning.isOpen() || warning.urgency() == org.fanzha.warning.Urgency.RED) {
            return false;
        }
        java.time.Instant now = clock.instant();
        var raised =
                warning.upgrade(rule, now, properties.deadline(warning.urgency().raised()));
        store.update(raised);
        store.changed(warningId, raised.unitCode());
        store.event(
                warningId,
                now,
                "UPGRADED",
                "system",
                raised.unitCode(),
                null,
                raised.urgency().name(),
                org.fanzha.platform.Texts.encode(reasonKey));
        events.publishEvent(new org.fanzha.warning.WarningUpgraded(warningId, raised.unitCode(), raised.urgency()));
        return true;
    }
}
