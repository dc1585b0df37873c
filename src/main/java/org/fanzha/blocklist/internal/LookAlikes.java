package org.fanzha.blocklist.internal;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Names that imitate a protected brand (a bank, a payment app, a government portal): a label, or
 * a hyphen-separated part of one, that after folding look-alike characters ({@code 0}→o,
 * {@code rn}→m, Cyrillic {@code а}→a …) equals the brand or lies within a small edit distance of
 * it. Such names are SUSPICIOUS, for review; never blocked on this ground alone.
 */
final class LookAlikes {

    private static final Map<Character, String> FOLD = Map.ofEntries(
            Map.entry('0', "o"),
            Map.entry('1', "l"),
            Map.entry('3', "e"),
            Map.entry('4', "a"),
            Map.entry('5', "s"),
            Map.entry('7', "t"),
            Map.entry('8', "b"),
            Map.entry('9', "g"),
            Map.entry('i', "l"),
            Map.entry('а', "a"),
            Map.entry('е', "e"),
            Map.entry('о', "o"),
            Map.entry('р', "p"),
            Map.entry('с', "c"),
            Map.entry('х', "x"),
            Map.entry('у', "y"),
            Map.entry('і', "l"),
            Map.entry('ј', "j"),
            Map.entry('ԁ', "d"),
            Map.entry('ɡ', "g"),
            Map.entry('ո', "n"),
            Map.entry('ѕ', "s"),
            Map.entry('ԛ', "q"),
            Map.entry('ԝ', "w"),
            Map.entry('ı', "l"),
            Map.entry('ⅼ', "l"),
            Map.entry('ο', "o"),
            Map.entry('α', "a"),
            Map.entry('ν', "v"));

    /** A protected brand: its label (e.g. {@code icbc}) and its folded form. */
    record Brand(String label, String folded) {}

    private final List<Brand> brands;

    LookAlikes(List<String> labels) {
        this.brands = labels.stream()
                .map(l -> l.strip().toLowerCase(Locale.ROOT))
                .filter(l -> !l.isEmpty())
                .distinct()
                .map(l -> new Brand(l, fold(l)))
                .toList();
    }

    /** The brand that a label of the name (public suffix excluded) imitates, or null. */
    @Nullable
    String imitated(String host, int publicSuffixStart) {
        String own = publicSuffixStart <= 0 ? host : host.substring(0, publicSuffixStart - 1);
        for (String label : own.split("\\.")) {
            String unicode = label.startsWith("xn--") ? IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED) : label;
            String whole = fold(unicode);
            String hit = match(whole);
            if (hit != null) {
                return hit;
            }
            if (unicode.indexOf('-') >= 0) {
                for (String part : unicode.split("-")) {
                    hit = match(fold(part));
                    if (hit != null) {
                        return hit;
                    }
                }
            }
        }
        return null;
    }

    private @Nullable String match(String folded) {
        if (folded.length() < 3) {
            return null;
        }
        for (Brand b : brands) {
            int allowed = b.folded().length() >= 8 ? 2 : b.folded().length() >= 5 ? 1 : 0;
            if (Math.abs(folded.length() - b.folded().length()) > allowed) {
                continue;
            }
            if (folded.equals(b.folded()) || allowed > 0 && distance(folded, b.folded(), allowed) <= allowed) {
                return b.label();
            }
        }
        return null;
    }

    static String fold(String s) {
        String lower =
                s.toLowerCase(Locale.ROOT).replace("rn", "m").replace("vv", "w").replace("cl", "d");
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String f = FOLD.get(c);
            out.append(f != null ? f : String.valueOf(c));
        }
        return out.toString();
    }

    /** Levenshtein distance, giving up above {@code max}. */
    static int distance(String a, String b, int max) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
