package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures for the warnings opened in a period in a unit's subtree. Times are measured from the
 * moment the warning opened, so an escalated warning counts its whole wait; "within deadline"
 * compares against the deadline of the warning's urgency.
 */
@Component
class WarningStatistics {

    record Times(@Nullable Long medianSeconds, @Nullable Long p90Seconds, double withinDeadline) {}

    record Stats(
            String unit,
            Instant from,
            Instant to,
            long received,
            long handled,
            long dissuaded,
            long alreadyDefrauded,
            long unreachable,
            long persists,
            BigDecimal lossAverted,
            Times acknowledgement,
            Times close) {}

    private final JdbcClient jdbc;
    private final WarningProperties properties;

    WarningStatistics(JdbcClient jdbc, WarningProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    private record Row(
            Urgency urgency,
            @Nullable Outcome outcome,
            @Nullable BigDecimal amount,
            Instant opened,
            @Nullable Instant acknowledged,
            @Nullable Instant closed) {}

    @Transactional(readOnly = true)
    Stats of(String unit, Instant from, Instant to) {
        List<Row> rows = jdbc.sql("""
                SELECT urgency, outcome, amount_at_risk, opened_at, acknowledged_at, closed_at
                FROM warning WHERE unit_code LIKE ? AND opened_at >= ? AND opened_at < ?
                """)
                .params(unit + "%", WarningStore.ts(from), WarningStore.ts(to))
                .query((rs, i) -> new Row(
                        Urgency.valueOf(rs.getString(1)),
                        rs.getString(2) == null ? null : Outcome.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3),
                        WarningStore.instant(rs, "opened_at"),
                        WarningStore.instant(rs, "acknowledged_at"),
                        WarningStore.instant(rs, "closed_at")))
                .list();
        long handled = 0, dissuaded = 0, defrauded = 0, unreachable = 0, persists = 0;
        BigDecimal averted = BigDecimal.ZERO;
        List<Long> ackSeconds = new ArrayList<>();
        List<Long> closeSeconds = new ArrayList<>();
        long ackWithin = 0, closeWithin = 0;
        for (Row r : rows) {
            var deadline = properties.deadline(r.urgency());
            if (r.acknowledged() != null) {
                Duration d = Duration.between(r.opened(), r.acknowledged());
                ackSeconds.add(d.toSeconds());
                ackWithin += d.compareTo(deadline.acknowledge()) <= 0 ? 1 : 0;
            }
            if (r.closed() != null && r.outcome() != null) {
                handled++;
                Duration d = Duration.between(r.opened(), r.closed());
                closeSeconds.add(d.toSeconds());
                closeWithin += d.compareTo(deadline.close()) <= 0 ? 1 : 0;
                switch (r.outcome()) {
                    case DISSUADED -> {
                        dissuaded++;
                        averted = r.amount() == null ? averted : averted.add(r.amount());
                    }
                    case ALREADY_DEFRAUDED -> defrauded++;
                    case UNREACHABLE -> unreachable++;
                    case PERSISTS -> persists++;
                    default -> {}
                }
            }
        }
        return new Stats(
                unit,
                from,
                to,
                rows.size(),
                handled,
                dissuaded,
                defrauded,
                unreachable,
                persists,
                averted,
                times(ackSeconds, ackWithin, rows.size()),
                times(closeSeconds, closeWithin, rows.size()));
    }

    private static Times times(List<Long> seconds, long within, long received) {
        Collections.sort(seconds);
        return new Times(
                percentile(seconds, 50), percentile(seconds, 90), received == 0 ? 0 : (double) within / received);
    }

    /** Nearest-rank percentile; null for no values. */
    static @Nullable Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
