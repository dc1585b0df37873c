package org.fanzha.funds.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The timeline of a stop-payment or freeze request: every state and action, when and by whom. */
@Component
class FundEvents {

    private final JdbcClient jdbc;

    FundEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long requestId, Instant at, String kind, String actor, @Nullable String note) {
        jdbc.sql("INSERT INTO fund_request_event (request_id, at, kind, actor, note) VALUES (?, ?, ?, ?, ?)")
                .params(
                        requestId,
                        Timestamp.from(at),
                        kind,
                        actor,
                        note == null || note.length() <= 1000 ? note : note.substring(0, 1000))
                .update();
    }
}
