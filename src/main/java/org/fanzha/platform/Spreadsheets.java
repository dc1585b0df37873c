package org.fanzha.platform;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of the first sheet of an .xlsx file units exchange (Apache POI), by the columns its
 * header row names: a number as written (a division code 410105001001 stays that, never
 * 4.10105E+11), a date as {@code 2021-06-01 20:20}, text as it is. A file that is no workbook (or a
 * hostile one) is refused as such.
 */
public final class Spreadsheets {

    private Spreadsheets() {}

    /** A row with its line number in the sheet (1 the header). */
    public record Line(int number, Map<String, String> values) {}

    /**
     * @param columns header text (lower case) → field name
     * @param required a field whose column the header must have
     * @param maxRows rows read at most (one more is read, so the caller can tell the file was longer)
     */
    public static List<Line> rows(InputStream in, Map<String, String> columns, String required, int maxRows)
            throws IOException {
        try (Workbook book = open(in)) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(Locale.ROOT);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw new InvalidInput("file", "error.sheetWithHeaderRow", null);
            }
            Map<Integer, String> fields = new HashMap<>();
            for (Cell cell : header) {
                String f = columns.get(format.formatCellValue(cell).strip().toLowerCase(Locale.ROOT));
                if (f != null) {
                    fields.put(cell.getColumnIndex(), f);
                }
            }
            if (!fields.containsValue(required)) {
                throw InvalidInput.of("file", "error.headerRowNaming", null, required);
            }
            List<Line> rows = new ArrayList<>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum() && rows.size() <= maxRows; r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                fields.forEach((column, field) -> {
                    Cell cell = row.getCell(column);
                    if (cell != null) {
                        values.put(field, text(cell, format).strip());
                    }
                });
                if (!values.values().stream().allMatch(String::isBlank)) {
                    rows.add(new Line(r + 1, values));
                }
            }
            return rows;
        } catch (org.apache.poi.UnsupportedFileFormatException e) {
            throw new InvalidInput("file", "error.xlsxWorkbook", null);
        }
    }

    private static String text(Cell cell, DataFormatter format) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toString().replace('T', ' ');
            }
            return BigDecimal.valueOf(cell.getNumericCellValue())
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return format.formatCellValue(cell);
    }

    private static Workbook open(InputStream in) {
        try {
            return new XSSFWorkbook(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("file", "error.xlsxWorkbook", null);
        }
    }
}
