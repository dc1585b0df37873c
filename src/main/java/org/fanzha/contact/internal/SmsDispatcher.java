package org.fanzha.contact.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.Texts;
import org.fanzha.warning.ContactAttempt;
import org.fanzha.warning.WarningDesk;
import org.jsmpp.extra.ResponseTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox while the SMSC is bound: claims queued messages, submits each part under the
 * bind's throughput limit ({@code rate-per-second}, a Bucket4j token bucket) with at most
 * {@code window} submits awaiting their response, and records the SMSC's message ids. A bind that
 * breaks or an SMSC that throttles puts the message back in the queue (it waits, it is not lost);
 * a refusal for good fails it and its contact step; a submit the SMSC never answered is UNCERTAIN
 * and not sent again.
 */
@Component
class SmsDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

    private final SmsOutbox outbox;
    private final SmppLink link;
    private final ContactWork work;
    private final WarningDesk desk;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ContactProperties.Sms settings;
    private final String instance = UUID.randomUUID().toString();
    private final Bucket bucket;
    private final Semaphore window;
    private final ExecutorService senders;

    private volatile boolean running;
    private Thread loop = new Thread(() -> {});

    SmsDispatcher(
            SmsOutbox outbox,
            SmppLink link,
            ContactWork work,
            WarningDesk desk,
            TransactionTemplate tx,
            Clock clock,
            ContactProperties properties) {
        this.outbox = outbox;
        this.link = link;
        this.work = work;
        this.desk = desk;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.sms();
        int rate = Math.max(1, settings.ratePerSecond());
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(rate)
                        .refillGreedy(rate, Duration.ofSeconds(1))
                        .initialTokens(rate)
                        .build())
                .build();
        this.window = new Semaphore(Math.max(1, settings.window()));
        this.senders = Executors.newFixedThreadPool(Math.max(1, settings.window()), r -> {
            Thread t = new Thread(r, "sms-submit");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        running = true;
        loop = new Thread(this::run, "sms-dispatch");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        long idle = settings.pollInterval().toMillis();
        while (running) {
            try {
                if (!link.bound()) {
                    outbox.await(idle * 5);
                    continue;
                }
                List<SmsOutbox.Outgoing> batch =
                        tx.execute(s -> outbox.claim(instance, clock.instant(), Math.max(1, settings.window())));
                if (batch == null || batch.isEmpty()) {
                    outbox.await(idle);
                    continue;
                }
                for (var message : batch) {
                    window.acquire();
                    senders.execute(() -> {
                        try {
                            send(message);
                        } finally {
                            window.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("SMS: dispatch round failed; retrying", e);
                try {
                    Thread.sleep(idle * 5);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void send(SmsOutbox.Outgoing message) {
        Segments.Encoded encoded = Segments.ucs2(message.body(), (int) message.id());
        List<String> ids = new ArrayList<>();
        try {
            bucket.asBlocking().consume(encoded.parts().size());
            outbox.sending(message.id(), clock.instant());
            link.submit(message.recipient(), encoded, 0, ids);
            Instant now = clock.instant();
            tx.executeWithoutResult(s -> {
                outbox.submitted(message.id(), ids, now);
                if (message.warningId() != null) {
                    desk.recordAttempt(
                            new ContactAttempt(message.warningId(), "SMS", "SUBMITTED", ids.get(0), null, now));
                }
            });
        } catch (SmppLink.Refused e) {
            if (ids.isEmpty() && e.transient_()) {
                tx.executeWithoutResult(s ->
                        outbox.requeue(message.id(), clock.instant().plusSeconds(backoff(message)), e.getMessage()));
            } else {
                end(message, ids, "FAILED", "REFUSED", "smsc 0x" + Integer.toHexString(e.status));
            }
        } catch (ResponseTimeoutException e) {
            end(message, ids, "UNCERTAIN", "UNCERTAIN", "no submit_sm_resp");
        } catch (IOException e) {
            if (ids.isEmpty()) {
                tx.executeWithoutResult(
                        s -> outbox.requeue(message.id(), clock.instant().plusSeconds(1), "bind: " + e.getMessage()));
            } else {
                end(message, ids, "UNCERTAIN", "UNCERTAIN", "bind broke after part " + ids.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tx.executeWithoutResult(s -> outbox.requeue(message.id(), clock.instant(), "stopping"));
        } catch (RuntimeException e) {
            log.error("SMS: message {} could not be submitted", message.id(), e);
            end(message, ids, "FAILED", "FAILED", e.getClass().getSimpleName());
        }
    }

    private static long backoff(SmsOutbox.Outgoing message) {
        return Math.min(60, 1L << Math.min(6, message.tries()));
    }

    /** Ends a message that will not be submitted again, and its contact step with it. */
    private void end(SmsOutbox.Outgoing message, List<String> ids, String state, String result, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!ids.isEmpty()) {
                outbox.submitted(message.id(), ids, now);
            }
            if (outbox.end(message.id(), state, why, now) && message.stepId() != null) {
                work.answered(
                        message.stepId(),
                        ContactWork.Answer.failed(
                                result, ids.isEmpty() ? null : ids.get(0), Texts.encode("contact.note.sms", why)));
            }
        });
    }

    /** Messages a dead instance left behind: back to the queue if never submitted, else UNCERTAIN. */
    @Scheduled(fixedDelayString = "${fanzha.contact.sms.sweep-interval:30s}")
    void sweep() {
        Instant before = clock.instant().minus(settings.uncertainAfter());
        try {
            tx.executeWithoutResult(s -> {
                for (var m : outbox.abandoned(before, false)) {
                    outbox.requeue(m.id(), clock.instant(), "abandoned before its submit");
                }
            });
            tx.executeWithoutResult(s -> {
                for (var m : outbox.abandoned(before, true)) {
                    log.warn(
                            "SMS: message {} was being submitted when its instance stopped; UNCERTAIN, not resent",
                            m.id());
                    end(m, List.of(), "UNCERTAIN", "UNCERTAIN", "instance stopped during submit");
                }
            });
        } catch (RuntimeException e) {
            log.error("SMS: sweep failed; the next one retries", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        loop.interrupt();
        senders.shutdown();
        try {
            senders.awaitTermination(settings.responseTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the bind closes, so no submit is cut off. */
    @Override
    public int getPhase() {
        return SmscAddress.PHASE + 2;
    }
}
