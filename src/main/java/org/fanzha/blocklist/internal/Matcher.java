package org.fanzha.blocklist.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.fanzha.platform.NameTable;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory matcher: answers for a host name or URL whether it is BLOCKED (and by which
 * entry), ALLOWED (by which allow entry), or neither, walking the name and its parent domains.
 *
 * <p>Domain entries live in 64 shards of {@link NameTable} (by hash of the name) plus a small
 * delta table of recent changes, all in an immutable {@link State} that readers take with one
 * volatile read: a change never blocks a reader. Changes are applied by one writer at a time;
 * when the delta grows large the shards are rebuilt one after the other, so a rebuild needs the
 * memory of one shard more, not of a second index.
 */
@org.springframework.stereotype.Component
final class Matcher {

    static final int SHARDS = 64;
    private static final int REMOVED = 0;

    /** One change of what the matcher must know: an entry (active or not any more). */
    record Change(Scope scope, String value, int id, boolean active) {}

    /** One change of the allowlist. */
    record AllowChange(String domain, int id, boolean active) {}

    /** What decided a check: the entry (block or allow) and the name that matched. */
    record Match(
            Verdict verdict,
            int entryId,
            String matched,
            @Nullable Scope scope) {

        static final Match NONE = new Match(Verdict.UNKNOWN, 0, "", null);
    }

    /** The matcher's tables as one immutable value. */
    private record State(
            NameTable[] exact, NameTable[] subtree, NameTable exactDelta, NameTable subtreeDelta, NameTable allow) {}

    private volatile State state;
    private final Map<String, Prefix[]> urlPrefixes = new ConcurrentHashMap<>();
    private final Map<String, Integer> ips = new ConcurrentHashMap<>();

    // the writer's own copies of the small parts, from which the readers' tables are rebuilt
    private Map<String, Integer> exactDelta = new HashMap<>();
    private Map<String, Integer> subtreeDelta = new HashMap<>();
    private final Map<String, Integer> allow = new HashMap<>();
    private int baseSize;
    // whether a name of one label (an unlisted top-level domain) is blocked with its subdomains:
    // only then must a check look at the top level
    private volatile boolean singleLabelSubtree;

    private record Prefix(String key, int id) {}

    Matcher() {
        NameTable[] empty = new NameTable[SHARDS];
        Arrays.fill(empty, NameTable.EMPTY);
        state = new State(empty, empty.clone(), NameTable.EMPTY, NameTable.EMPTY, NameTable.EMPTY);
    }

    // ---------------------------------------------------------------- reading

    /** The decision for a normalised host name (or IP address). */
    Match checkHost(String host) {
        if (Names.isIp(host)) {
            Integer id = ips.get(host);
            return id == null ? Match.NONE : new Match(Verdict.BLOCKED, id, host, Scope.IP);
        }
        byte[] b = host.getBytes(StandardCharsets.US_ASCII);
        int len = b.length;
        int levels = 1;
        for (byte c : b) {
            if (c == '.') {
                levels++;
            }
        }
        int[] starts = new int[levels];
        long[] hashes = new long[levels];
        long h = NameTable.SEED;
        int k = 0;
        for (int i = len - 1; i >= 0; i--) {
            h = NameTable.step(h, b[i]);
            if (i == 0 || b[i - 1] == '.') {
                starts[k] = i;
                hashes[k] = h;
                k++;
            }
        }
        // starts[0] is the top-level domain, starts[levels - 1] the whole name
        State s = state;
        if (s.allow.size() > 0) {
            for (int level = levels - 1; level >= 0; level--) {
                int id = s.allow.find(b, starts[level], len, hashes[level]);
                if (id != NameTable.MISSING) {
                    // an allow entry protects its own name, and names up to their registrable domain:
                    // never across a (private) public suffix such as blogspot.com
                    if (level == levels - 1 || level >= registrableLevel(b, starts, hashes, levels)) {
                        return new Match(Verdict.ALLOWED, id, host.substring(starts[level]), null);
                    }
                    break;
                }
            }
        }
        boolean deltas = s.exactDelta.size() > 0 || s.subtreeDelta.size() > 0;
        int top = levels > 1 && !singleLabelSubtree ? 1 : 0;
        for (int level = levels - 1; level >= top; level--) {
            int from = starts[level];
            long hash = hashes[level];
            if (level == levels - 1) {
                int id = deltas
                        ? lookup(s.exactDelta, s.exact, b, from, len, hash)
                        : s.exact[shard(hash)].find(b, from, len, hash);
                if (id != NameTable.MISSING) {
                    return new Match(Verdict.BLOCKED, id, host, Scope.DOMAIN);
                }
            }
            int id = deltas
                    ? lookup(s.subtreeDelta, s.subtree, b, from, len, hash)
                    : s.subtree[shard(hash)].find(b, from, len, hash);
            if (id != NameTable.MISSING) {
                return new Match(Verdict.BLOCKED, id, host.substring(from), Scope.DOMAIN_AND_SUBDOMAINS);
            }
        }
        return Match.NONE;
    }

