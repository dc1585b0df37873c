package org.fanzha.funds.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Times as statements write them (2021-06-01 20:20:00, 2021/6/1 20:20, 20210601202000, ISO), local times in China. */
final class CaseTimes {

    private static final String[] PATTERNS = {
        "yyyy-MM-dd HH:mm[:ss]", "yyyy/M/d H:mm[:ss]", "yyyy-MM-dd'T'HH:mm[:ss]", "yyyyMMddHHmmss", "yyyy-MM-dd"
    };

    private CaseTimes() {}

    /** The time with its offset, or the text as it was (to be reported), or null if blank. */
    static @Nullable String normalise(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 19 && (t.contains("+") || t.endsWith("Z"))) {
            return t;
        }
        for (String pattern : PATTERNS) {
            try {
                DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
                LocalDateTime at =
                        pattern.equals("yyyy-MM-dd") ? LocalDate.parse(t, f).atStartOfDay() : LocalDateTime.parse(t, f);
                return at.atOffset(ZoneOffset.ofHours(8)).toString();
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return t;
    }
}
