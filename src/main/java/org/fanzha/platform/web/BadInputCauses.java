package org.fanzha.platform.web;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Failures that are the input's fault wherever they surface, so that a request answers 4xx, never
 * 500: a value longer than its column or holding a character the database refuses (SQLState
 * 22001, 22021, 22P05), a duplicate that lost a race (23505), and a file the CSV or spreadsheet
 * parser cannot read (broken quoting, a malformed or hostile .xlsx: XXE, zip bombs).
 */
final class BadInputCauses {

    private static final Set<String> BAD_VALUE = Set.of("22001", "22021", "22P05", "22000");
    private static final String DUPLICATE = "23505";
    private static final String[] PARSERS = {
        "org.apache.commons.csv.", "org.apache.poi.", "org.apache.xmlbeans.", "org.apache.commons.compress."
    };

    private BadInputCauses() {}

    /**
     * What to answer: the status, the problem's slug, and the message key whose {@code .title} and
     * {@code .detail} the bundles hold (the detail may take the parser's own words as {0}).
     */
    record Refusal(HttpStatus status, String slug, String key, String argument) {}

    /** The refusal to answer, when the failure is the input's fault. */
    static Optional<Refusal> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                if (BAD_VALUE.contains(sql.getSQLState())) {
                    return Optional.of(
                            new Refusal(HttpStatus.BAD_REQUEST, "value-not-storable", "problem.valueNotStorable", ""));
                }
                if (DUPLICATE.equals(sql.getSQLState())) {
                    return Optional.of(new Refusal(HttpStatus.CONFLICT, "duplicate", "problem.duplicate", ""));
                }
            }
            if (fromParser(t)) {
                String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                return Optional.of(new Refusal(
                        HttpStatus.BAD_REQUEST, "unreadable-file", "problem.unreadableFile", firstLine(message)));
            }
        }
        return Optional.empty();
    }

    private static boolean fromParser(Throwable t) {
        if (startsWithParser(t.getClass().getName())) {
            return true;
        }
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            if (startsWithParser(trace[i].getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithParser(String name) {
        for (String p : PARSERS) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
