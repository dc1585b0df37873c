package org.fanzha.divisions.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Loads all 55,164 divisions of Henan and the obsolete-code map, once, as a migration: batch
 * inserts in code-length order so every parent exists before its children.
 *
 * <p>The one reshaping: 济源 (419001) sits in the source list under the statistical group 4190
 * (省直辖县级行政区划), but it is governed like a city, so it becomes a city-level unit directly
 * under the province, and 4190 stays as a row that is no unit.
 */
@Component
class V1_3__Load_henan_divisions extends BaseJavaMigration {

    static final String DIVISIONS = "/divisions/henan-divisions.csv";
    static final String HISTORY = "/divisions/henan-division-history.csv";
    private static final int BATCH = 5_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String[]> rows = read(DIVISIONS);
        rows.sort(Comparator.comparingInt((String[] r) -> r[0].length()).thenComparing(r -> r[0]));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO division (code, name, level, parent_code, unit) VALUES (?, ?, ?, ?, ?)")) {
            int n = 0;
            for (String[] row : rows) {
                String code = row[0];
                String level = row[2].toUpperCase();
                String parent = row.length > 3 && !row[3].isEmpty() ? row[3] : null;
                boolean unit = true;
                if (isStatisticalGroup(code)) {
                    unit = false;
                } else if (parent != null && isStatisticalGroup(parent)) {
                    level = "CITY";
                    parent = code.substring(0, 2);
                }
                insert.setString(1, code);
                insert.setString(2, row[1]);
                insert.setString(3, level);
                insert.setString(4, parent);
                insert.setBoolean(5, unit);
                insert.addBatch();
                if (++n % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        loadHistory(connection);
    }

    /** City-level codes ending in 90 are the statistical groups of province-administered counties. */
    static boolean isStatisticalGroup(String code) {
        return code.length() == 4 && code.endsWith("90");
    }

    private void loadHistory(Connection connection) throws IOException, SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO division_alias (old_code, old_name, current_code, note) VALUES (?, ?, ?, ?)")) {
            for (String[] row : read(HISTORY)) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setString(3, row[2]);
                insert.setString(4, row.length > 4 ? row[4] : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<String[]> read(String resource) throws IOException {
        var stream = V1_3__Load_henan_divisions.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        List<String[]> rows = new ArrayList<>(60_000);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setSkipHeaderRecord(true)
                .setHeader()
                .get();
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            for (CSVRecord record : parser) {
                rows.add(record.values());
            }
        }
        return rows;
    }
}
