package org.fanzha.blocklist.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.blocklist.BlocklistProperties;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Role;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of block and allow entries: normalisation, the allowlist winning, who puts an entry
 * in force at once and who waits for review, reviews, removal, appeals. Every change raises the
 * blocklist serial and is applied to this instance's matcher before the method returns.
 */
@Service
class Blocklist {

    static class EntryNotFound extends ProblemException {
        EntryNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "block-entry-not-found",
                    "problem.entryNotFound.title",
                    "problem.entryNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static class AllowNotFound extends ProblemException {
        AllowNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "allow-entry-not-found",
                    "problem.allowNotFound.title",
                    "problem.allowNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static class AllowedName extends ProblemException {
        AllowedName(String value, BlockStore.Allow allow) {
            super(
                    HttpStatus.CONFLICT,
                    "allowed-name",
                    "problem.allowedName.title",
                    "problem.allowedName.detail",
                    args(value, allow.domain(), allow.reason()),
                    java.util.Map.of("allowEntry", allow.id()));
        }
    }

    static class WrongState extends ProblemException {
        WrongState(String what, Object... args) {
            super(HttpStatus.CONFLICT, "wrong-state", "problem.wrongState.title", what, args(args), java.util.Map.of());
        }
    }

    /** An entry as submitted, before normalisation. */
    record Submission(
            @Nullable String value,
            @Nullable Scope scope,
            @Nullable FraudType category,
            @Nullable Source source,
            @Nullable String evidence,
            @Nullable String screenshotRef,
            @Nullable Instant expiresAt,
            @Nullable Boolean sensitiveConfirmed) {

        Submission(
                @Nullable String value,
                @Nullable Scope scope,
                @Nullable FraudType category,
                @Nullable Source source,
                @Nullable String evidence,
                @Nullable String screenshotRef,
                @Nullable Instant expiresAt) {
            this(value, scope, category, source, evidence, screenshotRef, expiresAt, null);
        }
    }

    record Added(BlockStore.Entry entry, boolean duplicate) {}

    /** A value normalised for its scope. */
    record Normalised(String value, Scope scope, String host) {}

    private final BlockStore store;
    private final BlocklistFeed feed;
    private final Matcher matcher;
    private final BlocklistProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String provinceCode;
    private final ZoneJournal journal;

    Blocklist(
            ZoneJournal journal,
            BlockStore store,
            BlocklistFeed feed,
            Matcher matcher,
            BlocklistProperties properties,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            DivisionsProperties divisions) {
        this.journal = journal;
        this.store = store;
        this.feed = feed;
        this.matcher = matcher;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.provinceCode = divisions.provinceCode();
    }

    static String by(Actor actor) {
        return (actor.kind() == Actor.Kind.PARTNER ? "partner:" : "") + actor.name();
    }

    /** Whether the actor's entries of this source are in force without review. */
    boolean trusted(Actor actor, Source source) {
        if (actor.kind() == Actor.Kind.PARTNER) {
            return properties.trustedSources().contains(source) && actor.mayActFor(source);
        }
        return actor.roles().contains(Role.COMMANDER) && actor.unitCode().equals(provinceCode);
    }

    /**
     * Normalises a value for the scope it is given: domains as host names, URL prefixes as
     * canonical URLs without the scheme, IP addresses as such. A value with a path given for a
     * domain scope is a URL prefix; an IP address is an IP entry.
     */
    static Normalised normalise(String raw, Scope scope) {
        String value = raw.strip();
        boolean looksLikeUrl = value.contains("/") || value.contains("?") || value.contains("://");
        if (scope == Scope.URL_PREFIX || looksLikeUrl) {
            Names.Url url = Names.url(value);
            boolean rootOnly = url.pathAndQuery().equals("/");
            if (scope != Scope.URL_PREFIX && rootOnly) {
                return domainOrIp(url.host(), scope);
            }
            return new Normalised(url.key(), Scope.URL_PREFIX, url.host());
        }
        return domainOrIp(Names.host(value), scope);
    }

    private static Normalised domainOrIp(String host, Scope scope) {
        if (Names.isIp(host)) {
            return new Normalised(host, Scope.IP, host);
        }
        if (scope == Scope.IP) {
            throw new Names.InvalidName("error.ident.notIp");
        }
        if (scope == Scope.DOMAIN_AND_SUBDOMAINS && Matcher.isPublicSuffix(host)) {
            throw new Names.InvalidName("error.name.publicSuffix");
        }
        return new Normalised(host, scope, host);
    }

    /** The allow entry protecting a normalised value, if any. */
    Optional<BlockStore.Allow> protectedBy(Normalised n) {
        Matcher.Match m = matcher.checkHost(n.host());
        if (m.verdict() == Verdict.ALLOWED) {
            return store.allow(m.entryId());
        }
        return Optional.empty();
    }

