package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactProperties;
import org.fanzha.contact.RunWhen;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Texts;
import org.fanzha.warning.ContactAttempt;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningDesk;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working a warning's contact plan: planning its steps, running those due, taking the gateways'
 * answers and the people's contacts. Each method locks the plan first (see {@link ContactPlans}),
 * runs in its caller's transaction or its own, and leaves every due step started: a step due now
 * runs in the transaction that made it due, not at the next tick.
 *
 * <p>Rules: a confirmed contact cancels the steps a contact makes unnecessary; a failed step may
 * release AFTER_FAILURES steps; {@code robotFailuresToUpgrade} robot calls that reached nobody, or
 * a person who tells the robot they are at risk, raise the warning one level, whose plan's steps
 * then come forward (channels already tried are not tried again for the new level).
 */
@Service
class ContactWork {

    private static final Logger log = LoggerFactory.getLogger(ContactWork.class);

    /** A step that fails at once can release another: never more rounds than a plan can have steps. */
    private static final int MAX_ROUNDS = 20;

    private final ContactPlans plans;
    private final ContactProperties properties;
    private final WarningDesk desk;
    private final VoiceCalls calls;
    private final Map<Channel, StepChannel> channels = new EnumMap<>(Channel.class);
    private final Clock clock;

    ContactWork(
            ContactPlans plans,
            ContactProperties properties,
            WarningDesk desk,
            VoiceCalls calls,
            List<StepChannel> machineChannels,
            HandOver handOver,
            Clock clock) {
        this.plans = plans;
        this.properties = properties;
        this.desk = desk;
        this.calls = calls;
        this.clock = clock;
        for (var channel : machineChannels) {
            channels.put(channel.channel(), channel);
        }
        for (var channel : handOver.channels()) {
            channels.put(channel.channel(), channel);
        }
    }

    @Transactional
    void plan(long warningId, Urgency urgency, String unitCode, @Nullable FraudType type) {
        Instant now = clock.instant();
        if (!plans.create(warningId, urgency, unitCode, type, now)) {
            return;
        }
        plans.addSteps(warningId, urgency, properties.plan(urgency), now, now);
        plans.lock(warningId).ifPresent(this::runDue);
    }

    /** The warning was raised to a more urgent level: that level's steps come forward from now. */
    @Transactional
    void raised(long warningId, Urgency urgency) {
        var plan = plans.lock(warningId).orElse(null);
        if (plan == null || !plan.active() || !urgency.isHigherThan(plan.urgency())) {
            return;
        }
        Instant now = clock.instant();
        plans.raise(warningId, urgency);
        List<ContactStep> existing = plans.steps(warningId);
        List<ContactProperties.Step> added = new java.util.ArrayList<>();
        for (var step : properties.plan(urgency)) {
            var same = existing.stream()
                    .filter(s -> s.channel() == step.channel() && s.state() != StepState.CANCELLED)
                    .toList();
            var waiting = same.stream().filter(ContactStep::waiting).findFirst();
            if (waiting.isPresent()) {
                plans.retime(
                        waiting.get().id(), urgency, step.when(), step.failures(), step.of(), now.plus(step.delay()));
            } else if (same.isEmpty()) {
                added.add(step);
            }
        }
        plans.addSteps(warningId, urgency, added, now, now);
        runDue(plans.lock(warningId).orElseThrow());
    }

    /** Somebody reached the person: nothing a contact makes unnecessary is tried any more. */
    @Transactional
    void contacted(long warningId, Channel by) {
        plans.lock(warningId).filter(ContactPlans.Plan::active).ifPresent(plan -> {
            Instant now = clock.instant();
            plans.contacted(warningId, by, now);
            plans.cancelWaiting(warningId, false, "CONTACTED", now);
            cancelCalls(warningId, "CONTACTED", now);
        });
    }

    /** A person (an operator, an officer) tried to reach the person: the first such try per channel is kept. */
    @Transactional
    void tried(long warningId, Channel by, Instant at) {
        plans.tried(warningId, by, at);
    }

    /** An operator's call reached nobody: it counts as a failed step for what waits on failures. */
    @Transactional
    void humanCallFailed(long warningId) {
        plans.lock(warningId).filter(ContactPlans.Plan::active).ifPresent(plan -> {
            plans.humanFailed(warningId);
            runDue(plans.lock(warningId).orElseThrow());
        });
    }

    @Transactional
    void closed(long warningId) {
        plans.lock(warningId).ifPresent(plan -> {
            Instant now = clock.instant();
            plans.close(warningId, now);
            plans.cancelWaiting(warningId, true, "WARNING_CLOSED", now);
            cancelCalls(warningId, "WARNING_CLOSED", now);
        });
    }