    /** The decision for a canonical URL: its host first, then the URL prefixes of that host. */
    Match checkUrl(Names.Url url) {
        Match byHost = checkHost(url.host());
        if (byHost.verdict() != Verdict.UNKNOWN) {
            return byHost;
        }
        Prefix[] prefixes = urlPrefixes.get(url.host());
        if (prefixes != null) {
            Prefix best = null;
            for (Prefix p : prefixes) {
                if (url.key().startsWith(p.key())
                        && (best == null || p.key().length() > best.key().length())) {
                    best = p;
                }
            }
            if (best != null) {
                return new Match(Verdict.BLOCKED, best.id(), best.key(), Scope.URL_PREFIX);
            }
        }
        return Match.NONE;
    }

    /**
     * The level (index into the levels from the top-level domain down) of the registrable domain:
     * one label below the name's public suffix; the whole name if it is under no public suffix;
     * -1 if the name itself is a public suffix.
     */
    static int registrableLevel(byte[] b, int[] starts, long[] hashes, int levels) {
        int suffix = suffixLevel(b, starts, hashes, levels);
        if (suffix < 0) {
            return levels - 1;
        }
        return suffix + 1 < levels ? suffix + 1 : -1;
    }

    /** The level of the name's public suffix (the longest rule that matches), or -1 for none. */
    private static int suffixLevel(byte[] b, int[] starts, long[] hashes, int levels) {
        int suffix = -1;
        for (int level = 0; level < levels; level++) {
            int parentFrom = level > 0 ? starts[level - 1] : -1;
            long parentHash = level > 0 ? hashes[level - 1] : 0;
            if (PublicSuffixes.isPublicSuffix(b, starts[level], b.length, hashes[level], parentFrom, parentHash)) {
                suffix = level;
            }
        }
        return suffix;
    }

