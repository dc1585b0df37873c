package org.fanzha.platform.web;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

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

    /** The problem to answer, when the failure is the input's fault. */
    static Optional<ProblemDetail> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                if (BAD_VALUE.contains(sql.getSQLState())) {
                    return Optional.of(ApiProblemHandler.problem(
                            HttpStatus.BAD_REQUEST,
                            "value-not-storable",
                            "Value not storable",
                            "A value is longer than its field allows or holds a character that cannot be stored"
                                    + " (such as NUL). Shorten or correct it; nothing was stored."));
                }
                if (DUPLICATE.equals(sql.getSQLState())) {
                    return Optional.of(ApiProblemHandler.problem(
                            HttpStatus.CONFLICT,
                            "duplicate",
                            "Already exists",
                            "Another request stored the same record at the same moment; read it again."));
                }
            }
            if (fromParser(t)) {
                String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                return Optional.of(ApiProblemHandler.problem(
                        HttpStatus.BAD_REQUEST,
                        "unreadable-file",
                        "Unreadable file",
                        "The file cannot be read as CSV or .xlsx: " + firstLine(message)));
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
