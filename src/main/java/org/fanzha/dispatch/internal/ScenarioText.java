package org.fanzha.dispatch.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.FieldError;

/**
 * A scenario's tables as text, for the commanders' page and the command's files: weights as
 * {@code key=value} lines (cities, medians), staffing as CSV lines {@code unit,operators 00–08,
 * 08–16, 16–24,officers 00–08, 08–16, 16–24}. Blank lines, {@code #} comments and a header line
 * starting with {@code unit} are skipped; a line that does not parse is refused with its number.
 */
final class ScenarioText {

    static final int MAX_LINES = 200;

    private ScenarioText() {}

    static Map<String, Double> weights(String text, String field, List<FieldError> errors) {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = 0;
        for (String raw : text.split("\\R")) {
            n++;
            String line = raw.strip();
            if (skip(line)) {
                continue;
            }
            if (n > MAX_LINES) {
                errors.add(FieldError.of(field, "error.simulationLine", shorten(line), n, shorten(line)));
                return out;
            }
            String[] kv = line.split("\\s*[=,]\\s*");
            Double v = kv.length == 2 ? number(kv[1]) : null;
            if (v == null) {
                errors.add(FieldError.of(field, "error.simulationLine", shorten(line), n, shorten(line)));
                continue;
            }
            out.put(kv[0], v);
        }
        return out;
    }

    static Map<String, Scenario.Staffing> staffing(String text, String field, List<FieldError> errors) {
        Map<String, Scenario.Staffing> out = new LinkedHashMap<>();
        int n = 0;
        for (String raw : text.split("\\R")) {
            n++;
            String line = raw.strip();
            if (skip(line) || line.toLowerCase(java.util.Locale.ROOT).startsWith("unit")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*");
            Integer[] v = new Integer[6];
            boolean ok = cells.length == 7 && n <= MAX_LINES;
            for (int i = 0; ok && i < 6; i++) {
                Double d = number(cells[i + 1]);
                ok = d != null && d == Math.rint(d);
                v[i] = ok ? d.intValue() : null;
            }
            if (!ok) {
                errors.add(FieldError.of(field, "error.simulationLine", shorten(line), n, shorten(line)));
                continue;
            }
            out.put(cells[0], new Scenario.Staffing(List.of(v[0], v[1], v[2]), List.of(v[3], v[4], v[5])));
        }
        return out;
    }

    private static boolean skip(String line) {
        return line.isEmpty() || line.startsWith("#");
    }

    private static Double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shorten(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
