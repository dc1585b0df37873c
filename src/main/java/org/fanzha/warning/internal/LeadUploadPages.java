package org.fanzha.warning.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Leads from a CSV file, for staff: the columns of the lead body ({@code source, sourceId,
 * phone, idNumber, name, address, divisionCode, fraudType, amountAtRisk, observedAt}) plus
 * {@code signals}, signal types separated by "|". Every line is answered: the warning it went
 * to, or why it was refused; the good lines are kept.
 */
@Controller
@PreAuthorize("hasAuthority('leads:submit')")
class LeadUploadPages {

    static final List<String> COLUMNS = List.of(
            "source",
            "sourceId",
            "phone",
            "idNumber",
            "name",
            "address",
            "divisionCode",
            "fraudType",
            "signals",
            "amountAtRisk",
            "observedAt");

    record Line(long line, LeadIntake.@Nullable Ack ack, List<FieldError> errors) {}

    private final LeadValidator validator;
    private final LeadIntake intake;
    private final WarningProperties properties;

    LeadUploadPages(LeadValidator validator, LeadIntake intake, WarningProperties properties) {
        this.validator = validator;
        this.intake = intake;
        this.properties = properties;
    }

    @GetMapping("/leads/upload")
    String form(Model model) {
        model.addAttribute("columns", String.join(",", COLUMNS));
        return "warning/upload";
    }

    @PostMapping("/leads/upload")
    String upload(@RequestParam("file") MultipartFile file, Model model) throws IOException {
        Actor actor = Actors.requirePermission(Permission.LEADS_SUBMIT);
        List<Line> lines = new ArrayList<>();
        List<LeadValidator.Validated> valid = new ArrayList<>();
        List<Integer> validLine = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .get();
        try (var reader = org.fanzha.platform.TextFiles.reader(file.getInputStream());
                CSVParser parser = format.parse(reader)) {
            if (!parser.getHeaderNames().containsAll(List.of("source", "sourceId", "phone"))) {
                model.addAttribute(
                        "problem", "The first line must name the columns; source, sourceId and phone are required.");
                return form(model);
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.getRecordNumber() > properties.maxBatch()) {
                    lines.add(new Line(
                            line,
                            null,
                            List.of(FieldError.of("file", "error.moreThanLeads", null, properties.maxBatch()))));
                    break;
                }
                try {
                    var validated = validator.validate(request(record));
                    valid.add(validated);
                    validLine.add(lines.size());
                    lines.add(new Line(line, null, validated.ignored()));
                } catch (InvalidInput e) {
                    lines.add(new Line(line, null, e.errors()));
                }
            }
        } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // the lines before the broken one are filed; the problem names where it broke
            model.addAttribute("problem", "The file is not valid CSV: " + e.getMessage());
        }
        // the valid lines are filed together, as a batch is
        var acks = intake.acceptAll(
                valid,
                actor,
                intake.request(actor, "csv upload " + clip(file.getOriginalFilename()), lines.size() - valid.size()));
        for (int k = 0; k < acks.size(); k++) {
            Line l = lines.get(validLine.get(k));
            lines.set(validLine.get(k), new Line(l.line(), acks.get(k), l.errors()));
        }
        model.addAttribute("lines", lines);
        model.addAttribute("accepted", acks.size());
        return form(model);
    }

    private static LeadRequest request(CSVRecord r) {
        List<LeadRequest.SignalRequest> signals = Arrays.stream(
                        get(r, "signals") == null
                                ? new String[0]
                                : get(r, "signals").split("\\|"))
                .filter(s -> !s.isBlank())
                .map(s -> new LeadRequest.SignalRequest(s.strip(), null, null, null, null, null, null, null))
                .toList();
        return new LeadRequest(
                get(r, "source"),
                get(r, "sourceId"),
                get(r, "phone"),
                get(r, "idNumber"),
                get(r, "name"),
                get(r, "address"),
                get(r, "divisionCode"),
                get(r, "fraudType"),
                signals,
                get(r, "amountAtRisk"),
                get(r, "observedAt"),
                null);
    }

    private static @Nullable String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) && !r.get(column).isBlank() ? r.get(column) : null;
    }

    private static String clip(@Nullable String name) {
        return name == null ? "" : name.length() > 60 ? name.substring(0, 60) : name;
    }
}
