package org.fanzha.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.audit.AuditLog;
import org.fanzha.audit.AuditProperties;
import org.fanzha.audit.AuditRecord;
import org.fanzha.audit.ChainVerification;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log in the database. Appending locks the chain head row, so appends are serial
 * across all instances; the lock is held only to the end of the caller's transaction.
 */
@Service
class JdbcAuditLog implements AuditLog, org.springframework.context.SmartLifecycle {

    private static final int VERIFY_PAGE = 5_000;

    private final JdbcClient jdbc;
    private final String algorithm;
    private final byte @Nullable [] key;

    /** How many outbox records one transaction appends to the chain. */
    static final int OUTBOX_GROUP = 1000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcAuditLog.class);

    private final java.util.concurrent.Semaphore outboxWritten = new java.util.concurrent.Semaphore(0);
    private final @Nullable TransactionTemplate tx;

    @org.springframework.beans.factory.annotation.Autowired
    JdbcAuditLog(
            JdbcClient jdbc,
            AuditProperties properties,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this(jdbc, properties, new TransactionTemplate(transactions));
    }

    JdbcAuditLog(JdbcClient jdbc, AuditProperties properties) {
        this(jdbc, properties, (TransactionTemplate) null);
    }

    private JdbcAuditLog(JdbcClient jdbc, AuditProperties properties, @Nullable TransactionTemplate tx) {
        this.tx = tx;
        ChainHash.check(properties.hashAlgorithm());
        this.jdbc = jdbc;
        String k = properties.chainKey();
        if (k != null && !k.isBlank() && k.length() < 32) {
            throw new IllegalStateException("fanzha.audit.chain-key must be at least 32 characters");
        }
        this.key = k == null || k.isBlank() ? null : k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.algorithm = key == null ? properties.hashAlgorithm() : ChainHash.keyed(properties.hashAlgorithm());
        if (tx != null) {
            tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }
    }

    private volatile @Nullable Thread writer;

    @Override
    public void start() {
        if (tx != null && writer == null) {
            Thread t = new Thread(this::drainOutbox, "audit-outbox");
            t.setDaemon(true);
            writer = t;
            t.start();
        }
    }

    @Override
    public void stop() {
        Thread t = writer;
        writer = null;
        if (t != null) {
            // woken, not interrupted: an interrupt during the embedded database's file I/O closes the database
            outboxWritten.release();
            try {
                t.join(5_000);
                appendOutbox(OUTBOX_GROUP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("the audit outbox was left for the next start: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String entity, String entityId, String detail) {
        Origin origin = origin();
        append(origin.actor(), origin.unit(), action, entity, entityId, detail, origin.address(), null);
    }

    @Override
    public void recordAlone(Origin origin, String action, String entity, String entityId, String detail) {
        if (tx == null) {
            append(origin.actor(), origin.unit(), action, entity, entityId, detail, origin.address(), null);
            return;
        }
        tx.executeWithoutResult(status ->
                append(origin.actor(), origin.unit(), action, entity, entityId, detail, origin.address(), null));
    }

    @Override
    public Origin origin() {
        Actor actor = Actors.current().orElse(null);
        String who = actor == null
                ? "system"
                : actor.kind() == Actor.Kind.PARTNER ? "partner:" + actor.name() : actor.name();
        return new Origin(who, actor == null ? "" : actor.unitCode(), address());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordInOutbox(Origin origin, String action, String entity, String entityId, String detail) {
        jdbc.sql("""
                INSERT INTO audit_outbox (at, actor, actor_unit, action, entity, entity_id, detail, address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)),
                        fit(origin.actor(), 200),
                        fit(origin.unit(), 12),
                        fit(action, 40),
                        fit(entity, 40),
                        fit(entityId, 500),
                        fit(detail, 2000),
                        fit(origin.address(), 64))
                .update();
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            outboxWritten.release();
                        }
                    });
        }
    }

    /**
     * The outbox writer: appends what the outbox holds to the chain, a group to a transaction,
     * moments after it was committed here and at least every second (what other instances, or a
     * process killed before its writer came round, left there). Rows are claimed with SKIP LOCKED,
     * so with several instances each is appended once. Should a group fail, its rows are appended
     * one by one, so one bad record fails alone.
     */
    private void drainOutbox() {
        while (writer == Thread.currentThread()) {
            try {
                outboxWritten.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS);
                outboxWritten.drainPermits();
                while (appendOutbox(OUTBOX_GROUP) == OUTBOX_GROUP) {
                    // more waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("appending the audit outbox to the chain failed, retrying one by one: {}", e.toString());
                try {
                    while (appendOutbox(1) == 1) {
                        // one record to a transaction
                    }
                } catch (RuntimeException alone) {
                    log.error("an audit outbox record could not be appended; retried in a second", alone);
                }
            }
        }
    }

    /** Appends up to {@code limit} outbox records to the chain in one transaction; how many. */
    int appendOutbox(int limit) {
        Integer appended = java.util.Objects.requireNonNull(tx).execute(status -> {
            List<Map<String, Object>> rows = jdbc.sql(
                            "SELECT * FROM audit_outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                    .param(limit)
                    .query()
                    .listOfRows();
            for (Map<String, Object> r : rows) {
                Object at = r.get("at");
                Instant when = at instanceof Timestamp t
                        ? t.toInstant()
                        : at instanceof OffsetDateTime o ? o.toInstant() : Instant.now();
                append(
                        (String) r.get("actor"),
                        (String) r.get("actor_unit"),
                        (String) r.get("action"),
                        (String) r.get("entity"),
                        (String) r.get("entity_id"),
                        (String) r.get("detail"),
                        (String) r.get("address"),
                        when);
                jdbc.sql("DELETE FROM audit_outbox WHERE id = ?")
                        .param(((Number) r.get("id")).longValue())
                        .update();
            }
            return rows.size();
        });
        return appended == null ? 0 : appended;
    }

    /** What the outbox still holds: records committed with their change, not yet in the chain. */
    long outboxSize() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_outbox").query(Long.class).single();
    }

    /**
     * Appends one record to the chain under its head's lock. Every value is made to fit its
     * column (NUL characters, which PostgreSQL refuses in text, replaced; over-long values clipped
     * with an ellipsis) so that no value a caller passes can fail the append.
     */
    void append(
            String actor,
            String unit,
            String action,
            String entity,
            String entityIdRaw,
            String detailRaw,
            String address,
            @Nullable Instant when) {
        actor = fit(actor, 200);
        unit = fit(unit, 12);
        action = fit(action, 40);
        entity = fit(entity, 40);
        String entityId = fit(entityIdRaw, 500);
        String detail = fit(detailRaw, 2000);
        address = fit(address, 64);
        Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE")
                .query()
                .singleRow();
        long seq = ((Number) head.get("last_seq")).longValue() + 1;
        String prev = (String) head.get("last_hash");
        Instant at = (when == null ? Instant.now() : when).truncatedTo(ChronoUnit.MICROS);
        String hash =
                ChainHash.of(algorithm, key, prev, seq, at, actor, unit, action, entity, entityId, detail, address);
        jdbc.sql("""
                INSERT INTO audit_record (seq, at, actor, actor_unit, action, entity, entity_id, detail, address, algorithm, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        seq,
                        Timestamp.from(at),
                        actor,
                        unit,
                        action,
                        entity,
                        entityId,
                        detail,
                        address,
                        algorithm,
                        prev,
                        hash)
                .update();
        jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1")
                .params(seq, hash)
                .update();
    }

    /** Re-computes the whole chain, page by page, and compares the end with the head row. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return verify(null, null);
    }

    /**
     * As {@link #verify()}, and the record {@code anchorSeq} must still hash to {@code anchorHash}: a
     * head written down outside the database earlier (the anchor the log prints every hour) catches
     * what the chain alone cannot — its newest records removed and the head rewound, or the chain
     * rewritten by someone holding the key.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify(@Nullable Long anchorSeq, @Nullable String anchorHash) {
        String expectedPrev = "0".repeat(64);
        long expectedSeq = 1;
        long checked = 0;
        boolean keyedSeen = false;
        boolean lastKeyed = false;
        while (true) {
            List<Stored> page = jdbc.sql("SELECT * FROM audit_record WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .params(expectedSeq, VERIFY_PAGE)
                    .query(JdbcAuditLog::stored)
                    .list();
            for (Stored r : page) {
                if (r.seq() != expectedSeq) {
                    return new ChainVerification(false, checked, expectedSeq, "record " + expectedSeq + " is missing");
                }
                if (!r.prevHash().equals(expectedPrev)) {
                    return new ChainVerification(
                            false, checked, r.seq(), "record " + r.seq() + " does not follow the record before it");
                }
                if (anchorSeq != null && r.seq() == anchorSeq && !r.hash().equals(anchorHash)) {
                    return new ChainVerification(
                            false,
                            checked,
                            r.seq(),
                            "record " + r.seq() + " does not match the anchor: the chain was rewritten");
                }
                boolean keyedRecord = ChainHash.isKeyed(r.algorithm());
                if (keyedRecord && key == null) {
                    return new ChainVerification(
                            false,
                            checked,
                            r.seq(),
                            "record " + r.seq() + " is keyed (" + r.algorithm()
                                    + "): verify with fanzha.audit.chain-key set");
                }
                if (!keyedRecord && keyedSeen) {
                    return new ChainVerification(
                            false,
                            checked,
                            r.seq(),
                            "record " + r.seq() + " is not keyed after keyed records: the chain was rewritten");
                }
                keyedSeen |= keyedRecord;
                lastKeyed = keyedRecord;
                String hash = ChainHash.of(
                        r.algorithm(),
                        key,
                        r.prevHash(),
                        r.seq(),
                        r.at(),
                        r.actor(),
                        r.actorUnit(),
                        r.action(),
                        r.entity(),
                        r.entityId(),
                        r.detail(),
                        r.address());
                if (!hash.equals(r.hash())) {
                    return new ChainVerification(false, checked, r.seq(), "record " + r.seq() + " was altered");
                }
                expectedPrev = r.hash();
                expectedSeq++;
                checked++;
            }
            if (page.size() < VERIFY_PAGE) {
                break;
            }
        }
        Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1")
                .query()
                .singleRow();
        long lastSeq = ((Number) head.get("last_seq")).longValue();
        if (lastSeq != checked || !expectedPrev.equals(head.get("last_hash"))) {
            return new ChainVerification(
                    false, checked, checked + 1, "the chain ends at " + checked + " but its head says " + lastSeq);
        }
        if (anchorSeq != null && checked < anchorSeq) {
            return new ChainVerification(
                    false,
                    checked,
                    checked + 1,
                    "the chain ends at " + checked + ", before the anchor " + anchorSeq + ": records were removed");
        }
        if (key != null && checked > 0 && !lastKeyed) {
            return new ChainVerification(
                    false,
                    checked,
                    checked,
                    "the newest record " + checked
                            + " is not keyed though a chain key is set: the chain was rewritten");
        }
        return new ChainVerification(true, checked, null, null);
    }

    /** The records the filter finds: the WHERE clause, its parameters added. */
    private static String where(
            String unitPrefix,
            String actor,
            String action,
            String entity,
            String entityId,
            Instant from,
            Instant to,
            List<Object> params) {
        // a province auditor sees everything, including what the system did on its own (unit "")
        StringBuilder sql = new StringBuilder(" WHERE at >= ? AND at < ?");
        params.add(Timestamp.from(from));
        params.add(Timestamp.from(to));
        if (unitPrefix.length() > 2) {
            sql.append(" AND actor_unit LIKE ?");
            params.add(unitPrefix + "%");
        }
        if (!actor.isEmpty()) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        if (!action.isEmpty()) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (!entity.isEmpty()) {
            sql.append(" AND entity = ?");
            params.add(entity);
        }
        if (!entityId.isEmpty()) {
            sql.append(" AND entity_id = ?");
            params.add(entityId);
        }
        return sql.toString();
    }

    /** How many records the filter finds. */
    public long count(
            String unitPrefix, String actor, String action, String entity, String entityId, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        String where = where(unitPrefix, actor, action, entity, entityId, from, to, params);
        return jdbc.sql("SELECT COUNT(*) FROM audit_record" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /** Newest first, within the auditor's subtree. */
    @Transactional(readOnly = true)
    public List<AuditRecord> find(
            String unitPrefix,
            String actor,
            String action,
            String entity,
            String entityId,
            Instant from,
            Instant to,
            int offset,
            int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_record")
                .append(where(unitPrefix, actor, action, entity, entityId, from, to, params));
        sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, i) -> {
                    Stored s = stored(rs, i);
                    return new AuditRecord(
                            s.seq(),
                            s.at(),
                            s.actor(),
                            s.actorUnit(),
                            s.action(),
                            s.entity(),
                            s.entityId(),
                            s.detail(),
                            s.address(),
                            s.algorithm(),
                            s.hash());
                })
                .list();
    }

    private record Stored(
            long seq,
            Instant at,
            String actor,
            String actorUnit,
            String action,
            String entity,
            String entityId,
            String detail,
            String address,
            String algorithm,
            String prevHash,
            String hash) {}

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(
                rs.getLong("seq"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("actor_unit"),
                rs.getString("action"),
                rs.getString("entity"),
                rs.getString("entity_id"),
                rs.getString("detail"),
                rs.getString("address"),
                rs.getString("algorithm"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "-";
    }

    /** A value as its column can hold it: NUL replaced (PostgreSQL refuses it in text), clipped with an ellipsis. */
    static String fit(@Nullable String text, int max) {
        String clean = text == null ? "" : text.replace('\u0000', '\uFFFD');
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "…";
    }
}
