package org.fanzha.blocklist;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Normalisation of host names and URLs before anything is stored or matched: lower case, the
 * trailing dot removed, internationalised names as punycode ({@link IDN}), IPv4 addresses in any
 * of their decimal, octal or hexadecimal forms as a dotted quad, and URLs canonicalised as Google
 * Safe Browsing specifies (tab, CR and LF removed, fragment dropped, percent-unescaped until no
 * escape is left, {@code .} and {@code ..} resolved, runs of slashes collapsed, the port dropped,
 * then control, non-ASCII, {@code #} and {@code %} characters escaped again).
 *
 * <p>Cases and other modules normalise domains and URLs with these methods, so the same site is
 * the same value everywhere.
 */
public final class Names {

    /** Longest URL accepted. */
    public static final int MAX_URL = 2048;

    private Names() {}

    /** Thrown for input that is no host name, IP address or URL; the message says why. */
    public static class InvalidName extends IllegalArgumentException {
        private final String key;
        private final Object[] args;

        /** The reason is a bundle key with its arguments. */
        public InvalidName(String key, Object... args) {
            super(org.fanzha.platform.Texts.resolve(key, java.util.List.of(args), java.util.Locale.ENGLISH));
            this.key = key;
            this.args = args.clone();
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }

        /** The reason as a refused request about the given field. */
        public org.fanzha.platform.InvalidInput asInput(
                String field, @org.jspecify.annotations.Nullable Object rejected) {
            return org.fanzha.platform.InvalidInput.of(field, key, rejected, args);
        }
    }

    /**
     * A canonical URL: {@code canonical} as Safe Browsing writes it ({@code http://host/path?query}),
     * {@code host} normalised, and {@code key} (host, path and query without the scheme) for
     * prefix matching, since a fraud page is the same over http and https.
     */
    public record Url(String scheme, String host, String pathAndQuery, String canonical, String key) {}

    /**
     * A host name or IP address, normalised; rejects what cannot be one (empty labels, labels
     * over 63 characters, characters other than letters, digits, hyphen and underscore, names over
     * 253 characters).
     */
    public static String host(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new InvalidName("error.name.empty");
        }
        if (s.length() > 1000) {
            throw new InvalidName("error.name.hostTooLong");
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            return ipv6(s.substring(1, s.length() - 1));
        }
        if (s.indexOf(':') >= 0) {
            return ipv6(s);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String ip = ipv4(s);
        if (ip != null) {
            return ip;
        }
        String ascii;
        if (s.chars().allMatch(c -> c < 128)) {
            ascii = s.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new InvalidName("error.name.idn");
            }
        }
        validate(ascii);
        return ascii;
    }

    private static void validate(String name) {
        if (name.isEmpty()) {
            throw new InvalidName("error.name.empty");
        }
        if (name.length() > 253) {
            throw new InvalidName("error.name.over253");
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    throw new InvalidName("error.name.emptyLabel");
                }
                if (len > 63) {
                    throw new InvalidName("error.name.longLabel");
                }
                labelStart = i + 1;
                continue;
            }
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidName("error.name.character", String.valueOf(c));
            }
        }
    }

    /** True if the normalised host is an IP address (v4 dotted quad or v6). */
    public static boolean isIp(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int n = host.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3 && host.equals(ipv4(host));
    }

    /**
     * The dotted quad of an IPv4 address written in any form browsers accept: one to four parts,
     * each decimal, octal (leading 0) or hexadecimal (0x), the last part filling the remaining
     * bytes ({@code 3279880203}, {@code 0xC3.0x7F.0.11}, {@code 195.127.11}). Null if it is none.
     */
    public static @Nullable String ipv4(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address = (address << 8) | values[i];
        }
        int restBytes = 4 - (values.length - 1);
        long last = values[values.length - 1];
        if (last >= (1L << (8 * restBytes))) {
            return null;
        }
        address = (address << (8 * restBytes)) | last;
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    private static @Nullable Long number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.length() > 1 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0L;
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            return null;
        }
        try {
            long v = Long.parseLong(digits, radix);
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String ipv6(String s) {
        if (s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+")) {
            throw new InvalidName("error.ident.notIp");
        }
        try {
            var address = java.net.InetAddress.getByName("[" + s + "]");
            if (address instanceof java.net.Inet4Address v4) {
                return v4.getHostAddress();
            }
            return ((java.net.Inet6Address) address).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (java.net.UnknownHostException | ClassCastException e) {
            throw new InvalidName("error.ident.notIp");
        }
    }

    /**
     * Canonicalises a URL as Safe Browsing specifies; a URL without a scheme is taken as http. The
     * host must be a valid host name or IP address once canonicalised.
     */
    public static Url url(String raw) {
        Raw r = canonicalParts(raw);
        String host = host(r.host);
        String canonical = r.scheme + "://" + host + r.pathAndQuery;
        return new Url(r.scheme, host, r.pathAndQuery, canonical, host + r.pathAndQuery);
    }

    /**
     * The Safe Browsing canonical form of a URL, without requiring its host to be a valid name
     * ({@code http://host%23.com/} stays as it is): the algorithm as specified, for tests and
     * for reports of what was received.
     */
    public static String canonical(String raw) {
        Raw r = canonicalParts(raw);
        return r.scheme + "://" + r.host + r.pathAndQuery;
    }

    private record Raw(String scheme, String host, String pathAndQuery) {}

    private static Raw canonicalParts(String raw) {
        if (raw.length() > MAX_URL * 3) {
            throw new InvalidName("error.maxChars", MAX_URL);
        }
        // remove tab, CR and LF; strip leading and trailing spaces
        StringBuilder cleaned = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\t' && c != '\r' && c != '\n') {
                cleaned.append(c);
            }
        }
        String s = cleaned.toString().strip();
        if (s.isEmpty()) {
            throw new InvalidName("error.name.empty");
        }
        // drop the fragment
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        // unescape repeatedly, on bytes (UTF-8)
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 1000; round++) {
            byte[] next = unescape(bytes);
            if (next.length == bytes.length) {
                break;
            }
            bytes = next;
        }
        String u = new String(bytes, StandardCharsets.ISO_8859_1);
        String scheme = "http";
        int sep = u.indexOf("://");
        if (sep > 0 && u.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = u.substring(0, sep).toLowerCase(Locale.ROOT);
            u = u.substring(sep + 3);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidName("error.name.scheme");
        }
        int pathStart = indexOfAny(u, "/?");
        String authority = pathStart < 0 ? u : u.substring(0, pathStart);
        String rest = pathStart < 0 ? "/" : u.substring(pathStart);
        // user information is no part of the site
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host = hostPart(authority);
        String path = rest;
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            path = rest.substring(0, q);
            query = rest.substring(q + 1);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        path = resolvePath(path);
        String pathAndQuery = escape(path) + (query == null ? "" : "?" + escape(query));
        if (pathAndQuery.length() > MAX_URL) {
            throw new InvalidName("error.maxChars", MAX_URL);
        }
        return new Raw(scheme, canonicalHost(host), pathAndQuery);
    }

    private static String hostPart(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                throw new InvalidName("error.name.ipv6");
            }
            return authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.substring(colon + 1).matches("[0-9]*")) {
            return authority.substring(0, colon);
        }
        return authority;
    }

    /** Dots trimmed and collapsed, IPv4 forms to a dotted quad, lower case, UTF-8 names to punycode. */
    private static String canonicalHost(String isoHost) {
        if (isoHost.startsWith("[")) {
            return isoHost;
        }
        String h = isoHost.replaceAll("\\.{2,}", ".");
        int from = 0;
        int to = h.length();
        while (from < to && h.charAt(from) == '.') {
            from++;
        }
        while (to > from && h.charAt(to - 1) == '.') {
            to--;
        }
        h = h.substring(from, to);
        if (h.isEmpty()) {
            throw new InvalidName("error.name.noHost");
        }
        String ip = ipv4(h);
        if (ip != null) {
            return ip;
        }
        boolean ascii = h.chars().allMatch(c -> c < 128);
        if (!ascii) {
            String unicode = new String(h.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (!unicode.contains("\uFFFD") && unicode.codePoints().allMatch(c -> c > 32 && c != 127)) {
                try {
                    return IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    // not a valid IDN: escaped below like any other byte
                }
            }
        }
        return escape(h.toLowerCase(Locale.ROOT));
    }

    private static String resolvePath(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else if (seg.isEmpty() && !last) {
                // runs of slashes collapse
            } else {
                out.add(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    private static byte[] unescape(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Escapes characters at or below space, at or above DEL, '#' and '%' (the string holds bytes as ISO-8859-1). */
    private static String escape(String isoBytes) {
        StringBuilder out = new StringBuilder(isoBytes.length());
        for (int i = 0; i < isoBytes.length(); i++) {
            char c = isoBytes.charAt(i);
            if (c <= 32 || c >= 127 || c == '#' || c == '%') {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((c >> 4) & 15, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
