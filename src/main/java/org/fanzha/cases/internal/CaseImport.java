package org.fanzha.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Spreadsheets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of cases from the spreadsheets units exchange (.xlsx through Apache POI, or .csv):
 * a header row names the columns, in Chinese or English; each row is filed on its own, so a bad
 * row is reported with its errors and the good ones are kept.
 */
@Service
class CaseImport {

    static final int MAX_ROWS = 20_000;

    /** Header names (Chinese and English) → the field. */
    private static final Map<String, String> COLUMNS = new HashMap<>();

    static {
        for (String[] c : new String[][] {
            {"caseNumber", "案件编号", "case number"},
            {"fraudType", "案件类别", "诈骗类型", "fraud type"},
            {"victimName", "被害人姓名", "被害人", "victim"},
            {"victimPhone", "被害人电话", "联系电话", "victim phone"},
            {"victimIdNumber", "被害人身份证号", "身份证号", "victim id number"},
            {"victimAddress", "被害人住址", "住址", "victim address"},
            {"lossAmount", "损失金额", "涉案金额", "loss"},
            {"occurredAt", "发案时间", "occurred"},
            {"divisionCode", "发案地", "发案地代码", "division"},
            {"unitCode", "受案单位", "unit"},
            {"identifiers", "涉案要素", "identifier list"}
        }) {
            for (String name : c) {
                COLUMNS.put(name.toLowerCase(Locale.ROOT), c[0]);
            }
        }
    }

    /** The types in Chinese as spreadsheets write them. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("刷单返利", "ORDER_BRUSHING"),
            Map.entry("虚假网络投资理财", "INVESTMENT"),
            Map.entry("虚假网络贷款", "LOAN"),
            Map.entry("冒充电商物流客服", "CUSTOMER_SERVICE"),
            Map.entry("冒充公检法", "IMPERSONATE_POLICE"),
            Map.entry("虚假征信", "CREDIT_REPAIR"),
            Map.entry("网络游戏产品虚假交易", "GAME_TRADING"),
            Map.entry("网络婚恋、交友", "ROMANCE"),
            Map.entry("冒充领导、熟人", "IMPERSONATE_ACQUAINTANCE"),
            Map.entry("虚假购物、服务", "FAKE_SHOPPING"),
            Map.entry("其他", "OTHER"));

    record RowResult(
            int row, @Nullable Long caseId, @Nullable List<FieldError> errors) {}

    record Report(int rows, int filed, int rejected, List<RowResult> results) {}

    private final CaseFiles files;
    private final TransactionTemplate perRow;

    CaseImport(CaseFiles files, PlatformTransactionManager transactions) {
        this.files = files;
        this.perRow = new TransactionTemplate(transactions);
        perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    Report importFile(String filename, InputStream in, Actor actor) throws IOException {
        List<Map<String, String>> rows = filename.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? xlsx(in) : csv(in);
        if (rows.size() > MAX_ROWS) {
            throw InvalidInput.of("file", "error.atMostRows", rows.size(), MAX_ROWS);
        }
        List<RowResult> results = new ArrayList<>();
        int filed = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            int rowNumber = i + 2; // the header is row 1
            try {
                var view = perRow.execute(status -> files.file(request(r), actor));
                results.add(new RowResult(rowNumber, view.id(), null));
                filed++;
            } catch (InvalidInput e) {
                results.add(new RowResult(rowNumber, null, e.errors()));
            } catch (ProblemException e) {
                results.add(new RowResult(
                        rowNumber,
                        null,
                        List.of(new FieldError("row", String.valueOf(e.getBody().getDetail()), null))));
            }
        }
        return new Report(rows.size(), filed, rows.size() - filed, results);
    }

    private static CaseFiles.CaseRequest request(Map<String, String> r) {
        String type = r.getOrDefault("fraudType", "").strip();
        type = TYPE_NAMES.getOrDefault(type, type.toUpperCase(Locale.ROOT));
        return new CaseFiles.CaseRequest(
                r.get("caseNumber"),
                type,
                new CaseFiles.Victim(
                        r.get("victimName"), r.get("victimPhone"), r.get("victimIdNumber"), r.get("victimAddress")),
                blank(r.get("lossAmount"))
                        ? null
                        : r.get("lossAmount").replace(",", "").replace("，", ""),
                occurred(r.get("occurredAt")),
                r.get("divisionCode"),
                r.get("unitCode"),
                identifiers(r.get("identifiers")));
    }

    // Times such as 2021-06-01 20:15, 2021/6/1 20:15 or ISO with an offset; local times are China time.
    // (A line comment: Spring Boot's simple JSON parser, reading Spring Modulith's javadoc.json,
    // fails on a comment that starts with a quote.)
    static @Nullable String occurred(@Nullable String text) {
        if (blank(text)) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 19 && (t.contains("+") || t.endsWith("Z"))) {
            return t;
        }
        for (String pattern :
                new String[] {"yyyy-MM-dd HH:mm[:ss]", "yyyy/M/d H:mm[:ss]", "yyyy-MM-dd'T'HH:mm[:ss]", "yyyy-MM-dd"}) {
            try {
                var formatter = DateTimeFormatter.ofPattern(pattern);
                LocalDateTime at = pattern.equals("yyyy-MM-dd")
                        ? java.time.LocalDate.parse(t, formatter).atStartOfDay()
                        : LocalDateTime.parse(t, formatter);
                return at.atOffset(ZoneOffset.ofHours(8)).toString();
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return t; // reported as it is by the case's validation
    }

    /** Identifiers written as TYPE value pairs, separated by semicolons or new lines. */
    static List<CaseFiles.@Nullable IdentifierInput> identifiers(@Nullable String text) {
        if (blank(text)) {
            return List.of();
        }
        return CasePages.lines(text.replace(';', '\n').replace('；', '\n'));
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static List<Map<String, String>> csv(InputStream in) throws IOException {
        var parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(org.fanzha.platform.TextFiles.reader(in));
        Map<String, String> fields = new HashMap<>();
        for (String header : parser.getHeaderNames()) {
            String f = COLUMNS.get(header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
            if (f != null) {
                fields.put(header, f);
            }
        }
        if (!fields.containsValue("fraudType")) {
            throw new InvalidInput("file", "error.headerRowNamingColumnsFraudType", null);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord record : parser) {
            Map<String, String> row = new HashMap<>();
            fields.forEach((header, field) -> {
                if (record.isMapped(header) && record.isSet(header)) {
                    row.put(field, record.get(header));
                }
            });
            rows.add(row);
            if (rows.size() > MAX_ROWS) {
                break;
            }
        }
        return rows;
    }

    private static List<Map<String, String>> xlsx(InputStream in) throws IOException {
        return Spreadsheets.rows(in, COLUMNS, "fraudType", MAX_ROWS).stream()
                .map(Spreadsheets.Line::values)
                .toList();
    }
}
