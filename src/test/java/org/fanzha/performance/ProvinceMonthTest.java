package org.fanzha.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.fanzha.performance.internal.Rollups;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small province-month worked out by hand: May 2013 in 郑州 (金水区 410105, 中原区 410102) and
 * 洛阳 (涧西区 410305), with April 2013 as the period before and May 2012 as the year before. Every
 * expected figure below is counted from the facts inserted here, not computed by the code under test.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceMonthTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Rollups rollups;

    static Timestamp at(String local) {
        return Timestamp.from(OffsetDateTime.parse(local + ":00+08:00").toInstant());
    }

    int warnings;

    void warning(
            String unit,
            String opened,
            @Nullable String acknowledged,
            String acknowledgeDue,
            @Nullable String closed,
            @Nullable String closeDue,
            @Nullable String outcome,
            @Nullable Integer amount) {
        jdbc.update(
                """
                INSERT INTO warning (phone, fraud_type, urgency, urgency_rule, unit_code, routed_via, routing_basis,
                    out_of_province, state, outcome, amount_at_risk, lead_count, opened_at, last_lead_at, assigned_at,
                    acknowledged_at, closed_at, acknowledge_due, close_due, escalations)
                VALUES (?, 'IMPERSONATE_POLICE', 'RED', 'test', ?, 'TEST', 'worked example', FALSE, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0)""",
                "1390000" + String.format("%04d", ++warnings),
                unit,
                closed != null ? "CLOSED" : acknowledged != null ? "ACKNOWLEDGED" : "ASSIGNED",
                outcome,
                amount,
                at(opened),
                at(opened),
                at(opened),
                acknowledged == null ? null : at(acknowledged),
                closed == null ? null : at(closed),
                at(acknowledgeDue),
                closeDue == null ? null : at(closeDue));
    }

    long fraudCase(
            String unit,
            String filed,
            String loss,
            String status,
            @Nullable String solved,
            @Nullable String solvingUnit) {
        jdbc.update(
                """
                INSERT INTO fraud_case (fraud_type, status, loss_amount, occurred_at, accepted_at, filed_at, solved_at,
                    unit_code, solving_unit, created_by, updated_at)
                VALUES ('ORDER_BRUSHING', ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)""",
                status,
                new java.math.BigDecimal(loss),
                at(filed),
                at(filed),
                at(filed),
                solved == null ? null : at(solved),
                unit,
                solvingUnit,
                at(filed));
        return jdbc.queryForObject("SELECT MAX(id) FROM fraud_case", Long.class);
    }

    @BeforeAll
    void theProvinceMonth() throws Exception {
        // 金水区: dissuaded in time (ack 120 s, due 300 s), 50,000 at risk
        warning(
                "410105",
                "2013-05-03T10:00",
                "2013-05-03T10:02",
                "2013-05-03T10:05",
                "2013-05-03T11:00",
                "2013-05-03T12:00",
                "DISSUADED",
                50000);
        // 金水区: acknowledged late (600 s, due 300 s), closed late, already defrauded
        warning(
                "410105",
                "2013-05-10T09:00",
                "2013-05-10T09:10",
                "2013-05-10T09:05",
                "2013-05-11T09:00",
                "2013-05-10T21:00",
                "ALREADY_DEFRAUDED",
                8000);
        // 中原区: 60 s, dissuaded in time, 20,000
        warning(
                "410102",
                "2013-05-20T08:00",
                "2013-05-20T08:01",
                "2013-05-20T08:05",
                "2013-05-20T08:30",
                "2013-05-20T09:00",
                "DISSUADED",
                20000);
        // 涧西区: acknowledged in 30 s, still open
        warning(
                "410305",
                "2013-05-25T12:00",
                "2013-05-25T12:00:30".substring(0, 16),
                "2013-05-25T12:05",
                null,
                null,
                null,
                null);
        // 金水区: opened in April at 23:30 China time, acknowledged in May after 1,830 s (late), dissuaded in time, 1,000
        warning(
                "410105",
                "2013-04-30T23:30",
                "2013-05-01T00:00",
                "2013-04-30T23:35",
                "2013-05-01T10:00",
                "2013-05-01T12:00",
                "DISSUADED",
                1000);
        // a year before: 金水区 dissuaded (10,000), 涧西区 false alarm
        warning(
                "410105",
                "2012-05-15T10:00",
                "2012-05-15T10:05",
                "2012-05-15T10:05",
                "2012-05-15T11:00",
                "2012-05-15T12:00",
                "DISSUADED",
                10000);
        warning(
                "410305",
                "2012-05-16T10:00",
                "2012-05-16T10:01",
                "2012-05-16T10:05",
                "2012-05-16T11:00",
                "2012-05-16T12:00",
                "FALSE_ALARM",
                null);

        // cases: 金水区 filed, solved by 中原区; a withdrawn one (not counted); 涧西区 filed; 中原区 filed in April, solved in May
        long c1 = fraudCase("410105", "2013-05-05T09:00", "38000.00", "SOLVED", "2013-05-20T15:00", "410102");
        fraudCase("410105", "2013-05-06T09:00", "12000.50", "WITHDRAWN", null, null);
        fraudCase("410305", "2013-05-07T09:00", "5000.00", "FILED", null, null);
        fraudCase("410102", "2013-04-28T09:00", "1000.00", "SOLVED", "2013-05-02T09:00", "410102");
        fraudCase("410105", "2012-05-10T09:00", "20000.00", "FILED", null, null);
        // two suspects of the first case: one arrested by 中原区, one by the case's unit
        jdbc.update(
                "INSERT INTO case_suspect (case_id, name, arrested_at, arresting_unit, added_by, added_at) VALUES (?, '甲', ?, '410102', 'test', ?)",
                c1,
                at("2013-05-21T10:00"),
                at("2013-05-21T10:00"));
        jdbc.update(
                "INSERT INTO case_suspect (case_id, name, arrested_at, arresting_unit, added_by, added_at) VALUES (?, '乙', ?, NULL, 'test', ?)",
                c1,
                at("2013-05-22T10:00"),
                at("2013-05-22T10:00"));
        // a card verification done by 金水区, a credit restriction approved by 郑州
        jdbc.update(
                "INSERT INTO card (kind, card_number, first_seen) VALUES ('SIM', '17000002013', ?)",
                at("2013-05-01T00:00"));
        long card = jdbc.queryForObject("SELECT id FROM card WHERE card_number = '17000002013'", Long.class);
        jdbc.update(
                "INSERT INTO card_verification (card_id, unit_code, routed_by, due_at, state, result, done_by, done_at, created_at)"
                        + " VALUES (?, '410105', 'test', ?, 'DONE', 'SOLD', 'test', ?, ?)",
                card,
                at("2013-05-20T00:00"),
                at("2013-05-15T10:00"),
                at("2013-05-13T10:00"));
        jdbc.update(
                "INSERT INTO credit_restriction (id_number, basis, reason, state, unit_code, proposed_by, proposed_at, decided_by,"
                        + " decided_at, appeal_state) VALUES ('410105199001010011', 'POLICE_DETERMINATION', 'sold a card', 'IN_FORCE',"
                        + " '4101', 'test', ?, 'test', ?, 'NONE')",
                at("2013-05-15T10:00"),
                at("2013-05-16T10:00"));
        // blocking (province): one in force on entry (May 9), one approved on May 10, one rejected; 7 hits on May 9
        jdbc.update(
                "INSERT INTO block_entry (pattern, scope, category, source, state, added_by, reviewed_at, first_seen, last_seen, updated_at, serial)"
                        + " VALUES ('perf-2013-a.example', 'DOMAIN', 'LOAN', 'POLICE', 'EXPIRED', 'test', NULL, ?, ?, ?, 0)",
                at("2013-05-09T10:00"),
                at("2013-05-09T10:00"),
                at("2013-05-09T10:00"));
        jdbc.update(
                "INSERT INTO block_entry (pattern, scope, category, source, state, added_by, reviewed_at, first_seen, last_seen, updated_at, serial)"
                        + " VALUES ('perf-2013-b.example', 'DOMAIN', 'LOAN', 'POLICE', 'REMOVED', 'test', ?, ?, ?, ?, 0)",
                at("2013-05-10T10:00"),
                at("2013-05-01T10:00"),
                at("2013-05-01T10:00"),
                at("2013-05-10T10:00"));
        jdbc.update(
                "INSERT INTO block_entry (pattern, scope, category, source, state, added_by, reviewed_at, first_seen, last_seen, updated_at, serial)"
                        + " VALUES ('perf-2013-c.example', 'DOMAIN', 'LOAN', 'POLICE', 'REJECTED', 'test', ?, ?, ?, ?, 0)",
                at("2013-05-11T10:00"),
                at("2013-05-11T10:00"),
                at("2013-05-11T10:00"),
                at("2013-05-11T10:00"));
        jdbc.update(
                "INSERT INTO block_hit_day (entry_id, hit_day, hits) VALUES (-2013, ?, 7)",
                java.sql.Date.valueOf("2013-05-09"));

        rollups.recomputeDays(LocalDate.of(2012, 1, 1), LocalDate.of(2013, 12, 31));
    }

    JsonNode getJson(String user, String path) throws Exception {
        return json.readTree(mvc.perform(get(path).header("Authorization", api.bearer(user)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    Map<String, JsonNode> indicators(String unit, String period) throws Exception {
        JsonNode report = getJson("duty", "/api/v1/performance/indicators?unit=" + unit + "&period=" + period);
        Map<String, JsonNode> out = new HashMap<>();
        report.get("indicators").forEach(i -> out.put(i.get("indicator").asText(), i));
        return out;
    }

    static String value(Map<String, JsonNode> m, String key) {
        assertThat(m).containsKey(key);
        return m.get(key).get("value").asText();
    }

    @Test
    void everyIndicatorOfZhengzhouInMay() throws Exception {
        Map<String, JsonNode> z = indicators("4101", "2013-05");
        assertThat(new java.math.BigDecimal(value(z, "warningsReceived")))
                .isEqualByComparingTo("3"); // the April one counts for April
        assertThat(new java.math.BigDecimal(value(z, "warningsHandled"))).isEqualByComparingTo("4");
        assertThat(new java.math.BigDecimal(value(z, "dissuaded"))).isEqualByComparingTo("3");
        assertThat(new java.math.BigDecimal(value(z, "alreadyDefrauded"))).isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(value(z, "lossAverted")))
                .isEqualByComparingTo("71000"); // 50,000 + 20,000 + 1,000
        assertThat(new java.math.BigDecimal(value(z, "dissuadedShare")))
                .isEqualByComparingTo("0.7500"); // 3 of 4 closed
        assertThat(new java.math.BigDecimal(value(z, "acknowledgedInTimeShare")))
                .isEqualByComparingTo("0.5000"); // 2 of 4
        assertThat(new java.math.BigDecimal(value(z, "closedInTimeShare"))).isEqualByComparingTo("0.7500"); // 3 of 4
        assertThat(new java.math.BigDecimal(value(z, "medianAckSeconds")))
                .isEqualByComparingTo("360.0"); // 60, 120 | 600, 1830
        assertThat(new java.math.BigDecimal(value(z, "casesFiled")))
                .isEqualByComparingTo("1"); // the withdrawn one does not count
        assertThat(new java.math.BigDecimal(value(z, "lossAmount"))).isEqualByComparingTo("38000");
        assertThat(new java.math.BigDecimal(value(z, "casesSolved")))
                .isEqualByComparingTo("2"); // both by 中原区, within 郑州
        assertThat(new java.math.BigDecimal(value(z, "solveRate"))).isEqualByComparingTo("2.0000");
        assertThat(new java.math.BigDecimal(value(z, "suspectsArrested"))).isEqualByComparingTo("2");
        assertThat(new java.math.BigDecimal(value(z, "cardVerifications"))).isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(value(z, "creditRestrictions"))).isEqualByComparingTo("1");
        // per 10,000 of 12,600,574 residents (2020 census)
        assertThat(new java.math.BigDecimal(value(z, "casesPer10k"))).isEqualByComparingTo("0.000794");
        assertThat(new java.math.BigDecimal(value(z, "lossPer10k"))).isEqualByComparingTo("30.157356");
        assertThat(new java.math.BigDecimal(value(z, "lossAvertedPer10k"))).isEqualByComparingTo("56.346639");
        // the block list is the province's: absent for a city, not zero
        assertThat(z).doesNotContainKeys("domainsBlocked", "blockHits");

        // 同比 (May 2012: one warning, one case of 20,000) and 环比 (April 2013: one warning, one case of 1,000)
        JsonNode received = z.get("warningsReceived");
        assertThat(new java.math.BigDecimal(received.get("yearBefore").asText()))
                .isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(received.get("yearChange").asText()))
                .isEqualByComparingTo("2");
        assertThat(new java.math.BigDecimal(received.get("yearChangePercent").asText()))
                .isEqualByComparingTo("200.0");
        assertThat(new java.math.BigDecimal(received.get("previous").asText())).isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(
                        received.get("previousChangePercent").asText()))
                .isEqualByComparingTo("200.0");
        JsonNode loss = z.get("lossAmount");
        assertThat(new java.math.BigDecimal(loss.get("yearBefore").asText())).isEqualByComparingTo("20000");
        assertThat(new java.math.BigDecimal(loss.get("yearChangePercent").asText()))
                .isEqualByComparingTo("90.0");
        assertThat(new java.math.BigDecimal(loss.get("previous").asText())).isEqualByComparingTo("1000");
        assertThat(new java.math.BigDecimal(loss.get("previousChangePercent").asText()))
                .isEqualByComparingTo("3700.0");
        assertThat(new java.math.BigDecimal(
                        z.get("casesFiled").get("yearChangePercent").asText()))
                .isEqualByComparingTo("0.0");
    }

    @Test
    void countiesProvinceAndAbsentShares() throws Exception {
        Map<String, JsonNode> zy = indicators("410102", "2013-05");
        assertThat(new java.math.BigDecimal(value(zy, "casesSolved")))
                .isEqualByComparingTo("2"); // solved here, filed elsewhere
        assertThat(new java.math.BigDecimal(value(zy, "casesFiled"))).isEqualByComparingTo("0");
        assertThat(zy).doesNotContainKey("solveRate"); // nothing filed: no rate, not zero
        assertThat(zy).doesNotContainKey("casesPer10k"); // no population configured for a county
        assertThat(new java.math.BigDecimal(value(zy, "suspectsArrested"))).isEqualByComparingTo("1");

        Map<String, JsonNode> ly = indicators("4103", "2013-05");
        assertThat(new java.math.BigDecimal(value(ly, "warningsReceived"))).isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(value(ly, "acknowledgedInTimeShare")))
                .isEqualByComparingTo("1.0000");
        assertThat(ly).doesNotContainKeys("dissuadedShare", "closedInTimeShare");
        assertThat(new java.math.BigDecimal(value(ly, "medianAckSeconds"))).isEqualByComparingTo("0.0");
        assertThat(new java.math.BigDecimal(value(ly, "solveRate"))).isEqualByComparingTo("0.0000");

        Map<String, JsonNode> province = indicators("41", "2013-05");
        assertThat(new java.math.BigDecimal(value(province, "warningsReceived")))
                .isEqualByComparingTo("4");
        assertThat(new java.math.BigDecimal(value(province, "casesFiled"))).isEqualByComparingTo("2");
        assertThat(new java.math.BigDecimal(value(province, "lossAmount"))).isEqualByComparingTo("43000");
        assertThat(new java.math.BigDecimal(value(province, "domainsBlocked")))
                .isEqualByComparingTo("2"); // the rejected one is not blocked
        assertThat(new java.math.BigDecimal(value(province, "blockHits"))).isEqualByComparingTo("7");
        assertThat(new java.math.BigDecimal(value(province, "medianAckSeconds")))
                .isEqualByComparingTo("120.0"); // 0, 60, [120], 600, 1830

        // a range over two months: April 30 from the day totals, May from the month totals
        assertThat(new java.math.BigDecimal(value(indicators("4101", "2013-04-30..2013-05-31"), "warningsReceived")))
                .isEqualByComparingTo("4");
        // recomputing days again replaces their totals and keeps the months in step: nothing counts twice
        rollups.recomputeDays(LocalDate.of(2013, 4, 20), LocalDate.of(2013, 5, 31));
        assertThat(new java.math.BigDecimal(value(indicators("4101", "2013-05"), "warningsReceived")))
                .isEqualByComparingTo("3");
        assertThat(new java.math.BigDecimal(value(indicators("41", "2013"), "lossAmount")))
                .isEqualByComparingTo("44000");
        // a week and a day: the ISO week 2013-W19 is May 6 to 12
        Map<String, JsonNode> week = indicators("41", "2013-W19");
        assertThat(new java.math.BigDecimal(value(week, "warningsReceived"))).isEqualByComparingTo("1");
        assertThat(new java.math.BigDecimal(value(week, "domainsBlocked"))).isEqualByComparingTo("2");
        assertThat(value(indicators("4101", "2013-05-01"), "dissuaded")).isEqualTo("1");
    }

    @Test
    void theRankingOfTheCitiesWorkedOutByHand() throws Exception {
        JsonNode ranking = getJson("zhengzhou", "/api/v1/performance/ranking?level=city&period=2013-05");
        assertThat(ranking.get("period").asText()).isEqualTo("2013-05");
        assertThat(ranking.get("scheme").asText()).isNotBlank();
        JsonNode rows = ranking.get("rows");
        assertThat(rows.size()).isEqualTo(18);
        // 郑州: casesPer10k 0 and lossPer10k 0 (far above the mean), solveRate 2 (cap), suspects 2 (cap),
        // dissuadedShare 1 (the only one), acknowledgedInTime 0.5 / 0.75, closedInTime 1, lossAverted 2 (cap):
        // 20·0 + 15·0 + 20·2 + 10·2 + 10·1 + 10·0.6667 + 5·1 + 10·2 = 101.67
        JsonNode first = rows.get(0);
        assertThat(new java.math.BigDecimal(first.get("unitCode").asText())).isEqualByComparingTo("4101");
        assertThat(first.get("name").asText()).isEqualTo("郑州市");
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(new java.math.BigDecimal(first.get("score").asText())).isEqualByComparingTo("101.67");
        assertThat(first.get("lagging").asBoolean()).isFalse();
        // April: 郑州 18th (65 against 135), so up 17
        assertThat(first.get("rankChange").asInt()).isEqualTo(17);
        // the 16 cities without facts: 20·2 + 15·2 (no cases, no loss) = 70, sharing rank 2
        for (int i = 1; i < 17; i++) {
            assertThat(new java.math.BigDecimal(rows.get(i).get("score").asText()))
                    .isEqualByComparingTo("70.00");
            assertThat(rows.get(i).get("rank").asInt()).isEqualTo(2);
            assertThat(rows.get(i).get("rankChange").asInt()).isEqualTo(-1);
        }
        assertThat(rows.toString()).contains("\"unitCode\":\"419001\"");
        // 洛阳: only acknowledgedInTime 1.0 / 0.75 = 1.3333 → 13.33, last and lagging
        JsonNode last = rows.get(17);
        assertThat(new java.math.BigDecimal(last.get("unitCode").asText())).isEqualByComparingTo("4103");
        assertThat(last.get("rank").asInt()).isEqualTo(18);
        assertThat(new java.math.BigDecimal(last.get("score").asText())).isEqualByComparingTo("13.33");
        assertThat(last.get("lagging").asBoolean()).isTrue();
        assertThat(last.get("rankChange").asInt()).isEqualTo(-17);

        // explained indicator by indicator
        JsonNode explained = getJson("duty", "/api/v1/performance/scores/4101?period=2013-05")
                .get("score");
        assertThat(new java.math.BigDecimal(explained.get("computed").asText())).isEqualByComparingTo("101.67");
        JsonNode ack = null;
        for (JsonNode part : explained.get("parts")) {
            if (part.get("indicator").asText().equals("acknowledgedInTimeShare")) {
                ack = part;
            }
        }
        assertThat(ack).isNotNull();
        assertThat(new java.math.BigDecimal(ack.get("mean").asText())).isEqualByComparingTo("0.7500");
        assertThat(new java.math.BigDecimal(ack.get("ratio").asText())).isEqualByComparingTo("0.6667");
        assertThat(new java.math.BigDecimal(ack.get("points").asText())).isEqualByComparingTo("6.67");
    }

    @Test
    void anAdjustmentIsEnteredByTheProvinceShownApartAndAudited() throws Exception {
        String body = """
                {"unitCode":"4106","effectiveOn":"2013-06-30","points":"5","reason":"省厅通报表扬","evidence":"豫公反〔2013〕12号"}""";
        mvc.perform(post("/api/v1/performance/adjustments")
                        .header("Authorization", api.bearer("zhengzhou"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden());
        mvc.perform(
                        post("/api/v1/performance/adjustments")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"unitCode\":\"4106\",\"effectiveOn\":\"2013-06-30\",\"points\":\"500\",\"reason\":\"\",\"evidence\":\"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/performance/adjustments")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated());
        JsonNode rows = getJson("duty", "/api/v1/performance/ranking?level=city&period=2013-06")
                .get("rows");
        JsonNode hebi = null;
        for (JsonNode r : rows) {
            if (r.get("unitCode").asText().equals("4106")) {
                hebi = r;
            }
        }
        assertThat(hebi).isNotNull();
        assertThat(new java.math.BigDecimal(hebi.get("adjustments").asText())).isEqualByComparingTo("5.00");
        assertThat(new java.math.BigDecimal(hebi.get("score").asText()))
                .isEqualByComparingTo(
                        new java.math.BigDecimal(hebi.get("computed").asText()).add(java.math.BigDecimal.valueOf(5)));
        assertThat(hebi.get("rank").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_record WHERE action = 'performance.adjust' AND detail LIKE '4106 2013-06-30%'",
                        Integer.class))
                .isEqualTo(1);
    }

    @Test
    void badInputIsRefusedFieldByField() throws Exception {
        for (String q : new String[] {
            "period=2013-13",
            "period=2013-W54",
            "period=yesterday",
            "period=" + "9".repeat(40),
            "period=2013-05-03..2013-05-01",
            "unit=abc&period=2013-05",
            "unit=4101'--&period=2013-05"
        }) {
            mvc.perform(get("/api/v1/performance/indicators?" + q).header("Authorization", api.bearer("duty")))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/v1/performance/ranking?level=planet&period=2013-05")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest());
        // another city's county is out of reach; the cities' own figures are published to all
        mvc.perform(get("/api/v1/performance/indicators?unit=410305&period=2013-05")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/performance/indicators?unit=4103&period=2013-05")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/performance/ranking?level=county&parent=4103&period=2013-05")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/performance/indicators?unit=4101&period=2013-05")
                        .header("Authorization", api.bearer("hotline")))
                .andExpect(status().isForbidden());
    }
}
