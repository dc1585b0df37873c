package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts queued robot calls to the call centre, a few at once on threads of its own (a slow call
 * centre never holds up the platform's timers). A call centre that cannot take an order now is
 * asked again with back-off (retryMin, doubling, at most five minutes) up to {@code maxTries}; one that refuses it for good
 * fails the call and its contact step at once. A call ordered without a result within {@code
 * resultWithin} fails as NO_RESULT, so the plan goes on to its next step.
 */
@Component
class VoiceDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VoiceDispatcher.class);
    static final int PARALLEL = 4;
    private static final java.time.Duration MAX_WAIT = java.time.Duration.ofMinutes(5);

    private final VoiceCalls calls;
    private final VoiceCentre centre;
    private final ContactWork work;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ContactProperties.Voice settings;
    private final String instance = UUID.randomUUID().toString();
    private final Semaphore free = new Semaphore(PARALLEL);
    private final ExecutorService posters = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "voice-order");
        t.setDaemon(true);
        return t;
    });

    VoiceDispatcher(
            VoiceCalls calls,
            VoiceCentre centre,
            ContactWork work,
            TransactionTemplate tx,
            Clock clock,
            ContactProperties properties) {
        this.calls = calls;
        this.centre = centre;
        this.work = work;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.voice();
    }

    @Scheduled(fixedDelayString = "${fanzha.contact.voice.poll-interval:500ms}")
    void tick() {
        if (!centre.available()) {
            return;
        }
        try {
            int room = free.availablePermits();
            if (room > 0) {
                Instant now = clock.instant();
                List<VoiceCalls.Call> batch = tx.execute(s -> calls.claim(
                        instance, now, now.minus(settings.orderTimeout().multipliedBy(3)), room));
                for (var call : batch == null ? List.<VoiceCalls.Call>of() : batch) {
                    free.acquireUninterruptibly();
                    posters.execute(() -> {
                        try {
                            post(call);
                        } finally {
                            free.release();
                        }
                    });
                }
            }
            failUnanswered();
        } catch (RuntimeException e) {
            log.error("Voice: dispatch round failed; the next round retries", e);
        }
    }

    private void post(VoiceCalls.Call call) {
        VoiceCentre.Outcome outcome;
        try {
            outcome = centre.order(call);
        } catch (RuntimeException e) {
            outcome = new VoiceCentre.Unreachable(e.getClass().getSimpleName());
        }
        Instant now = clock.instant();
        VoiceCentre.Outcome result = outcome;
        tx.executeWithoutResult(s -> {
            if (result instanceof VoiceCentre.Taken) {
                calls.ordered(call.id(), now);
            } else if (result instanceof VoiceCentre.Refused refused) {
                log.warn("Voice: call {} refused by the call centre: {}", call.callId(), refused.reason());
                fail(call, "REFUSED", refused.reason(), now);
            } else if (result instanceof VoiceCentre.Unreachable unreachable) {
                if (call.tries() + 1 >= settings.maxTries()) {
                    log.warn(
                            "Voice: call {} not taken after {} tries: {}",
                            call.callId(),
                            call.tries() + 1,
                            unreachable.reason());
                    fail(call, "UNAVAILABLE", unreachable.reason(), now);
                } else {
                    calls.requeue(
                            call.id(), now.plus(backoff(settings.retryMin(), call.tries() + 1)), unreachable.reason());
                }
            }
        });
    }

    /** {@code first}, twice that, four times … at most five minutes between tries. */
    static java.time.Duration backoff(java.time.Duration first, int tries) {
        var wait = first.multipliedBy(1L << Math.min(10, Math.max(0, tries - 1)));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private void failUnanswered() {
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            for (var call : calls.unanswered(now.minus(settings.resultWithin()), 100)) {
                fail(call, "NO_RESULT", "no result within " + settings.resultWithin(), now);
            }
        });
    }

    /** Fails a call that has not ended, and its contact step with it. */
    private void fail(VoiceCalls.Call call, String result, String why, Instant now) {
        if (calls.fail(call.id(), result, why, now) && call.stepId() != null) {
            String note = result.equals("NO_RESULT")
                    ? Texts.encode("contact.note.noResult")
                    : Texts.encode("contact.note.robotOrder", why);
            work.answered(call.stepId(), ContactWork.Answer.failed(result, call.callId(), note));
        }
    }

    @Override
    public void destroy() {
        posters.shutdownNow();
    }
}
