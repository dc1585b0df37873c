package org.fanzha.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A refused form comes back as it was typed, each error at its field: the page after the redirect
 * finds {@code problem} (one line), {@code errors} (field → reason, in the reader's language),
 * {@code labelled} (field → "label：reason", for fields a form shows together) and
 * {@code typed} (form field → what was typed) and shows them.
 */
public final class Forms {

    private Forms() {}

    /** Hands the refusal and what was typed to the page the browser is sent back to. */
    public static void refused(RedirectAttributes redirect, ProblemException e, Map<String, ?> typed) {
        var locale = LocaleContextHolder.getLocale();
        redirect.addFlashAttribute("problem", e.summary(locale));
        Map<String, String> errors = e.fieldMessages(locale);
        redirect.addFlashAttribute("errors", errors);
        Map<String, String> labelled = new LinkedHashMap<>();
        errors.forEach((field, message) -> labelled.put(
                field,
                Texts.fieldLabel(field, locale)
                        + Texts.resolve("problem.colon", java.util.List.of(), locale)
                        + message));
        redirect.addFlashAttribute("labelled", labelled);
        Map<String, Object> kept = new LinkedHashMap<>();
        typed.forEach((k, v) -> kept.put(k, v == null ? "" : v));
        redirect.addFlashAttribute("typed", kept);
    }

    /**
     * A page's date-time field ({@code 2021-06-01T20:20}, Beijing time) as a time with its offset,
     * as the services take it; anything else unchanged, for them to refuse.
     */
    public static String withOffset(String local) {
        String t = local.strip();
        return t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")
                ? t + (t.length() == 16 ? ":00" : "") + "+08:00"
                : t;
    }

    /** The map of what was typed, from field/value pairs. */
    public static Map<String, Object> typed(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(String.valueOf(pairs[i]), pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return out;
    }
}