    /** Where the public suffix of a normalised host name starts (its index in the name), or -1 for none. */
    static int publicSuffixStart(String host) {
        byte[] b = host.getBytes(StandardCharsets.US_ASCII);
        int levels = 1;
        for (byte c : b) {
            if (c == '.') {
                levels++;
            }
        }
        int[] starts = new int[levels];
        long[] hashes = new long[levels];
        long h = NameTable.SEED;
        int k = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            h = NameTable.step(h, b[i]);
            if (i == 0 || b[i - 1] == '.') {
                starts[k] = i;
                hashes[k] = h;
                k++;
            }
        }
        int suffix = suffixLevel(b, starts, hashes, levels);
        return suffix < 0 ? -1 : starts[suffix];
    }

    /** Whether a normalised host name is itself a public suffix ({@code com}, {@code blogspot.com}). */
    static boolean isPublicSuffix(String host) {
        return publicSuffixStart(host) == 0;
    }

    private static int lookup(NameTable delta, NameTable[] shards, byte[] b, int from, int to, long hash) {
        int id = delta.find(b, from, to, hash);
        if (id != NameTable.MISSING) {
            return id == REMOVED ? NameTable.MISSING : id;
        }
        return shards[shard(hash)].find(b, from, to, hash);
    }

    private static int shard(long hash) {
        return (int) (hash >>> 58);
    }

    /** Entries in the domain tables (base and delta, removals not subtracted). */
    int size() {
        State s = state;
        int n = s.exactDelta.size() + s.subtreeDelta.size();
        for (int i = 0; i < SHARDS; i++) {
            n += s.exact[i].size() + s.subtree[i].size();
        }
        return n
                + ips.size()
                + urlPrefixes.values().stream().mapToInt(p -> p.length).sum();
    }

    /** Heap bytes held by the domain tables. */
    long indexBytes() {
        State s = state;
        long n = s.exactDelta.bytes() + s.subtreeDelta.bytes();
        for (int i = 0; i < SHARDS; i++) {
            n += s.exact[i].bytes() + s.subtree[i].bytes();
        }
        return n;
    }

    // ---------------------------------------------------------------- writing

    /** Applies changes of block entries; readers see them once this returns. */
    synchronized void apply(Collection<Change> changes) {
        boolean domains = false;
        for (Change c : changes) {
            switch (c.scope()) {
                case DOMAIN -> {
                    exactDelta.put(c.value(), c.active() ? c.id() : REMOVED);
                    domains = true;
                }
                case DOMAIN_AND_SUBDOMAINS -> {
                    subtreeDelta.put(c.value(), c.active() ? c.id() : REMOVED);
                    domains = true;
                    if (c.active() && c.value().indexOf('.') < 0) {
                        singleLabelSubtree = true;
                    }
                }
                case IP -> {
                    if (c.active()) {
                        ips.put(c.value(), c.id());
                    } else {
                        ips.remove(c.value(), c.id());
                    }
                }
                case URL_PREFIX -> applyPrefix(c);
            }
        }
        if (!domains) {
            return;
        }
        if (exactDelta.size() + subtreeDelta.size() > Math.max(20_000, baseSize / 16)) {
            compact();
        } else {
            State s = state;
            state = new State(s.exact, s.subtree, table(exactDelta), table(subtreeDelta), s.allow);
        }
    }

    private void applyPrefix(Change c) {
        String host = c.value().substring(0, indexOfPathOrQuery(c.value()));
        urlPrefixes.compute(host, (h, old) -> {
            List<Prefix> list = new ArrayList<>(old == null ? List.of() : Arrays.asList(old));
            list.removeIf(p -> p.key().equals(c.value()));
            if (c.active()) {
                list.add(new Prefix(c.value(), c.id()));
            }
            return list.isEmpty() ? null : list.toArray(Prefix[]::new);
        });
    }

    private static int indexOfPathOrQuery(String key) {
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch == '/' || ch == '?') {
                return i;
            }
        }
        return key.length();
    }

    /** Applies changes of the allowlist (small: rebuilt whole). */
    synchronized void applyAllow(Collection<AllowChange> changes) {
        for (AllowChange c : changes) {
            if (c.active()) {
                allow.put(c.domain(), c.id());
            } else {
                allow.remove(c.domain());
            }
        }
        State s = state;
        state = new State(s.exact, s.subtree, s.exactDelta, s.subtreeDelta, table(allow));
    }

    /**
     * Folds the delta into the shards, one shard at a time; readers go on meanwhile. No reference
     * to a replaced shard is kept, so the rebuild needs the memory of one shard more, not of a
     * second index.
     */
    private void compact() {
        State published = state;
        // publish the full delta first, so every shard may be swapped on its own
        state = new State(published.exact, published.subtree, table(exactDelta), table(subtreeDelta), published.allow);
        published = null;
        Map<Integer, List<Map.Entry<String, Integer>>> exactByShard = byShard(exactDelta);
        Map<Integer, List<Map.Entry<String, Integer>>> subtreeByShard = byShard(subtreeDelta);
        int size = 0;
        for (int i = 0; i < SHARDS; i++) {
            NameTable exact = merge(state.exact[i], exactByShard.getOrDefault(i, List.of()));
            NameTable subtree = merge(state.subtree[i], subtreeByShard.getOrDefault(i, List.of()));
            exactByShard.remove(i);
            subtreeByShard.remove(i);
            State cur = state;
            NameTable[] e = cur.exact.clone();
            NameTable[] t = cur.subtree.clone();
            e[i] = exact;
            t[i] = subtree;
            state = new State(e, t, cur.exactDelta, cur.subtreeDelta, cur.allow);
            size += exact.size() + subtree.size();
        }
        // new maps rather than clear(): a cleared HashMap keeps its table at the largest size it had
        exactDelta = new HashMap<>();
        subtreeDelta = new HashMap<>();
        baseSize = size;
        State cur = state;
        state = new State(cur.exact, cur.subtree, NameTable.EMPTY, NameTable.EMPTY, cur.allow);
    }

    private static Map<Integer, List<Map.Entry<String, Integer>>> byShard(Map<String, Integer> delta) {
        Map<Integer, List<Map.Entry<String, Integer>>> out = new HashMap<>();
        for (var e : delta.entrySet()) {
            byte[] b = e.getKey().getBytes(StandardCharsets.US_ASCII);
            out.computeIfAbsent(shard(NameTable.hash(b, 0, b.length)), k -> new ArrayList<>())
                    .add(e);
        }
        return out;
    }

    private static NameTable merge(NameTable base, List<Map.Entry<String, Integer>> changes) {
        if (changes.isEmpty()) {
            return base;
        }
        NameTable.Builder builder = new NameTable.Builder(base.size() + changes.size());
        for (int i = 0; i < base.size(); i++) {
            base.copyTo(builder, i);
        }
        for (var c : changes) {
            builder.add(c.getKey(), c.getValue());
        }
        NameTable merged = builder.build();
        // drop removals
        boolean removals = changes.stream().anyMatch(c -> c.getValue() == REMOVED);
        if (!removals) {
            return merged;
        }
        NameTable.Builder kept = new NameTable.Builder(merged.size());
        for (int i = 0; i < merged.size(); i++) {
            if (merged.payload(i) != REMOVED) {
                merged.copyTo(kept, i);
            }
        }
        return kept.build();
    }

    private static NameTable table(Map<String, Integer> entries) {
        NameTable.Builder builder = new NameTable.Builder(entries.size());
        entries.forEach(builder::add);
        return builder.build();
    }
}
