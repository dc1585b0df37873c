package org.fanzha.funds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Bank statements (资金流水) imported as .csv (streamed, any size) or .xlsx, with the columns banks
 * deliver, Chinese or English headers: time, account, counterpart account and name, amount,
 * debit/credit, balance, transaction id, channel. Every bad row is reported by number and the good
 * ones kept; a transaction already there (same account and transaction id) is counted, not doubled.
 */
@Service
class Statements {

    static final int MAX_REPORTED = 1000;
    static final int BATCH = 5000;
    static final long MAX_XLSX_BYTES = 32L << 20;

    static final Map<String, String> COLUMNS = new HashMap<>();

    static {
        for (String h : List.of("交易时间", "交易日期", "time", "at")) COLUMNS.put(h, "time");
        for (String h : List.of("账号", "卡号", "交易卡号", "本方账号", "查询账号", "account")) COLUMNS.put(h, "account");
        for (String h : List.of("对手账号", "对方账号", "对手卡号", "对方卡号", "交易对手账号", "counterpartaccount"))
            COLUMNS.put(h, "counterpartAccount");
        for (String h : List.of("对手户名", "对方户名", "对手名称", "交易对手名称", "counterpartname")) COLUMNS.put(h, "counterpartName");
        for (String h : List.of("对手行名", "对方开户行", "对手开户行", "对方行名", "counterpartbank")) COLUMNS.put(h, "counterpartBank");
        for (String h : List.of("交易金额", "金额", "amount")) COLUMNS.put(h, "amount");
        for (String h : List.of("借贷标志", "收付标志", "借贷方向", "收支方向", "direction")) COLUMNS.put(h, "direction");
        for (String h : List.of("余额", "交易余额", "账户余额", "交易后余额", "balance")) COLUMNS.put(h, "balance");
        for (String h : List.of("交易流水号", "流水号", "交易序号", "交易号", "transactionid")) COLUMNS.put(h, "transactionId");
        for (String h : List.of("交易渠道", "渠道", "交易方式", "channel")) COLUMNS.put(h, "channel");
    }

    record RowError(long row, List<FieldError> errors) {}

    record Report(
            long rows, long imported, long duplicates, long rejected, List<RowError> errors, boolean errorsTruncated) {}

    private final JdbcTemplate jdbc;
    private final Banks banks;
    private final AuditLog audit;
    private final Clock clock;

    Statements(JdbcTemplate jdbc, Banks banks, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.banks = banks;
        this.audit = audit;
        this.clock = clock;
    }

