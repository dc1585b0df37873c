package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.fanzha.platform.FraudType;
import org.fanzha.warning.IllegalTransition;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties.Deadline;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;

/**
 * A warning: one potential victim, the leads grouped for them, the unit working it. Each
 * transition checks the state and returns the changed warning; an illegal one throws
 * {@link IllegalTransition}.
 */
record Warning(
        long id,
        String phone,
        @Nullable String idNumber,
        @Nullable String name,
        @Nullable String address,
        @Nullable FraudType fraudType,
        Urgency urgency,
        String urgencyRule,
        String unitCode,
        String routedVia,
        String routingBasis,
        boolean outOfProvince,
        @Nullable String personProvince,
        WarningState state,
        @Nullable Outcome outcome,
        @Nullable BigDecimal amountAtRisk,
        int leadCount,
        Instant openedAt,
        Instant lastLeadAt,
        Instant assignedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant closedAt,
        @Nullable Instant acknowledgeDue,
        @Nullable Instant closeDue,
        int escalations) {

    private static final Set<WarningState> OPEN =
            EnumSet.of(WarningState.ASSIGNED, WarningState.ACKNOWLEDGED, WarningState.IN_CONTACT);

    /** A new warning for a lead, routed and graded, that the unit must acknowledge and close in time. */
    static Warning opened(
            LeadInput lead, UrgencyPolicy.Grade grade, RoutingPolicy.Route route, Instant now, Deadline deadline) {
        return new Warning(
                0,
                lead.phone(),
                lead.idNumber(),
                lead.name(),
                lead.address(),
                lead.fraudType(),
                grade.urgency(),
                grade.rule(),
                route.unitCode(),
                route.via(),
                route.basis(),
                route.outOfProvince(),
                route.personProvince(),
                WarningState.ASSIGNED,
                null,
                lead.amountAtRisk(),
                1,
                now,
                now,
                now,
                null,
                null,
                now.plus(deadline.acknowledge()),
                now.plus(deadline.close()),
                0);
    }

    Warning withId(long newId) {
        return new Warning(
                newId,
                phone,
                idNumber,
                name,
                address,
                fraudType,
                urgency,
                urgencyRule,
                unitCode,
                routedVia,
                routingBasis,
                outOfProvince,
                personProvince,
                state,
                outcome,
                amountAtRisk,
                leadCount,
                openedAt,
                lastLeadAt,
                assignedAt,
                acknowledgedAt,
                closedAt,
                acknowledgeDue,
                closeDue,
                escalations);
    }

    /** Back with its unit, after its acknowledgement deadline passed there. */
    Warning escalate(String toUnit, Instant at, Deadline deadline) {
        if (state != WarningState.ASSIGNED) {
            throw new IllegalTransition(id, state, "escalated");
        }
        Warning moved = assign(toUnit, at, deadline);
        return moved.with(state, toUnit, at, null, moved.acknowledgeDue(), outcome, closedAt, escalations + 1);
    }

    boolean isOpen() {
        return state != WarningState.CLOSED;
    }

    Warning acknowledge(Instant at) {
        if (state != WarningState.ASSIGNED) {
            throw new IllegalTransition(id, state, "acknowledged");
        }
        return with(WarningState.ACKNOWLEDGED, unitCode, assignedAt, at, acknowledgeDue, outcome, closedAt);
    }

    /** To another unit, which must acknowledge it anew within the urgency's deadline. */
    Warning assign(String unit, Instant at, Deadline deadline) {
        if (!OPEN.contains(state)) {
            throw new IllegalTransition(id, state, "assigned");
        }
        return with(WarningState.ASSIGNED, unit, at, null, at.plus(deadline.acknowledge()), outcome, closedAt);
    }

    /** A contact attempt; contacting an unacknowledged warning acknowledges it. */
    Warning contact(Instant at) {
        if (!OPEN.contains(state)) {
            throw new IllegalTransition(id, state, "contacted");
        }
        return with(
                WarningState.IN_CONTACT,
                unitCode,
                assignedAt,
                acknowledgedAt == null ? at : acknowledgedAt,
                acknowledgeDue,
                outcome,
                closedAt);
    }

    Warning close(Outcome result, Instant at) {
        if (state != WarningState.ACKNOWLEDGED && state != WarningState.IN_CONTACT) {
            throw new IllegalTransition(
                    id, state, state == WarningState.CLOSED ? "closedAgain" : "closedUnacknowledged");
        }
        return with(WarningState.CLOSED, unitCode, assignedAt, acknowledgedAt, acknowledgeDue, result, at);
    }

    /** A further lead for the same person: the highest urgency wins, deadlines only tighten. */
    Warning join(
            Urgency leadUrgency,
            String rule,
            @Nullable BigDecimal amount,
            @Nullable FraudType type,
            Instant at,
            Deadline leadDeadline) {
        boolean upgraded = leadUrgency.isHigherThan(urgency);
        BigDecimal largest = amount == null
                ? amountAtRisk
                : amountAtRisk == null || amount.compareTo(amountAtRisk) > 0 ? amount : amountAtRisk;
        return tightened(
                upgraded ? leadUrgency : urgency,
                upgraded ? rule : urgencyRule,
                fraudType == null ? type : fraudType,
                largest,
                leadCount + 1,
                at,
                at,
                leadDeadline);
    }

    /** This warning at an urgency and rule, its deadlines tightened (never loosened) to the deadline from {@code at}. */
    private Warning tightened(
            Urgency newUrgency,
            String rule,
            @Nullable FraudType type,
            @Nullable BigDecimal amount,
            int leads,
            Instant lastLead,
            Instant at,
            Deadline deadline) {
        Instant ackDue =
                acknowledgedAt == null ? earlier(acknowledgeDue, at.plus(deadline.acknowledge())) : acknowledgeDue;
        return new Warning(
                id,
                phone,
                idNumber,
                name,
                address,
                type,
                newUrgency,
                rule,
                unitCode,
                routedVia,
                routingBasis,
                outOfProvince,
                personProvince,
                state,
                outcome,
                amount,
                leads,
                openedAt,
                lastLead,
                assignedAt,
                acknowledgedAt,
                closedAt,
                ackDue,
                earlier(closeDue, at.plus(deadline.close())),
                escalations);
    }

    /**
     * One level more urgent under a rule of the contact plan (two robot calls reached nobody, the
     * person said they are at risk): deadlines only tighten, as when a more urgent lead joins.
     */
    Warning upgrade(String rule, Instant at, Deadline raisedDeadline) {
        if (!OPEN.contains(state)) {
            throw new IllegalTransition(id, state, "upgraded");
        }
        return tightened(urgency.raised(), rule, fraudType, amountAtRisk, leadCount, lastLeadAt, at, raisedDeadline);
    }

    private Warning with(
            WarningState newState,
            String unit,
            Instant assigned,
            @Nullable Instant acknowledged,
            @Nullable Instant ackDue,
            @Nullable Outcome result,
            @Nullable Instant closed) {
        return with(newState, unit, assigned, acknowledged, ackDue, result, closed, escalations);
    }

    private Warning with(
            WarningState newState,
            String unit,
            Instant assigned,
            @Nullable Instant acknowledged,
            @Nullable Instant ackDue,
            @Nullable Outcome result,
            @Nullable Instant closed,
            int escalationCount) {
        return new Warning(
                id,
                phone,
                idNumber,
                name,
                address,
                fraudType,
                urgency,
                urgencyRule,
                unit,
                routedVia,
                routingBasis,
                outOfProvince,
                personProvince,
                newState,
                result,
                amountAtRisk,
                leadCount,
                openedAt,
                lastLeadAt,
                assigned,
                acknowledged,
                closed,
                ackDue,
                closeDue,
                escalationCount);
    }

    private static @Nullable Instant earlier(@Nullable Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
