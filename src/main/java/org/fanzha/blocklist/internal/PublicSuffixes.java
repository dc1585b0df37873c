package org.fanzha.blocklist.internal;

import com.google.thirdparty.publicsuffix.PublicSuffixPatterns;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import org.fanzha.platform.NameTable;

/**
 * The Public Suffix List as Guava ships it (ICANN and private sections), held in {@link NameTable}s
 * so the matcher finds the public suffix of a host name while it walks the name's parents. A
 * private suffix such as {@code blogspot.com} or {@code s3.amazonaws.com} is a public suffix: the
 * names under it belong to different owners.
 */
final class PublicSuffixes {

    static final NameTable EXACT = table(PublicSuffixPatterns.EXACT);
    /** Rules {@code *.parent}: every direct child of a name listed here is a public suffix. */
    static final NameTable UNDER = table(PublicSuffixPatterns.UNDER);
    /** Exceptions {@code !name} to the wildcard rules. */
    static final NameTable EXCLUDED = table(PublicSuffixPatterns.EXCLUDED);

    private PublicSuffixes() {}

    private static NameTable table(Map<String, ?> rules) {
        NameTable.Builder builder = new NameTable.Builder(rules.size());
        for (String rule : rules.keySet()) {
            try {
                builder.add(IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT), 1);
            } catch (IllegalArgumentException e) {
                // a rule that is no valid name matches nothing
            }
        }
        return builder.build();
    }

    // Whether the level [from, to) of `name` (hash `hash`) is a public suffix, given its parent level
    // starting at parentFrom (hash parentHash; -1 for none). (A line comment: see NameTable.find.)
    static boolean isPublicSuffix(byte[] name, int from, int to, long hash, int parentFrom, long parentHash) {
        if (EXCLUDED.find(name, from, to, hash) != NameTable.MISSING) {
            return false;
        }
        if (EXACT.find(name, from, to, hash) != NameTable.MISSING) {
            return true;
        }
        return parentFrom >= 0 && UNDER.find(name, parentFrom, to, parentHash) != NameTable.MISSING;
    }
}
