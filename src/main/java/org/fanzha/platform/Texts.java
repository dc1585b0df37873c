package org.fanzha.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message bundles ({@code messages*.properties}) for texts made outside a page template:
 * problem details, field errors, timeline entries. A text is either a bundle key ({@code
 * error.required}, resolved with its arguments in the reader's language) or, for words that are
 * not ours (a parser's message, a name), the text itself.
 */
public final class Texts {

    /** What a key looks like: lower-case words joined by dots, never a sentence. */
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9_+-]+)+");

    private static final ResourceBundleMessageSource BUNDLES = bundles();

    private Texts() {}

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** True when the text is a bundle key rather than words. */
    public static boolean isKey(@Nullable String text) {
        return text != null && KEY.matcher(text).matches();
    }

    /** The text in the locale: a key resolved with its arguments, words as they are. */
    public static String resolve(String keyOrText, List<?> args, Locale locale) {
        if (!isKey(keyOrText)) {
            return keyOrText;
        }
        return find(keyOrText, args, locale).orElse(keyOrText);
    }

    /** The text in the language of the request being served (Chinese unless the user chose English). */
    public static String resolve(String keyOrText, Object... args) {
        return resolve(keyOrText, List.of(args), LocaleContextHolder.getLocale());
    }

    /** A bundle key given as the argument of another text, resolved in the same language as it. */
    public record Key(String key) {}

    /** The words of this key, as an argument of another text: resolved when the text is. */
    public static Key key(String key) {
        return new Key(key);
    }

    /** The key's text in the locale, if the bundles hold it. */
    public static Optional<String> find(String key, List<?> args, Locale locale) {
        try {
            Object[] resolved = args.isEmpty()
                    ? null
                    : args.stream()
                            .map(a -> a instanceof Key k ? resolve(k.key(), List.of(), locale) : a)
                            .toArray();
            return Optional.of(BUNDLES.getMessage(key, resolved, locale));
        } catch (NoSuchMessageException e) {
            return Optional.empty();
        }
    }

    /**
     * A field as its form labels it ({@code field.<name>}; {@code transfers[1].amount} reads
     * "转账 2 · 金额"), else the field's name.
     */
    public static String fieldLabel(String field, Locale locale) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("\\.")) {
            String name = part;
            String index = "";
            int bracket = part.indexOf('[');
            if (bracket > 0 && part.endsWith("]")) {
                name = part.substring(0, bracket);
                String n = part.substring(bracket + 1, part.length() - 1);
                index = n.chars().allMatch(Character::isDigit) && !n.isEmpty() ? " " + (Long.parseLong(n) + 1) : "";
            }
            if (!out.isEmpty()) {
                out.append(" · ");
            }
            out.append(find("field." + name, List.of(), locale).orElse(name)).append(index);
        }
        return out.toString();
    }

    /** Between the parts of a stored text. */
    private static final String PARTS = "\u001E";

    /**
     * A text to store (a routing basis, a timeline note) that is read later in the reader's
     * language: the key and its arguments, {@code key|arg|arg}; {@link #decode} resolves it. An
     * argument {@code #other.key} is itself a word of the bundles.
     */
    public static String encode(String key, Object... args) {
        StringBuilder out = new StringBuilder(key);
        for (Object a : args) {
            out.append('|').append(String.valueOf(a).replace('|', '/').replace(PARTS, " "));
        }
        return out.toString();
    }

    /** Stored texts one after another, read as one ("…；…"). */
    public static String join(String... encoded) {
        return String.join(PARTS, encoded);
    }

    /**
     * A stored text in the locale: each part that is an encoded key resolved with its arguments,
     * anything else (words stored before, a partner's own words) as it is.
     */
    public static String decode(@Nullable String stored, Locale locale) {
        if (stored == null) {
            return "";
        }
        List<String> out = new java.util.ArrayList<>();
        for (String part : stored.split(PARTS)) {
            String[] pieces = part.split("\\|", -1);
            if (isKey(pieces[0])) {
                List<Object> args = new java.util.ArrayList<>();
                for (int i = 1; i < pieces.length; i++) {
                    // "#key": a word of the bundles, read in the same language
                    args.add(
                            pieces[i].startsWith("#") && isKey(pieces[i].substring(1))
                                    ? resolve(pieces[i].substring(1), List.of(), locale)
                                    : pieces[i]);
                }
                Optional<String> text = find(pieces[0], args, locale);
                if (text.isPresent()) {
                    out.add(text.get());
                    continue;
                }
            }
            out.add(part);
        }
        return String.join(resolve("problem.separator", List.of(), locale), out);
    }
}
