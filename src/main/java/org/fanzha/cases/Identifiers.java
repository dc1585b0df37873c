package org.fanzha.cases;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import org.fanzha.blocklist.Names;
import org.fanzha.divisions.IdNumber;

/**
 * Validation and normalisation of case identifiers, so the same phone, card or site is the same
 * value in every case (and links them): phones in E.164, cards and accounts as digits (cards
 * Luhn-checked, the bank named from the BIN where known), crypto addresses format-checked (TRON
 * Base58Check, Ethereum hex with its EIP-55 checksum when mixed case), domains and URLs as the
 * blocklist normalises them, IMEIs Luhn-checked, ID numbers with their check character.
 */
public final class Identifiers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Issuer identification numbers of the large Chinese banks (a sample; the full BIN table is reference data to import). */
    private static final Map<String, String> BINS = Map.ofEntries(
            Map.entry("622202", "中国工商银行"),
            Map.entry("622208", "中国工商银行"),
            Map.entry("621226", "中国工商银行"),
            Map.entry("622700", "中国建设银行"),
            Map.entry("621700", "中国建设银行"),
            Map.entry("436742", "中国建设银行"),
            Map.entry("622848", "中国农业银行"),
            Map.entry("622845", "中国农业银行"),
            Map.entry("621661", "中国银行"),
            Map.entry("621790", "中国银行"),
            Map.entry("601382", "中国银行"),
            Map.entry("622260", "交通银行"),
            Map.entry("622262", "交通银行"),
            Map.entry("621799", "中国邮政储蓄银行"),
            Map.entry("622188", "中国邮政储蓄银行"),
            Map.entry("622588", "招商银行"),
            Map.entry("621483", "招商银行"),
            Map.entry("622690", "中信银行"),
            Map.entry("622666", "中国光大银行"),
            Map.entry("622622", "中国民生银行"),
            Map.entry("622521", "浦发银行"),
            Map.entry("622909", "兴业银行"),
            Map.entry("622155", "平安银行"));

    private Identifiers() {}

    /** Thrown for a value that is no identifier of its type; the reason is a bundle key with its arguments. */
    public static class InvalidIdentifier extends IllegalArgumentException {
        private final String key;
        private final Object[] args;

        public InvalidIdentifier(String key, Object... args) {
            super(org.fanzha.platform.Texts.resolve(key, java.util.List.of(args), Locale.ENGLISH));
            this.key = key;
            this.args = args.clone();
        }

        /** The reason as a field error of the given field. */
        public org.fanzha.platform.FieldError at(String field, @org.jspecify.annotations.Nullable Object rejected) {
            return org.fanzha.platform.FieldError.of(field, key, rejected, args);
        }

        /** The reason as a refused request about the given field. */
        public org.fanzha.platform.InvalidInput asInput(
                String field, @org.jspecify.annotations.Nullable Object rejected) {
            return new org.fanzha.platform.InvalidInput(java.util.List.of(at(field, rejected)));
        }
    }

    /** A normalised identifier, and what its value tells (a card's bank). */
    public record Identifier(IdentifierType type, String value, String detail) {}

    /**
     * A warning signal's counterpart as an identifier — kind PHONE, URL, APP, or ACCOUNT (a card
     * where the Luhn check passes, else an account) — or null where the value is none.
     */
    public static @org.jspecify.annotations.Nullable Identifier ofCounterpart(String kind, String value) {
        try {
            return switch (kind) {
                case "PHONE" -> normalise(IdentifierType.PHONE, value);
                case "URL" -> normalise(IdentifierType.URL, value);
                case "APP" -> normalise(IdentifierType.APP, value);
                default -> {
                    try {
                        yield normalise(IdentifierType.BANK_CARD, value);
                    } catch (InvalidIdentifier notACard) {
                        yield normalise(IdentifierType.BANK_ACCOUNT, value);
                    }
                }
            };
        } catch (InvalidIdentifier e) {
            return null;
        }
    }

    public static Identifier normalise(IdentifierType type, String raw) {
        String s = raw == null ? "" : halfWidth(raw).strip();
        if (s.isEmpty()) {
            throw new InvalidIdentifier("error.ident.empty");
        }
        if (s.length() > 300) {
            throw new InvalidIdentifier("error.ident.tooLong");
        }
        return switch (type) {
            case PHONE -> phone(s);
            case BANK_CARD -> card(s);
            case BANK_ACCOUNT -> new Identifier(type, digits(s, 6, 32, "an account number of 6 to 32 digits"), "");
            case PAYMENT_ACCOUNT -> new Identifier(type, text(s, "a payment account"), "");
            case CRYPTO_ADDRESS -> crypto(s);
            case ECNY_WALLET -> new Identifier(type, digits(s, 16, 16, "a wallet number of 16 digits"), "");
            case URL -> url(s);
            case DOMAIN -> domain(s);
            case WECHAT -> wechat(s);
            case QQ -> qq(s);
            case IM_ACCOUNT -> new Identifier(type, text(s, "a messenger account"), "");
            case IP -> ip(s);
            case APP -> app(s);
            case DEVICE -> new Identifier(type, imei(s), "");
            case EMAIL -> email(s);
            case ID_NUMBER -> idNumber(s);
        };
    }

    /**
     * Service numbers (95588, 96110, 12381, 10086, 400 and 800 numbers) stay as they are dialled:
     * they are no subscriber's number and have no international form.
     */
    private static final java.util.regex.Pattern SERVICE =
            java.util.regex.Pattern.compile("9[56][0-9]{3,6}|[48]00[0-9]{7}|1[0-2][0-9]{3}");

    private static Identifier phone(String s) {
        String dialled = s.replaceAll("[\\s()\\-.]", "");
        if (SERVICE.matcher(dialled).matches()) {
            return new Identifier(IdentifierType.PHONE, dialled, "service");
        }
        if (dialled.matches("0086[0-9]+")) {
            dialled = "+" + dialled.substring(2);
        } else if (dialled.matches("86(1[3-9][0-9]{9}|[2-9][0-9]{9,10})")) {
            dialled = "+" + dialled;
        }
        try {
            var number = PHONES.parse(dialled, "CN");
            if (!PHONES.isPossibleNumber(number)) {
                throw new InvalidIdentifier("error.phone.invalid");
            }
            return new Identifier(
                    IdentifierType.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), "");
        } catch (NumberParseException e) {
            throw new InvalidIdentifier("error.phone.not");
        }
    }

    /** Full-width digits, letters and signs (０-９, Ａ, ＋, －) and the ideographic space as their ASCII forms. */
    static String halfWidth(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char h = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (h != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(h);
            }
        }
        return out == null ? s : out.toString();
    }

    private static Identifier wechat(String s) {
        if (!s.matches("[A-Za-z][A-Za-z0-9_-]{5,19}")) {
            throw new InvalidIdentifier("error.ident.wechat");
        }
        return new Identifier(IdentifierType.WECHAT, s.toLowerCase(Locale.ROOT), "");
    }

    private static Identifier qq(String s) {
        String d = s.replaceAll("\\s", "");
        if (!d.matches("[1-9][0-9]{4,10}")) {
            throw new InvalidIdentifier("error.ident.qq");
        }
        return new Identifier(IdentifierType.QQ, d, "");
    }

    private static String digits(String s, int min, int max, String expected) {
        String d = s.replaceAll("[\\s-]", "");
        if (!d.matches("[0-9]+") || d.length() < min || d.length() > max) {
            throw new InvalidIdentifier("error.ident.digits", min, max);
        }
        return d;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static Identifier card(String s) {
        String d = digits(s, 16, 19, "a card number of 16 to 19 digits");
        if (!luhn(d)) {
            throw new InvalidIdentifier("error.ident.luhn");
        }
        return new Identifier(IdentifierType.BANK_CARD, d, BINS.getOrDefault(d.substring(0, 6), ""));
    }

    private static String text(String s, String what) {
        if (s.length() > 100 || s.chars().anyMatch(c -> c < 32)) {
            throw new InvalidIdentifier("error.ident.text");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static Identifier crypto(String s) {
        if (s.startsWith("T") && s.length() == 34) {
            byte[] decoded = base58(s);
            if (decoded.length != 25 || decoded[0] != 0x41) {
                throw new InvalidIdentifier("error.ident.tron");
            }
            byte[] hash = sha256(sha256(java.util.Arrays.copyOf(decoded, 21)));
            for (int i = 0; i < 4; i++) {
                if (hash[i] != decoded[21 + i]) {
                    throw new InvalidIdentifier("error.ident.tronChecksum");
                }
            }
            return new Identifier(IdentifierType.CRYPTO_ADDRESS, s, "TRON");
        }
        if (s.matches("0[xX][0-9a-fA-F]{40}")) {
            String hex = s.substring(2);
            boolean mixed = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
            if (mixed && !eip55(hex)) {
                throw new InvalidIdentifier("error.ident.ethereumChecksum");
            }
            return new Identifier(IdentifierType.CRYPTO_ADDRESS, "0x" + hex.toLowerCase(Locale.ROOT), "Ethereum");
        }
        throw new InvalidIdentifier("error.ident.crypto");
    }

    private static byte[] base58(String s) {
        BigInteger n = BigInteger.ZERO;
        for (char c : s.toCharArray()) {
            int v = BASE58.indexOf(c);
            if (v < 0) {
                throw new InvalidIdentifier("error.ident.base58", String.valueOf(c));
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(v));
        }
        byte[] bytes = n.toByteArray();
        int leading = 0;
        while (leading < s.length() && s.charAt(leading) == '1') {
            leading++;
        }
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[leading + bytes.length - strip];
        System.arraycopy(bytes, strip, out, leading, bytes.length - strip);
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean eip55(String hex) {
        var keccak = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        byte[] hash = keccak.digest(hex.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 40; i++) {
            char c = hex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            if (Character.isLetter(c) && (nibble >= 8) != Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    private static Identifier url(String s) {
        try {
            return new Identifier(IdentifierType.URL, Names.url(s).canonical(), "");
        } catch (Names.InvalidName e) {
            throw new InvalidIdentifier(e.key(), e.args());
        }
    }

    private static Identifier domain(String s) {
        try {
            String host = Names.host(s);
            if (Names.isIp(host)) {
                throw new InvalidIdentifier("error.ident.isIp");
            }
            return new Identifier(IdentifierType.DOMAIN, host, "");
        } catch (Names.InvalidName e) {
            throw new InvalidIdentifier(e.key(), e.args());
        }
    }

    private static Identifier ip(String s) {
        try {
            String host = Names.host(s);
            if (!Names.isIp(host)) {
                throw new InvalidIdentifier("error.ident.notIp");
            }
            return new Identifier(IdentifierType.IP, host, "");
        } catch (Names.InvalidName e) {
            throw new InvalidIdentifier("error.ident.notIp");
        }
    }

    private static Identifier app(String s) {
        int colon = s.indexOf(':');
        String p = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        if (!p.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+") || p.length() > 150) {
            throw new InvalidIdentifier("error.ident.app");
        }
        if (colon < 0) {
            return new Identifier(IdentifierType.APP, p, "");
        }
        // the signing certificate's SHA-256 as keytool and apksigner print it: hex, with or without colons
        String cert = s.substring(colon + 1).replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (!cert.matches("[0-9a-f]{64}")) {
            throw new InvalidIdentifier("error.ident.appCertificate");
        }
        return new Identifier(IdentifierType.APP, p + ":" + cert, "");
    }

    private static String imei(String s) {
        String d = digits(s, 15, 15, "an IMEI of 15 digits");
        if (!luhn(d)) {
            throw new InvalidIdentifier("error.ident.imei");
        }
        return d;
    }

    private static Identifier email(String s) {
        int at = s.lastIndexOf('@');
        if (at < 1 || at == s.length() - 1 || s.length() > 254 || s.chars().anyMatch(c -> c <= 32)) {
            throw new InvalidIdentifier("error.ident.email");
        }
        try {
            return new Identifier(
                    IdentifierType.EMAIL,
                    s.substring(0, at).toLowerCase(Locale.ROOT) + "@" + Names.host(s.substring(at + 1)),
                    "");
        } catch (Names.InvalidName e) {
            throw new InvalidIdentifier("error.ident.emailDomain");
        }
    }

    private static Identifier idNumber(String s) {
        try {
            return new Identifier(IdentifierType.ID_NUMBER, new IdNumber(s).value(), "");
        } catch (org.fanzha.divisions.InvalidIdNumber e) {
            var reason = e.errors().get(0);
            throw new InvalidIdentifier(reason.message(), reason.args().toArray());
        }
    }
}
