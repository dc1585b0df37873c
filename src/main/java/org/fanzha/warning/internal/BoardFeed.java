package org.fanzha.warning.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes warning changes to the duty boards open on this instance. It polls the change table
 * that every instance writes to, so a change made anywhere reaches every board within the poll
 * interval; each board hears only of changes in its viewer's jurisdiction.
 */
@Component
class BoardFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoardFeed.class);
    static final Duration KEEP_CHANGES = Duration.ofHours(1);

    record Change(long seq, long warningId, String unitCode) {}

    private record Board(SseEmitter emitter, String jurisdiction) {}

    private final JdbcClient jdbc;
    private final List<Board> boards = new CopyOnWriteArrayList<>();
    private volatile long lastSeen = -1;

    BoardFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SseEmitter subscribe(String jurisdiction) {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
        Board board = new Board(emitter, jurisdiction);
        boards.add(board);
        emitter.onCompletion(() -> boards.remove(board));
        emitter.onTimeout(() -> boards.remove(board));
        emitter.onError(e -> boards.remove(board));
        try {
            // commits the response at once, so the browser knows the board is live
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            boards.remove(board);
        }
        return emitter;
    }

    int boards() {
        return boards.size();
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends the open boards first, so a graceful shutdown does not wait for their long-lived requests. */
    @Override
    public void stop() {
        running = false;
        for (Board board : boards) {
            board.emitter().complete();
        }
        boards.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Scheduled(fixedDelayString = "${fanzha.warning.board-poll:1s}")
    void poll() {
        try {
            if (lastSeen < 0) {
                lastSeen = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM warning_change")
                        .query(Long.class)
                        .single();
                return;
            }
            List<Change> changes = changesAfter(lastSeen);
            if (changes.isEmpty()) {
                return;
            }
            lastSeen = changes.get(changes.size() - 1).seq();
            for (Board board : boards) {
                List<Long> ids = changes.stream()
                        .filter(c -> c.unitCode().startsWith(board.jurisdiction()))
                        .map(Change::warningId)
                        .distinct()
                        .toList();
                if (!ids.isEmpty()) {
                    send(board, ids);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Board feed round failed; the next round retries: {}", e.getMessage());
        }
    }

    List<Change> changesAfter(long seq) {
        return jdbc.sql("SELECT seq, warning_id, unit_code FROM warning_change WHERE seq > ? ORDER BY seq LIMIT 5000")
                .param(seq)
                .query((rs, i) -> new Change(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    /** Keeps the connections of idle boards open through proxies, and forgets old changes. */
    @Scheduled(fixedDelay = 20_000)
    void heartbeat() {
        for (Board board : boards) {
            try {
                board.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                boards.remove(board);
            }
        }
        jdbc.sql("DELETE FROM warning_change WHERE at < ?")
                .param(WarningStore.ts(Instant.now().minus(KEEP_CHANGES)))
                .update();
    }

    private void send(Board board, List<Long> ids) {
        try {
            board.emitter().send(SseEmitter.event().name("warnings").data(ids.toString()));
        } catch (IOException | IllegalStateException e) {
            boards.remove(board);
        }
    }
}
