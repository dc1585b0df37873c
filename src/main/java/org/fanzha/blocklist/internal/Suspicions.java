package org.fanzha.blocklist.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.fanzha.audit.AuditLog;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Look-alikes met by checks, kept for review: counted in memory on the check path and written
 * every few seconds; a reviewer blocks a name (an ordinary block entry) or dismisses it.
 */
@Component
class Suspicions {

    private static final Logger log = LoggerFactory.getLogger(Suspicions.class);

    record Suspicious(String name, String imitates, Instant firstSeen, Instant lastSeen, long checks, String state) {}

    private record Seen(String imitates, LongAdder count) {}

    private final Map<String, Seen> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Blocklist blocklist;
    private final AuditLog audit;
    private final Clock clock;

    Suspicions(JdbcClient jdbc, Blocklist blocklist, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.blocklist = blocklist;
        this.audit = audit;
        this.clock = clock;
    }

    void seen(String host, String imitates) {
        if (pending.size() < 100_000 || pending.containsKey(host)) {
            pending.computeIfAbsent(host, h -> new Seen(imitates, new LongAdder()))
                    .count()
                    .increment();
        }
    }

    @Scheduled(fixedDelayString = "${fanzha.blocklist.suspicion-flush:5s}")
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (String name : List.copyOf(pending.keySet())) {
            Seen seen = pending.remove(name);
            if (seen == null) {
                continue;
            }
            try {
                jdbc.sql("""
                                MERGE INTO suspicious_name t
                                USING (VALUES (CAST(? AS VARCHAR(253)), CAST(? AS VARCHAR(50)))) AS s (name, imitates)
                                ON t.name = s.name
                                WHEN MATCHED THEN UPDATE SET checks = t.checks + ?, last_seen = ?
                                WHEN NOT MATCHED THEN INSERT (name, imitates, first_seen, last_seen, checks, state)
                                    VALUES (s.name, s.imitates, ?, ?, ?, 'OPEN')""")
                        .params(
                                name,
                                seen.imitates(),
                                seen.count().sum(),
                                now,
                                now,
                                now,
                                seen.count().sum())
                        .update();
            } catch (RuntimeException e) {
                log.warn("Recording the look-alike {} failed: {}", name, e.toString());
            }
        }
    }

    List<Suspicious> open(int limit) {
        return jdbc.sql(
                        "SELECT * FROM suspicious_name WHERE state = 'OPEN' ORDER BY checks DESC, last_seen DESC LIMIT ?")
                .param(limit)
                .query((rs, i) -> new Suspicious(
                        rs.getString("name"),
                        rs.getString("imitates"),
                        rs.getTimestamp("first_seen").toInstant(),
                        rs.getTimestamp("last_seen").toInstant(),
                        rs.getLong("checks"),
                        rs.getString("state")))
                .list();
    }

    private void decide(String name, String state, Actor actor) {
        int n = jdbc.sql("UPDATE suspicious_name SET state = ?, decided_by = ? WHERE name = ? AND state = 'OPEN'")
                .params(state, Blocklist.by(actor), name)
                .update();
        if (n == 0) {
            throw new InvalidInput("name", "error.openLookAlike", name.length() > 100 ? name.substring(0, 100) : name);
        }
        audit.record(state.equals("BLOCKED") ? "BLOCK" : "DISMISS", "suspicious_name", name, state);
    }

    void dismiss(String name, Actor actor) {
        decide(name, "DISMISSED", actor);
    }

    /** Blocks the name with its subdomains as an ordinary entry (the reviewer's entries are in force per the usual rules). */
    BlockStore.Entry block(String name, FraudType category, Actor actor) {
        decide(name, "BLOCKED", actor);
        return blocklist
                .add(
                        new Blocklist.Submission(
                                name,
                                Scope.DOMAIN_AND_SUBDOMAINS,
                                category,
                                Source.POLICE,
                                "相似域名检查发现的仿冒网站",
                                null,
                                null),
                        actor)
                .entry();
    }
}
