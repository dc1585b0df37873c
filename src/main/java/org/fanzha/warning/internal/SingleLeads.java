package org.fanzha.warning.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fanzha.platform.Actor;
import org.fanzha.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Files single leads that arrive at the same time together: a filing thread takes whatever
 * requests are waiting (up to {@link LeadIntake#CHUNK}) and files them as one bulk transaction,
 * so under load a commit and its round trips serve many requests instead of one. A lone request
 * waits for nothing: the thread is idle and takes it at once. Each request returns only after
 * the transaction holding its lead committed, so a 2xx still means durably stored; a killed
 * process loses only leads that were never acknowledged. Should a group meet a concurrent
 * request for the same lead or phone, it is filed lead by lead ({@link LeadIntake#acceptSubmitted}).
 */
@Component
class SingleLeads implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SingleLeads.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private record Pending(BulkFiling.Submitted lead, CompletableFuture<LeadIntake.Ack> done) {}

    static class IntakeBusy extends ProblemException {
        IntakeBusy() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "intake-busy",
                    "problem.intakeBusy.title",
                    "problem.intakeBusy.detail",
                    args(WAIT.toSeconds()),
                    java.util.Map.of());
        }
    }

    private final LeadIntake intake;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4 * LeadIntake.CHUNK);
    private volatile boolean running;
    private Thread filer;

    SingleLeads(LeadIntake intake) {
        this.intake = intake;
    }

    /** Files one lead, together with others waiting at the same moment; returns once it is committed. */
    LeadIntake.Ack accept(LeadValidator.Validated validated, Actor actor) {
        var request = intake.request(
                actor, validated.lead().source() + "/" + validated.lead().sourceId(), 0);
        var pending = new Pending(new BulkFiling.Submitted(validated, actor, request), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            // not started, stopping, or a full queue: the request thread files its own lead
            return intake.accept(validated, actor, request);
        }
        try {
            return pending.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeBusy();
        } catch (TimeoutException e) {
            throw new IntakeBusy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void work() {
        List<Pending> group = new ArrayList<>(LeadIntake.CHUNK);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, LeadIntake.CHUNK - 1);
                file(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void file(List<Pending> group) {
        try {
            List<LeadIntake.Ack> acks =
                    intake.acceptSubmitted(group.stream().map(Pending::lead).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(acks.get(i));
            }
        } catch (RuntimeException e) {
            log.warn("filing a group of {} single leads failed: {}", group.size(), e.toString());
            group.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void start() {
        running = true;
        filer = new Thread(this::work, "lead-filing");
        filer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (filer != null) {
            try {
                filer.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
