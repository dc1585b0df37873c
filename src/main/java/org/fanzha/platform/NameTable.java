package org.fanzha.platform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable, compact set of names (UTF-8) with an int payload each: the names' bytes in one
 * array, an offset and a payload per name, and an open-addressing table of name indexes. About
 * the name's length plus 14 bytes per entry, against some 100 for a {@code HashMap<String, …>}.
 *
 * <p>The hash runs from the last byte of a name to the first, so that walking a host name from
 * its top-level domain down yields the hash of every parent domain on the way, one byte at a
 * time, without cutting substrings ({@link #step}).
 */
public final class NameTable {

    public static final int MISSING = Integer.MIN_VALUE;
    public static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    public static final NameTable EMPTY = new Builder(0).build();

    private final byte[] names;
    private final int[] offsets;
    private final int[] payloads;
    private final int[] slots;
    private final int mask;

    private NameTable(byte[] names, int[] offsets, int[] payloads, int[] slots) {
        this.names = names;
        this.offsets = offsets;
        this.payloads = payloads;
        this.slots = slots;
        this.mask = slots.length - 1;
    }

    /** The hash after one more byte, taken from the right. */
    public static long step(long hash, byte b) {
        return (hash ^ (b & 0xff)) * PRIME;
    }

    public static long hash(byte[] s, int from, int to) {
        long h = SEED;
        for (int i = to - 1; i >= from; i--) {
            h = step(h, s[i]);
        }
        return h;
    }

    // A slot holds the entry's index + 1 in its low 24 bits (0: empty) and 8 bits of the name's
    // hash above them, so a probe passes over most other names without reading their offsets.
    private static final int INDEX_BITS = 24;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    private static int fingerprint(long hash) {
        return (int) (hash >>> 40) & 0xff;
    }

    private static int slotOf(int index, long hash) {
        return fingerprint(hash) << INDEX_BITS | (index + 1);
    }

    private static int spread(long h) {
        long x = h ^ (h >>> 29);
        x *= 0xbf58476d1ce4e5b9L;
        return (int) (x ^ (x >>> 32));
    }

    public int size() {
        return payloads.length;
    }

    // The payload of the name s[from, to) whose hash() is `hash`, or MISSING. (A line comment: Spring
    // Modulith 2.0.3's documentation writer fails on documented methods that take arrays.)
    public int find(byte[] s, int from, int to, long hash) {
        int len = to - from;
        int slot = spread(hash) & mask;
        int want = fingerprint(hash);
        while (true) {
            int v = slots[slot];
            if (v == 0) {
                return MISSING;
            }
            if (v >>> INDEX_BITS == want) {
                int index = (v & INDEX_MASK) - 1;
                int start = offsets[index];
                if (offsets[index + 1] - start == len && Arrays.equals(names, start, start + len, s, from, to)) {
                    return payloads[index];
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The payload of the name made of one byte and then the characters of an ASCII string (every
     * character below 0x80), whose hash() is {@code hash}, or MISSING: a lookup without copying the
     * string into bytes.
     */
    public int find(byte first, String ascii, long hash) {
        int len = ascii.length() + 1;
        int slot = spread(hash) & mask;
        int want = fingerprint(hash);
        while (true) {
            int v = slots[slot];
            if (v == 0) {
                return MISSING;
            }
            if (v >>> INDEX_BITS == want) {
                int index = (v & INDEX_MASK) - 1;
                int start = offsets[index];
                if (offsets[index + 1] - start == len && names[start] == first && sameAscii(start + 1, ascii)) {
                    return payloads[index];
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameAscii(int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (names[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public int find(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return find(b, 0, b.length, hash(b, 0, b.length));
    }

    public String name(int index) {
        return new String(names, offsets[index], offsets[index + 1] - offsets[index], StandardCharsets.UTF_8);
    }

    public void copyTo(Builder builder, int index) {
        builder.add(names, offsets[index], offsets[index + 1], payloads[index]);
    }

    public int payload(int index) {
        return payloads[index];
    }

    /** Heap bytes of the arrays (without object headers of the table itself). */
    public long bytes() {
        return 16L * 4 + names.length + 4L * offsets.length + 4L * payloads.length + 4L * slots.length;
    }

    // Collects names (a later add of the same name replaces the earlier) and builds the table.
    public static final class Builder {
        private byte[] names;
        private int[] offsets;
        private int[] payloads;
        private long[] hashes;
        private int count;
        private int used;

        public Builder(int expected) {
            int n = Math.max(expected, 4);
            names = new byte[n * 16];
            offsets = new int[n + 1];
            payloads = new int[n];
            hashes = new long[n];
        }

        public Builder add(String name, int payload) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            return add(b, 0, b.length, payload);
        }

        public Builder add(byte[] src, int from, int to, int payload) {
            int len = to - from;
            if (count == payloads.length) {
                int n = payloads.length * 2;
                offsets = Arrays.copyOf(offsets, n + 1);
                payloads = Arrays.copyOf(payloads, n);
                hashes = Arrays.copyOf(hashes, n);
            }
            if (used + len > names.length) {
                names = Arrays.copyOf(names, Math.max(names.length * 2, used + len));
            }
            System.arraycopy(src, from, names, used, len);
            offsets[count] = used;
            hashes[count] = hash(src, from, to);
            payloads[count] = payload;
            used += len;
            count++;
            offsets[count] = used;
            return this;
        }

        public int count() {
            return count;
        }

        public NameTable build() {
            if (count >= INDEX_MASK) {
                throw new IllegalArgumentException("a name table holds fewer than " + INDEX_MASK + " names: shard it");
            }
            int capacity = Math.max(4, Integer.highestOneBit((int) (count / 0.7) + 1) << 1);
            int[] slots = new int[capacity];
            int mask = capacity - 1;
            int[] keep = new int[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int slot = spread(hashes[i]) & mask;
                boolean replaced = false;
                while (slots[slot] != 0) {
                    int other = (slots[slot] & INDEX_MASK) - 1;
                    int os = offsets[other];
                    int ol = offsets[other + 1] - os;
                    int len = offsets[i + 1] - offsets[i];
                    if (ol == len && Arrays.equals(names, os, os + ol, names, offsets[i], offsets[i] + len)) {
                        slots[slot] = slotOf(i, hashes[i]); // the later add wins
                        replaced = true;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
                if (!replaced) {
                    slots[slot] = slotOf(i, hashes[i]);
                    keep[kept++] = i;
                }
            }
            if (kept == count) {
                return new NameTable(
                        Arrays.copyOf(names, used),
                        Arrays.copyOf(offsets, count + 1),
                        Arrays.copyOf(payloads, count),
                        slots);
            }
            // duplicates: compact to the entries the slots point at
            Builder compact = new Builder(kept);
            for (int s = 0; s < capacity; s++) {
                if (slots[s] != 0) {
                    int i = (slots[s] & INDEX_MASK) - 1;
                    compact.add(names, offsets[i], offsets[i + 1], payloads[i]);
                }
            }
            return compact.build();
        }
    }
}
