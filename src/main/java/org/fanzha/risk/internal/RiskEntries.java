package org.fanzha.risk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.RiskList;
import org.fanzha.risk.RiskProperties;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sightings in, grades out: the one place that changes an entry's level. */
@Service
class RiskEntries implements RiskList {

    static final String SYSTEM = "system";

    static class EntryNotFound extends ProblemException {
        EntryNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "risk-entry-not-found",
                    "problem.riskEntryNotFound.title",
                    "problem.riskEntryNotFound.detail",
                    args(id),
                    Map.of());
        }
    }

    private final RiskStore store;
    private final RiskProperties properties;
    private final RiskFeed feed;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    RiskEntries(
            RiskStore store,
            RiskProperties properties,
            RiskFeed feed,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.properties = properties;
        this.feed = feed;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    @Transactional
    public int record(List<Sighting> sightings) {
        Instant now = now();
        Set<Long> touched = new LinkedHashSet<>();
        int added = insert(sightings, touched, now);
        regrade(touched, now, SYSTEM);
        return added;
    }

    @Override
    @Transactional
    public int replace(String refType, String refId, List<Sighting> sightings) {
        Instant now = now();
        Set<Long> touched = new LinkedHashSet<>(store.removeSightings(refType, refId));
        int added = insert(sightings, touched, now);
        regrade(touched, now, SYSTEM);
        return added;
    }

    private int insert(List<Sighting> sightings, Set<Long> touched, Instant now) {
        int added = 0;
        for (Sighting s : sightings) {
            if (s.type().site()) {
                continue; // domains, URLs and IPs are the blocklist's
            }
            Identifiers.Identifier id;
            try {
                id = Identifiers.normalise(s.type().identifier(), s.value());
            } catch (Identifiers.InvalidIdentifier e) {
                continue;
            }
            long entry = store.entryId(id.type(), id.value(), id.detail(), now);
            if (store.addSighting(
                    entry,
                    s.kind(),
                    s.at(),
                    s.refType(),
                    s.refId(),
                    s.reporter(),
                    s.unitCode(),
                    s.fraudType(),
                    s.receiving(),
                    now)) {
                added++;
                touched.add(entry);
            }
        }
        return added;
    }

    @Override
    @Transactional
    public void withdraw(String refType, String refId) {
        regrade(store.removeSightings(refType, refId), now(), SYSTEM);
    }

    Grading.Settings settings(org.fanzha.cases.IdentifierType type) {
        Duration decay = RiskType.of(type).map(properties::decayOf).orElse(properties.decay());
        return new Grading.Settings(properties.caseWindow(), decay, properties.reportersForReview());
    }

    /** Grades entries again (in the caller's transaction); changes get serials in one block. */
    void regrade(Collection<Long> ids, Instant now, String actor) {
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, RiskStore.Entry> entries =
                store.lock(ids).stream().collect(Collectors.toMap(RiskStore.Entry::id, Function.identity()));
        Map<Long, RiskStore.Seen> seen = store.seen(entries.keySet(), entries);
        List<Object[]> graded = new ArrayList<>();
        int changes = 0;
        for (RiskStore.Entry e : entries.values()) {
            RiskStore.Seen s = seen.get(e.id());
            Grading.Grade g = Grading.grade(
                    new Grading.Evidence(s.seen(), s.lastReceivingCase(), s.reporters(), e.review()),
                    settings(e.type()),
                    now);
            boolean changed = g.level() != e.level() || g.rule() != e.rule();
            if (changed) {
                changes++;
            }
            graded.add(new Object[] {e, g, changed});
        }
        long serial = changes == 0 ? 0 : store.allocateSerials(changes);
        for (Object[] row : graded) {
            RiskStore.Entry e = (RiskStore.Entry) row[0];
            Grading.Grade g = (Grading.Grade) row[1];
            boolean changed = (Boolean) row[2];
            store.graded(e, g, seen.get(e.id()), changed, changed ? serial : 0, now);
            if (changed) {
                serial++;
                store.event(
                        e.id(),
                        now,
                        actor,
                        "GRADED",
                        e.level(),
                        g.level(),
                        g.rule().code() + (g.decayed() > 0 ? " (−" + g.decayed() + ")" : ""));
            }
        }
        if (changes > 0) {
            afterCommit(feed::catchUp);
        }
    }

    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    r.run();
                }
            });
        } else {
            r.run();
        }
    }

    /** A reviewer sets the level (raise, lower or clear) with a reason, for a time. */
    RiskStore.Entry review(
            long id, @Nullable RiskLevel level, @Nullable String reason, @Nullable Duration validity, Actor actor) {
        List<org.fanzha.platform.FieldError> errors = new ArrayList<>();
        if (level == null) {
            errors.add(org.fanzha.platform.FieldError.of("level", "error.riskLevel", null));
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            errors.add(org.fanzha.platform.FieldError.of("reason", "error.riskReviewReason", null));
        }
        Duration holds = validity == null ? properties.reviewValidity() : validity;
        if (holds.isNegative() || holds.isZero() || holds.compareTo(properties.maxReviewValidity()) > 0) {
            errors.add(org.fanzha.platform.FieldError.of(
                    "validDays",
                    "error.riskReviewValidity",
                    validity == null ? null : validity.toDays(),
                    properties.maxReviewValidity().toDays()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String by = actor.name();
        return tx.execute(status -> {
            Instant now = now();
            RiskStore.Entry before =
                    store.lock(List.of(id)).stream().findFirst().orElseThrow(() -> new EntryNotFound(id));
            store.review(id, level, by, reason.strip(), now, now.plus(holds));
            store.event(id, now, by, "REVIEWED", before.level(), level, reason.strip());
            audit.record(
                    "REVIEW",
                    "risk_entry",
                    Long.toString(id),
                    level + " until " + now.plus(holds) + ": " + reason.strip());
            regrade(List.of(id), now, by);
            return store.find(id).orElseThrow();
        });
    }

    @Override
    public org.fanzha.risk.RiskLevel level(org.fanzha.risk.RiskType type, String value) {
        try {
            var id = org.fanzha.cases.Identifiers.normalise(type.identifier(), value);
            return store.find(id.type(), id.value()).map(RiskStore.Entry::level).orElse(org.fanzha.risk.RiskLevel.NONE);
        } catch (org.fanzha.cases.Identifiers.InvalidIdentifier e) {
            return org.fanzha.risk.RiskLevel.NONE;
        }
    }

    /** Grades again the entries whose level the passing of time may have changed. */
    @Scheduled(
            fixedDelayString = "${fanzha.risk.regrade-interval:60s}",
            initialDelayString = "${fanzha.risk.regrade-interval:60s}")
    void regradeDue() {
        while (true) {
            Integer n = tx.execute(status -> {
                Instant now = now();
                List<Long> due = store.due(now, 500);
                regrade(due, now, SYSTEM);
                return due.size();
            });
            if (n == null || n < 500) {
                return;
            }
        }
    }
}