    Report importFile(String filename, InputStream in, @Nullable String bank, Actor actor) throws IOException {
        if (!actor.isStaff() || !actor.can(Permission.FUNDS_REQUEST)) {
            throw new Forbidden("problem.forbidden.fundsPolice");
        }
        String bankCode = null;
        if (bank != null && !bank.isBlank()) {
            bankCode = banks.find(bank)
                    .map(Banks.Bank::code)
                    .orElseThrow(() -> new InvalidInput(List.of(new FieldError(
                            "bank", "error.notKnownBankPaymentInstitution", bank.length() > 40 ? null : bank))));
        }
        Iterator<Map<String, String>> rows = filename.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? xlsx(in) : csv(in);
        Instant now = clock.instant();
        long n = 0;
        long imported = 0;
        long duplicates = 0;
        List<RowError> errors = new ArrayList<>();
        long rejected = 0;
        List<Object[]> batch = new ArrayList<>();
        while (rows.hasNext()) {
            Map<String, String> r = rows.next();
            n++;
            List<FieldError> e = new ArrayList<>();
            Object[] values = row(r, bankCode, now, e);
            if (!e.isEmpty()) {
                rejected++;
                if (errors.size() < MAX_REPORTED) {
                    errors.add(new RowError(n + 1, e)); // the header is row 1
                }
                continue;
            }
            batch.add(values);
            if (batch.size() == BATCH) {
                long stored = store(batch);
                imported += stored;
                duplicates += batch.size() - stored;
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            long stored = store(batch);
            imported += stored;
            duplicates += batch.size() - stored;
        }
        audit.record(
                "IMPORT",
                "fund-statement",
                filename.length() > 60 ? filename.substring(0, 60) : filename,
                n + " rows, " + imported + " imported, " + duplicates + " already there, " + rejected + " rejected");
        return new Report(n, imported, duplicates, rejected, errors, rejected > errors.size());
    }

    private long store(List<Object[]> batch) {
        int[][] counts = jdbc.batchUpdate("""
                        INSERT INTO fund_transaction (account, bank_code, at, direction, amount, balance, counterpart_account, counterpart_name,
                            counterpart_bank, channel, txn_id, source, imported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STATEMENT', ?) ON CONFLICT DO NOTHING""", batch, BATCH, (ps, v) -> {
            for (int i = 0; i < v.length; i++) {
                ps.setObject(i + 1, v[i]);
            }
        });
        long stored = 0;
        for (int[] c : counts) {
            for (int x : c) {
                stored += x > 0 ? 1 : x == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
            }
        }
        return stored;
    }

    private Object @Nullable [] row(Map<String, String> r, @Nullable String bankCode, Instant now, List<FieldError> e) {
        String account = FundRequests.account(r.get("account"), "account", e, true);
        String t = CaseTimes.normalise(r.get("time"));
        Instant at = null;
        if (t == null) {
            e.add(new FieldError("time", "error.requiredLike2021060120", null));
        } else {
            try {
                at = java.time.OffsetDateTime.parse(t).toInstant();
            } catch (java.time.format.DateTimeParseException x) {
                e.add(new FieldError("time", "error.timeLike2021060120", t.length() > 40 ? t.substring(0, 40) : t));
            }
        }
        String rawAmount = r.get("amount");
        String direction = direction(r.get("direction"));
        if (rawAmount != null && rawAmount.strip().startsWith("-")) {
            direction = direction == null ? "D" : direction;
            rawAmount = rawAmount.strip().substring(1);
        }
        BigDecimal amount =
                FundRequests.amount(rawAmount == null ? null : rawAmount.replace(",", ""), "amount", e, true);
        if (direction == null) {
            e.add(new FieldError("direction", "error.dCNegativeAmountForMoney", r.get("direction")));
        }
        BigDecimal balance = null;
        String rawBalance = r.get("balance");
        if (rawBalance != null && !rawBalance.isBlank()) {
            try {
                balance =
                        new BigDecimal(rawBalance.replace(",", "").strip()).setScale(2, java.math.RoundingMode.HALF_UP);
            } catch (NumberFormatException | ArithmeticException x) {
                e.add(new FieldError(
                        "balance",
                        "error.decimalAmount",
                        rawBalance.length() > 30 ? rawBalance.substring(0, 30) : rawBalance));
            }
        }
        String counterpart = null;
        if (r.get("counterpartAccount") != null && !r.get("counterpartAccount").isBlank()) {
            counterpart = FundRequests.account(r.get("counterpartAccount"), "counterpartAccount", e, false);
        }
        String txn = r.get("transactionId");
        if (txn == null || txn.isBlank() || txn.length() > 64) {
            e.add(new FieldError("transactionId", "error.requiredUp64Characters", null));
        }
        if (!e.isEmpty()) {
            return null;
        }
        String name = clip(r.get("counterpartName"), 100);
        String cBank = r.get("counterpartBank") == null
                ? null
                : banks.find(r.get("counterpartBank")).map(Banks.Bank::code).orElse(null);
        return new Object[] {
            account,
            bankCode,
            Timestamp.from(at),
            direction,
            amount,
            balance,
            counterpart,
            name,
            cBank,
            clip(r.get("channel"), 30),
            txn.strip(),
            Timestamp.from(now)
        };
    }

    private static @Nullable String clip(@Nullable String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    static @Nullable String direction(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String d = raw.strip().toUpperCase(Locale.ROOT);
        return switch (d) {
            case "借", "出", "D", "DR", "DEBIT", "支出", "付", "转出", "OUT" -> "D";
            case "贷", "进", "C", "CR", "CREDIT", "收入", "收", "转入", "IN" -> "C";
            default -> null;
        };
    }

    private static Iterator<Map<String, String>> csv(InputStream in) throws IOException {
        CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(org.fanzha.platform.TextFiles.reader(in));
        Map<String, String> fields = fields(parser.getHeaderNames());
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Map<String, String> next() {
                CSVRecord record = records.next();
                Map<String, String> row = new HashMap<>();
                fields.forEach((header, field) -> {
                    if (record.isMapped(header) && record.isSet(header)) {
                        row.put(field, record.get(header));
                    }
                });
                return row;
            }
        };
    }

    private static Map<String, String> fields(List<String> headers) {
        Map<String, String> fields = new HashMap<>();
        for (String header : headers) {
            String f = COLUMNS.get(header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
            if (f != null) {
                fields.put(header, f);
            }
        }
        for (String needed : List.of("time", "account", "amount", "transactionId")) {
            if (!fields.containsValue(needed)) {
                throw new InvalidInput(List.of(FieldError.of("file", "error.statementHeader", null, needed)));
            }
        }
        return fields;
    }

    private static Iterator<Map<String, String>> xlsx(InputStream in) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook(in);
        Sheet sheet = wb.getSheetAt(0);
        DataFormatter format = new DataFormatter();
        Row head = sheet.getRow(sheet.getFirstRowNum());
        List<String> headers = new ArrayList<>();
        for (Cell c : head) {
            headers.add(format.formatCellValue(c));
        }
        Map<String, String> fields = fields(headers);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = sheet.getFirstRowNum() + 1; i <= sheet.getLastRowNum(); i++) {
            Row row = sheet.getRow(i);
            if (row == null) {
                continue;
            }
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                String f = fields.get(headers.get(c));
                Cell cell = row.getCell(c);
                if (f == null || cell == null) {
                    continue;
                }
                String v = f.equals("time")
                                && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                                && DateUtil.isCellDateFormatted(cell)
                        ? cell.getLocalDateTimeCellValue().toString().replace('T', ' ')
                        : format.formatCellValue(cell);
                m.put(f, v);
            }
            if (!m.isEmpty()) {
                rows.add(m);
            }
        }
        wb.close();
        return rows.iterator();
    }
}