    Added add(Submission s, Actor actor) {
        if (s.value() == null || s.value().isBlank()) {
            throw new InvalidInput("value", "error.domainURLIPAddress", s.value());
        }
        if (s.category() == null) {
            throw new InvalidInput("category", "error.fraudTypeCode", null);
        }
        if (s.source() == null) {
            throw new InvalidInput("source", "error.sourceCode", null);
        }
        if (actor.kind() == Actor.Kind.PARTNER && !actor.mayActFor(s.source())) {
            throw InvalidInput.of("source", "error.tokenSources", s.source(), actor.sources());
        }
        if (s.evidence() != null && s.evidence().length() > 4000) {
            throw new InvalidInput("evidence", "error.atMost4000Characters", null);
        }
        if (s.screenshotRef() != null && s.screenshotRef().length() > 500) {
            throw new InvalidInput("screenshotRef", "error.atMost500Characters", null);
        }
        Instant now = clock.instant();
        if (s.expiresAt() != null && !s.expiresAt().isAfter(now)) {
            throw new InvalidInput("expiresAt", "error.timeInFuture", s.expiresAt());
        }
        Normalised n;
        try {
            n = normalise(s.value(), s.scope() == null ? Scope.DOMAIN_AND_SUBDOMAINS : s.scope());
        } catch (Names.InvalidName e) {
            throw e.asInput("value", s.value());
        }
        protectedBy(n).ifPresent(a -> {
            throw new AllowedName(n.value(), a);
        });
        if (SensitiveNames.sensitive(n.host()) && !Boolean.TRUE.equals(s.sensitiveConfirmed())) {
            throw new SensitiveNames.SensitiveName(n.host());
        }
        EntryState initial = trusted(actor, s.source()) ? EntryState.ACTIVE : EntryState.PENDING_REVIEW;
        String by = by(actor);
        Added added = tx.execute(status -> {
            long serial = store.nextSerial(now);
            journal.begin(serial);
            var existing = store.find(n.scope(), n.value());
            if (existing.isPresent()) {
                var e = existing.get();
                store.seenAgain(e.id(), now);
                EntryState next = switch (e.state()) {
                    case ACTIVE, PENDING_REVIEW -> e.state();
                    case EXPIRED -> initial;
                    case REMOVED, REJECTED -> EntryState.PENDING_REVIEW;
                };
                journal.entry(
                        serial,
                        e.value(),
                        e.scope(),
                        e.category(),
                        e.state() == EntryState.ACTIVE,
                        next == EntryState.ACTIVE);
                journal.complete(serial);
                if (next != e.state()) {
                    store.setState(e.id(), next, null, now, serial);
                    store.event(
                            e.id(), now, by, "REPORTED_AGAIN", "from " + s.source() + ", " + e.state() + " → " + next);
                } else {
                    store.event(e.id(), now, by, "REPORTED_AGAIN", "from " + s.source());
                }
                return new Added(store.find(e.id()).orElseThrow(), true);
            }
            long id = store.insert(
                    new BlockStore.NewEntry(
                            n.value(),
                            n.scope(),
                            s.category(),
                            s.source(),
                            blank(s.evidence()),
                            blank(s.screenshotRef()),
                            initial,
                            by,
                            s.expiresAt()),
                    now,
                    serial);
            store.event(id, now, by, "ADDED", initial == EntryState.ACTIVE ? "in force at once" : "waits for review");
            journal.entry(serial, n.value(), n.scope(), s.category(), false, initial == EntryState.ACTIVE);
            journal.complete(serial);
            audit.record("CREATE", "block_entry", Long.toString(id), n.scope() + " " + n.value() + " " + initial);
            return new Added(store.find(id).orElseThrow(), false);
        });
        feed.catchUp();
        return added;
    }

    /** A reviewer puts a waiting entry in force, or refuses it. */
    BlockStore.Entry review(long id, boolean approve, @Nullable String note, Actor actor) {
        Instant now = clock.instant();
        BlockStore.Entry result = tx.execute(status -> {
            long serial = store.nextSerial(now);
            journal.begin(serial);
            var e = store.forUpdate(id).orElseThrow(() -> new EntryNotFound(id));
            if (e.state() != EntryState.PENDING_REVIEW) {
                throw new WrongState(
                        "problem.entry.notPending", id, org.fanzha.platform.Texts.key("entry.state." + e.state()));
            }
            if (approve) {
                Normalised n = new Normalised(e.value(), e.scope(), hostOf(e));
                protectedBy(n).ifPresent(a -> {
                    throw new AllowedName(e.value(), a);
                });
            }
            EntryState next = approve ? EntryState.ACTIVE : EntryState.REJECTED;
            journal.entry(serial, e.value(), e.scope(), e.category(), false, approve);
            journal.complete(serial);
            store.setState(id, next, by(actor), now, serial);
            store.event(id, now, by(actor), approve ? "APPROVED" : "REJECTED", blank(note));
            audit.record(approve ? "APPROVE" : "REJECT", "block_entry", Long.toString(id), e.value());
            return store.find(id).orElseThrow();
        });
        feed.catchUp();
        return result;
    }

