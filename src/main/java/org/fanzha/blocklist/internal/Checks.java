package org.fanzha.blocklist.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.blocklist.BlocklistProperties;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.PublicLimit;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Answers checks of names and URLs, each explained by the entry that decided it. */
@Service
class Checks implements org.fanzha.blocklist.SiteChecks {

    /** The entry (block or allow) that decided a check. */
    record DecidedBy(
            long id,
            String kind,
            String value,
            @Nullable Scope scope,
            @Nullable FraudType category,
            @Nullable Source source,
            @Nullable String reason,
            @Nullable Instant since) {}

    record Result(
            String target,
            @Nullable String normalized,
            @Nullable Verdict verdict,
            @Nullable DecidedBy decidedBy,
            @Nullable String imitates,
            @Nullable String error) {}

    private final Matcher matcher;
    private final BlockStore store;
    private final LookAlikes lookAlikes;

    private final Suspicions suspicions;

    private final PublicLimit publicLimit;

    Checks(
            Matcher matcher,
            BlockStore store,
            BlocklistProperties properties,
            Suspicions suspicions,
            PublicLimit publicLimit) {
        this.publicLimit = publicLimit;
        this.suspicions = suspicions;
        this.matcher = matcher;
        this.store = store;
        this.lookAlikes = new LookAlikes(properties.brands());
    }

    private record Decided(
            String target,
            @Nullable String normalized,
            Matcher.@Nullable Match match,
            @Nullable String imitates,
            @Nullable String error) {}

    @Override
    public List<SiteRisk> sites(List<String> targets) {
        List<SiteRisk> out = new ArrayList<>(targets.size());
        for (Result r : checkAll(targets)) {
            DecidedBy by = r.decidedBy();
            out.add(new SiteRisk(
                    r.verdict() == null ? Verdict.UNKNOWN : r.verdict(),
                    by == null ? null : by.category(),
                    by == null ? null : by.since()));
        }
        return out;
    }

    @Override
    public SiteLookup lookup(String target) {
        Result r = check(target);
        if (r.error() != null) {
            return new SiteLookup(null, null, null, null, null, null, r.error());
        }
        DecidedBy by = r.decidedBy();
        Long appealable = null;
        if (by != null && "BLOCK".equals(by.kind())) {
            appealable = store.find(by.id())
                    .filter(e -> e.state() == org.fanzha.blocklist.EntryState.ACTIVE)
                    .map(e -> e.id())
                    .orElse(null);
        }
        return new SiteLookup(
                r.normalized(),
                r.verdict(),
                by == null ? null : by.category(),
                by == null ? null : by.since(),
                r.imitates(),
                appealable,
                null);
    }

    @Override
    public boolean allowPublic(String address) {
        return publicLimit.allowed(address);
    }

    Result check(String target) {
        return checkAll(List.of(target)).get(0);
    }

    List<Result> checkAll(List<String> targets) {
        List<Decided> decided = new ArrayList<>(targets.size());
        Set<Long> blockIds = new HashSet<>();
        Set<Long> allowIds = new HashSet<>();
        for (String target : targets) {
            Decided d = decide(target);
            decided.add(d);
            if (d.match() != null && d.match().verdict() == Verdict.BLOCKED) {
                blockIds.add((long) d.match().entryId());
            } else if (d.match() != null && d.match().verdict() == Verdict.ALLOWED) {
                allowIds.add((long) d.match().entryId());
            }
        }
        Map<Long, BlockStore.Entry> entries = store.byIds(blockIds);
        Map<Long, BlockStore.Allow> allows = store.allowsByIds(allowIds);
        List<Result> results = new ArrayList<>(decided.size());
        for (Decided d : decided) {
            if (d.error() != null) {
                results.add(new Result(d.target(), null, null, null, null, d.error()));
                continue;
            }
            Matcher.Match m = d.match();
            DecidedBy by = null;
            if (m.verdict() == Verdict.BLOCKED) {
                BlockStore.Entry e = entries.get((long) m.entryId());
                if (e != null) {
                    by = new DecidedBy(
                            e.id(),
                            "BLOCK",
                            e.value(),
                            e.scope(),
                            e.category(),
                            e.source(),
                            null,
                            e.reviewedAt() != null ? e.reviewedAt() : e.firstSeen());
                }
            } else if (m.verdict() == Verdict.ALLOWED) {
                BlockStore.Allow a = allows.get((long) m.entryId());
                if (a != null) {
                    by = new DecidedBy(a.id(), "ALLOW", a.domain(), null, null, null, a.reason(), a.createdAt());
                }
            }
            Verdict verdict = m.verdict() == Verdict.UNKNOWN && d.imitates() != null ? Verdict.SUSPICIOUS : m.verdict();
            results.add(new Result(d.target(), d.normalized(), verdict, by, d.imitates(), null));
        }
        return results;
    }

    private Decided decide(String target) {
        String t = target.strip();
        if (t.isEmpty()) {
            return new Decided(target, null, null, null, "is empty");
        }
        try {
            boolean url = t.contains("/") || t.contains("?") || t.contains("://");
            Matcher.Match m;
            String normalized;
            String host;
            if (url) {
                Names.Url u = Names.url(t);
                m = matcher.checkUrl(u);
                normalized = u.canonical();
                host = u.host();
            } else {
                host = Names.host(t);
                m = matcher.checkHost(host);
                normalized = host;
            }
            String imitates = null;
            if (m.verdict() == Verdict.UNKNOWN && !Names.isIp(host)) {
                imitates = lookAlikes.imitated(host, Matcher.publicSuffixStart(host));
                if (imitates != null) {
                    suspicions.seen(host, imitates);
                }
            }
            return new Decided(target, normalized, m, imitates, null);
        } catch (Names.InvalidName e) {
            return new Decided(target, null, null, null, e.getMessage());
        }
    }
}