    /**
     * A gateway's answer for a step in flight, recorded on the warning's timeline. {@code reached}:
     * the person confirmed they are safe (a confirmed contact); {@code atRisk}: the person said they
     * are being defrauded; {@code countsAsNoAnswer}: a robot call that reached nobody.
     */
    @Transactional
    void answered(long stepId, Answer answer) {
        var step = plans.step(stepId).orElse(null);
        if (step == null) {
            return;
        }
        var plan = plans.lock(step.warningId()).orElseThrow();
        Instant now = clock.instant();
        if (!plans.finish(
                stepId,
                answer.failed() ? StepState.FAILED : StepState.DONE,
                answer.result(),
                answer.gatewayRef(),
                now)) {
            return;
        }
        desk.recordAttempt(new ContactAttempt(
                step.warningId(), step.channel().name(), answer.result(), answer.gatewayRef(), answer.note(), now));
        if (answer.reached()) {
            contacted(step.warningId(), step.channel());
            return;
        }
        if (step.channel() == Channel.ROBOT_CALL && plan.closedAt() == null) {
            boolean upgrade = answer.atRisk();
            if (answer.countsAsNoAnswer()) {
                upgrade |= plans.robotFailed(step.warningId()) >= properties.robotFailuresToUpgrade();
            }
            if (upgrade
                    && desk.upgrade(
                            step.warningId(),
                            answer.atRisk() ? "robot-at-risk" : "robot-no-answer",
                            answer.atRisk() ? "contact.upgrade.atRisk" : "contact.upgrade.noAnswer")) {
                log.info("Warning {} raised after robot call {}", step.warningId(), answer.result());
            }
        }
        runDue(plans.lock(step.warningId()).orElseThrow());
    }

    /** Robot calls not yet ordered are not placed any more; their steps end CANCELLED. */
    private void cancelCalls(long warningId, String why, Instant now) {
        for (long stepId : calls.cancelQueued(warningId, why, now)) {
            plans.finish(stepId, StepState.CANCELLED, why, null, now);
        }
    }

    /** A gateway's answer. */
    record Answer(
            String result,
            boolean failed,
            boolean reached,
            boolean atRisk,
            boolean countsAsNoAnswer,
            @Nullable String gatewayRef,
            @Nullable String note) {

        static Answer done(String result, @Nullable String ref) {
            return new Answer(result, false, false, false, false, ref, null);
        }

        static Answer failed(String result, @Nullable String ref, @Nullable String note) {
            return new Answer(result, true, false, false, false, ref, note);
        }
    }

    /** Starts every step of the (locked) plan that is due, and those the failures so release. */
    void runDue(ContactPlans.Plan plan) {
        if (plan.closedAt() != null) {
            return;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            release(plan, now);
            List<ContactStep> due = plans.due(plan.warningId(), now);
            if (due.isEmpty()) {
                return;
            }
            for (ContactStep step : due) {
                start(plan, step, now);
            }
            plan = plans.lock(plan.warningId()).orElseThrow();
            if (!plan.active()) {
                return;
            }
        }
    }

    private void start(ContactPlans.Plan plan, ContactStep step, Instant now) {
        if (plan.contacted() && step.stoppedByContact()) {
            plans.finish(step.id(), StepState.CANCELLED, "CONTACTED", null, now);
            return;
        }
        StepChannel channel = channels.get(step.channel());
        StepChannel.Start start = channel == null
                ? new StepChannel.Failed("UNAVAILABLE", "contact.note.noChannel")
                : channel.start(plan, step, now);
        if (start instanceof StepChannel.InFlight flight) {
            plans.start(step.id(), flight.gatewayRef(), now);
        } else if (start instanceof StepChannel.Done done) {
            plans.finish(step.id(), StepState.DONE, done.result(), null, now);
        } else if (start instanceof StepChannel.Failed failed) {
            plans.finish(step.id(), StepState.FAILED, failed.result(), null, now);
            desk.recordAttempt(new ContactAttempt(
                    plan.warningId(),
                    step.channel().name(),
                    failed.result(),
                    null,
                    failed.noteKey() == null ? null : Texts.encode(failed.noteKey()),
                    now));
        }
    }

    /** AFTER_FAILURES steps whose failures have come become due (not before their delay). */
    private void release(ContactPlans.Plan plan, Instant now) {
        for (ContactStep step : plans.steps(plan.warningId())) {
            if (step.waiting()
                    && step.when() == RunWhen.AFTER_FAILURES
                    && step.dueAt() == null
                    && step.releasedBy(plans.failures(plan, step.failuresOf()))) {
                plans.release(step.id(), step.notBefore().isAfter(now) ? step.notBefore() : now);
            }
        }
    }
}