    /** A reviewer takes an entry out of force. */
    BlockStore.Entry remove(long id, @Nullable String note, Actor actor) {
        Instant now = clock.instant();
        BlockStore.Entry result = tx.execute(status -> {
            long serial = store.nextSerial(now);
            journal.begin(serial);
            var e = store.forUpdate(id).orElseThrow(() -> new EntryNotFound(id));
            if (e.state() == EntryState.REMOVED || e.state() == EntryState.REJECTED) {
                throw new WrongState(
                        "problem.entry.already", id, org.fanzha.platform.Texts.key("entry.state." + e.state()));
            }
            journal.entry(serial, e.value(), e.scope(), e.category(), e.state() == EntryState.ACTIVE, false);
            journal.complete(serial);
            store.setState(id, EntryState.REMOVED, by(actor), now, serial);
            store.event(id, now, by(actor), "REMOVED", blank(note));
            audit.record("REMOVE", "block_entry", Long.toString(id), e.value());
            return store.find(id).orElseThrow();
        });
        feed.catchUp();
        return result;
    }

    /** Takes entries whose expiry passed out of force; returns how many. */
    int expire() {
        Instant now = clock.instant();
        Integer n = tx.execute(status -> {
            List<Long> due = store.expired(now, 1000);
            if (due.isEmpty()) {
                return 0;
            }
            long serial = store.nextSerial(now);
            journal.begin(serial);
            for (BlockStore.Entry e : store.byIds(due).values()) {
                journal.entry(serial, e.value(), e.scope(), e.category(), true, false);
            }
            journal.complete(serial);
            store.setStateAll(due, EntryState.EXPIRED, now, serial);
            for (long id : due) {
                store.event(id, now, "system", "EXPIRED", null);
            }
            return due.size();
        });
        if (n != null && n > 0) {
            feed.catchUp();
        }
        return n == null ? 0 : n;
    }

    static String hostOf(BlockStore.Entry e) {
        if (e.scope() == Scope.URL_PREFIX) {
            int cut = e.value().length();
            for (int i = 0; i < e.value().length(); i++) {
                char c = e.value().charAt(i);
                if (c == '/' || c == '?') {
                    cut = i;
                    break;
                }
            }
            return e.value().substring(0, cut);
        }
        return e.value();
    }

    // ---------------------------------------------------------------- allowlist

    /** Adds (or renews) an allow entry; answers how many active block entries it now overrides. */
    long allow(@Nullable String domain, @Nullable String reason, Actor actor) {
        if (domain == null || domain.isBlank()) {
            throw new InvalidInput("domain", "error.domainName", domain);
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInput("reason", "error.whyNameMustNeverBeBlocked", null);
        }
        String host;
        try {
            host = Names.host(domain);
        } catch (Names.InvalidName e) {
            throw e.asInput("domain", domain);
        }
        if (Names.isIp(host)) {
            throw new InvalidInput("domain", "error.domainNameNotIPAddress", domain);
        }
        if (host.indexOf('.') < 0) {
            throw new InvalidInput("domain", "error.domainBelowTopLevelDomain", domain);
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            long serial = store.nextSerial(now);
            store.upsertAllow(host, reason.strip(), by(actor), now, serial);
            audit.record("ALLOW", "allow_entry", host, reason.strip());
        });
        feed.catchUp();
        return store.allow(host).orElseThrow().id();
    }

    void unallow(long id, Actor actor) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            long serial = store.nextSerial(now);
            var a = store.allow(id).orElseThrow(() -> new AllowNotFound(id));
            if (!store.removeAllow(id, now, serial)) {
                throw new WrongState("problem.allow.inactive", id);
            }
            audit.record("UNALLOW", "allow_entry", a.domain(), "");
        });
        feed.catchUp();
    }

    // ---------------------------------------------------------------- appeals (the engine calls these)

    /** An appeal against an entry in force was filed: its history says so. */
    void appealFiled(long entryId, long appealId, String appellant, String reason) {
        store.event(
                entryId,
                clock.instant(),
                "appellant:" + (appellant.length() > 88 ? appellant.substring(0, 88) : appellant),
                "APPEALED",
                "appeal " + appealId + ": " + clipNote(reason));
    }

    /** The block stays. */
    void appealUpheld(long entryId, String note, Actor actor) {
        store.event(entryId, clock.instant(), by(actor), "APPEAL_UPHELD", note);
    }

    /**
     * The appeal succeeds: the entry is removed under a new serial, in the engine's transaction;
     * every feed (zones, matchers) catches up once it commits.
     */
    void appealLifted(long entryId, String note, Actor actor) {
        Instant now = clock.instant();
        var e = store.forUpdate(entryId).orElseThrow(() -> new EntryNotFound(entryId));
        long serial = store.nextSerial(now);
        journal.begin(serial);
        journal.entry(serial, e.value(), e.scope(), e.category(), e.state() == EntryState.ACTIVE, false);
        if (e.state() == EntryState.ACTIVE || e.state() == EntryState.PENDING_REVIEW) {
            store.setState(e.id(), EntryState.REMOVED, by(actor), now, serial);
        }
        journal.complete(serial);
        store.event(entryId, now, by(actor), "APPEAL_LIFTED", note);
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        feed.catchUp();
                    }
                });
    }

    private static String clipNote(String s) {
        return s.length() > 900 ? s.substring(0, 900) + "…" : s;
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
