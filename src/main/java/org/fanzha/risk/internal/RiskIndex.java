package org.fanzha.risk.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.NameTable;
import org.fanzha.risk.RiskLevel;
import org.springframework.stereotype.Component;

/**
 * This instance's copy of the list for checks: every entry above NONE as its type's byte and its
 * value's UTF-8 bytes in 64 shards of {@link NameTable}, with a small delta table of recent
 * changes; the payload is the level and the rule. About the value's length plus 15 bytes per
 * entry, against some 100 for a {@code HashMap<String, …>}. Readers take the tables with one
 * volatile read; the one writer merges the delta into the shards it touches when it grows.
 */
@Component
final class RiskIndex {

    static final int SHARDS = 64;
    private static final int MERGE_AT = 4096;
    /** The payload of an entry that left the list (in the delta, over an older shard entry). */
    private static final int REMOVED = 0;

    /** What the index knows of a value: level and rule. */
    record Hit(RiskLevel level, RiskRule rule) {
        static final Hit NONE = new Hit(RiskLevel.NONE, RiskRule.NONE);
    }

    private record State(NameTable[] shards, NameTable delta) {}

    private volatile State state;
    // the writer's own copy of the delta
    private final Map<String, Integer> delta = new HashMap<>();

    RiskIndex() {
        NameTable[] empty = new NameTable[SHARDS];
        Arrays.fill(empty, NameTable.EMPTY);
        state = new State(empty, NameTable.EMPTY);
    }

    static byte[] key(IdentifierType type, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[v.length + 1];
        k[0] = (byte) type.ordinal();
        System.arraycopy(v, 0, k, 1, v.length);
        return k;
    }

    static int payload(RiskLevel level, RiskRule rule) {
        return level == RiskLevel.NONE ? REMOVED : level.ordinal() | rule.ordinal() << 2;
    }

    /** Every hit there can be, by payload, so a lookup allocates nothing. */
    private static final Hit[] HITS = new Hit[RiskRule.values().length << 2];

    static {
        for (RiskRule rule : RiskRule.values()) {
            for (RiskLevel level : RiskLevel.values()) {
                HITS[level.ordinal() | rule.ordinal() << 2] = level == RiskLevel.NONE ? Hit.NONE : new Hit(level, rule);
            }
        }
    }

    private static Hit hit(int payload) {
        if (payload == NameTable.MISSING || payload == REMOVED) {
            return Hit.NONE;
        }
        return HITS[payload];
    }

    private static int shard(long hash) {
        return (int) (hash >>> 58);
    }

    /** The level and rule of a normalised value. */
    Hit find(IdentifierType type, String value) {
        // the common case, an ASCII value: hashed and compared as it is, without copying it
        long h = NameTable.SEED;
        boolean ascii = true;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            h = NameTable.step(h, (byte) c);
        }
        if (ascii) {
            byte first = (byte) type.ordinal();
            long hash = NameTable.step(h, first);
            State s = state;
            if (s.delta.size() > 0) {
                int p = s.delta.find(first, value, hash);
                if (p != NameTable.MISSING) {
                    return hit(p);
                }
            }
            return hit(s.shards[shard(hash)].find(first, value, hash));
        }
        byte[] k = key(type, value);
        long hash = NameTable.hash(k, 0, k.length);
        State s = state;
        if (s.delta.size() > 0) {
            int p = s.delta.find(k, 0, k.length, hash);
            if (p != NameTable.MISSING) {
                return hit(p);
            }
        }
        return hit(s.shards[shard(hash)].find(k, 0, k.length, hash));
    }

    int size() {
        State s = state;
        int n = 0;
        for (NameTable t : s.shards) {
            n += t.size();
        }
        return n + s.delta.size();
    }

    /** Heap bytes of the tables' arrays. */
    long bytes() {
        State s = state;
        long n = s.delta.bytes();
        for (NameTable t : s.shards) {
            n += t.bytes();
        }
        return n;
    }

    /** Builds the index anew from a full load (entries above NONE); replaces what it held. */
    final class Loader {
        private final NameTable.Builder[] builders = new NameTable.Builder[SHARDS];

        Loader(int expected) {
            for (int i = 0; i < SHARDS; i++) {
                builders[i] = new NameTable.Builder(Math.max(16, expected / SHARDS));
            }
        }

        void add(IdentifierType type, String value, RiskLevel level, RiskRule rule) {
            if (level == RiskLevel.NONE) {
                return;
            }
            byte[] k = key(type, value);
            builders[shard(NameTable.hash(k, 0, k.length))].add(k, 0, k.length, payload(level, rule));
        }

        void install() {
            NameTable[] shards = new NameTable[SHARDS];
            for (int i = 0; i < SHARDS; i++) {
                shards[i] = builders[i].build();
                builders[i] = null;
            }
            synchronized (RiskIndex.this) {
                delta.clear();
                state = new State(shards, NameTable.EMPTY);
            }
        }
    }

    Loader loader(int expected) {
        return new Loader(expected);
    }

    /** Applies one change (a level of NONE takes the value off). */
    synchronized void apply(IdentifierType type, String value, RiskLevel level, RiskRule rule) {
        byte[] k = key(type, value);
        delta.put(new String(k, StandardCharsets.ISO_8859_1), payload(level, rule));
    }

    /** Makes the changes applied so far visible to readers (merging a large delta into its shards). */
    synchronized void publish() {
        State s = state;
        if (delta.size() < MERGE_AT) {
            NameTable.Builder b = new NameTable.Builder(delta.size());
            delta.forEach((k, p) -> {
                byte[] key = k.getBytes(StandardCharsets.ISO_8859_1);
                b.add(key, 0, key.length, p);
            });
            state = new State(s.shards, b.build());
            return;
        }
        NameTable[] shards = s.shards.clone();
        Map<Integer, Map<String, Integer>> byShard = new HashMap<>();
        delta.forEach((k, p) -> {
            byte[] key = k.getBytes(StandardCharsets.ISO_8859_1);
            byShard.computeIfAbsent(shard(NameTable.hash(key, 0, key.length)), i -> new HashMap<>())
                    .put(k, p);
        });
        byShard.forEach((i, changes) -> {
            NameTable old = shards[i];
            NameTable.Builder b = new NameTable.Builder(old.size() + changes.size());
            for (int j = 0; j < old.size(); j++) {
                // the stored key's bytes (valid UTF-8: the type byte, then the value)
                byte[] key = old.name(j).getBytes(StandardCharsets.UTF_8);
                if (!changes.containsKey(new String(key, StandardCharsets.ISO_8859_1))) {
                    old.copyTo(b, j);
                }
            }
            changes.forEach((k, p) -> {
                if (p != REMOVED) {
                    byte[] key = k.getBytes(StandardCharsets.ISO_8859_1);
                    b.add(key, 0, key.length, p);
                }
            });
            NameTable merged = b.build();
            shards[i] = merged;
        });
        delta.clear();
        state = new State(shards, NameTable.EMPTY);
    }
}
