package org.fanzha.hotline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The hotline's next task by expected loss: a task about to miss its deadline first, then the
 * highest expected loss (so a red warning never ranks below an orange one of lower expected loss),
 * then the rules; under the rules red before orange before yellow, as before.
 */
@IntegrationTest
class ExpectedLossOrderTest {

    @Autowired
    TaskStore tasks;

    @Autowired
    Workbench workbench;

    @Autowired
    JdbcClient jdbc;

    /** A county no other test works in, so only these tasks are due there. */
    static final String UNIT = "411725";

    long task(String urgency, Instant due, String expectedLoss, int n) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO warning (phone, urgency, urgency_rule, unit_code, routed_via, routing_basis, out_of_province, state,
                            lead_count, opened_at, last_lead_at, assigned_at, escalations)
                        VALUES (?, ?, 'default', ?, 'TEST', 'test', FALSE, 'ASSIGNED', 1, ?, ?, ?, 0)""")
                .params(
                        "1380000" + String.format("%04d", n),
                        urgency,
                        UNIT,
                        Timestamp.from(due),
                        Timestamp.from(due),
                        Timestamp.from(due))
                .update(key, "id");
        long warning = key.getKey().longValue();
        GeneratedKeyHolder taskKey = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at, open_key)
                        VALUES (?, 'CALL', ?, ?, ?, 'OPEN', 0, ?, ?)""")
                .params(warning, UNIT, urgency, Timestamp.from(due), Timestamp.from(due), warning + ":CALL")
                .update(taskKey, "id");
        long id = taskKey.getKey().longValue();
        tasks.scored(id, new BigDecimal(expectedLoss), Instant.now());
        return id;
    }

    List<Long> order(boolean byLoss) {
        Instant now = Instant.now();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = tasks.next("order-test-" + i + byLoss, UNIT, now, byLoss, workbench.urgentBefore(now))
                    .orElseThrow()
                    .id();
            out.add(id);
            tasks.take(id, "order-test-" + i + byLoss, now);
        }
        jdbc.sql("UPDATE hotline_task SET state = 'OPEN', taken_by = NULL, taken_at = NULL WHERE unit_code = ?")
                .param(UNIT)
                .update();
        return out;
    }

    @Test
    void byExpectedLossADeadlineAboutToBeMissedStillComesFirstThenTheHighestLoss() {
        Instant now = Instant.now();
        jdbc.sql("UPDATE hotline_task SET state = 'DONE', open_key = NULL WHERE unit_code = ?")
                .param(UNIT)
                .update();
        long red = task("RED", now.minus(Duration.ofMinutes(1)), "1000.00", 1);
        long orange = task("ORANGE", now.minus(Duration.ofMinutes(1)), "5000.00", 2);
        // a yellow task waiting 20 hours: four fifths of its 24-hour deadline are gone
        long yellowLate = task("YELLOW", now.minus(Duration.ofHours(20)), "10.00", 3);

        assertThat(order(true)).containsExactly(yellowLate, orange, red);
        assertThat(order(false)).containsExactly(red, orange, yellowLate);
        jdbc.sql("UPDATE hotline_task SET state = 'DONE', open_key = NULL WHERE unit_code = ?")
                .param(UNIT)
                .update();
    }
}
