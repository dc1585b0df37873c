package org.fanzha.divisions.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionCode;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.InvalidDivisionCode;
import org.fanzha.divisions.Provinces;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports number segments as operators supply them: CSV lines of a 7-digit prefix and a city
 * code (4 digits, or 6 with trailing zeros; codes of other provinces are kept so their numbers
 * resolve as out of province). A header line is skipped. Bad lines are reported by number and
 * the good ones kept.
 */
@Service
class NumberSegmentImport {

    static final int MAX_LINES = 1_000_000;
    private static final Pattern PREFIX = Pattern.compile("1[3-9]\\d{5}");

    record Rejected(long line, String reason) {}

    record Report(int imported, List<Rejected> rejected, long total) {}

    private final NumberSegments segments;
    private final Divisions divisions;
    private final AuditLog audit;
    private final String provinceCode;

    NumberSegmentImport(NumberSegments segments, Divisions divisions, AuditLog audit, DivisionsProperties properties) {
        this.segments = segments;
        this.divisions = divisions;
        this.audit = audit;
        this.provinceCode = properties.provinceCode();
    }

    @Transactional
    Report importCsv(Reader csv) throws IOException {
        var actor = Actors.requirePermission(Permission.NUMBER_SEGMENTS_MANAGE);
        Map<String, NumberSegments.Segment> good = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(csv)) {
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.getRecordNumber() > MAX_LINES) {
                    rejected.add(new Rejected(line, "more than " + MAX_LINES + " lines; the rest was not read"));
                    break;
                }
                if (record.getRecordNumber() == 1
                        && !record.get(0).isEmpty()
                        && !Character.isDigit(record.get(0).charAt(0))) {
                    continue; // header
                }
                if (record.size() < 2) {
                    rejected.add(new Rejected(line, "needs two columns: prefix, city code"));
                    continue;
                }
                String prefix = record.get(0);
                if (!PREFIX.matcher(prefix).matches()) {
                    rejected.add(new Rejected(line, "the prefix must be 7 digits of a mobile number"));
                    continue;
                }
                String reason = checkCity(record.get(1));
                if (reason != null) {
                    rejected.add(new Rejected(line, reason));
                    continue;
                }
                good.put(
                        prefix,
                        new NumberSegments.Segment(
                                prefix, DivisionCode.of(record.get(1)).value()));
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            rejected.add(new Rejected(-1, "the file is not valid CSV: " + e.getMessage()));
        }
        int imported = segments.upsert(new ArrayList<>(good.values()), actor.name());
        audit.record(
                "IMPORT",
                "number-segment",
                "csv",
                imported + " segments imported, " + rejected.size() + " lines rejected");
        return new Report(imported, rejected.size() > 1_000 ? rejected.subList(0, 1_000) : rejected, segments.count());
    }

    /** Null when the code names a city-level unit of ours or any province's city; else why not. */
    private String checkCity(String raw) {
        DivisionCode code;
        try {
            code = DivisionCode.of(raw);
        } catch (InvalidDivisionCode e) {
            return "the city code is no division code";
        }
        if (code.value().length() < 4) {
            return "give a city code, not a province";
        }
        if (!code.value().startsWith(provinceCode)) {
            return Provinces.nameOf(code.value()).isPresent()
                    ? null
                    : "no province has the code " + code.value().substring(0, 2);
        }
        return divisions
                        .find(code.value())
                        .filter(Division::unit)
                        .filter(d -> d.level() == DivisionLevel.CITY)
                        .isPresent()
                ? null
                : "no city-level unit has the code " + code.value();
    }

    long count() {
        return segments.count();
    }
}
