package org.fanzha.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FactSource;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Warned, then defrauded: a person talked round who reports a fraud within 30 days counts against the warning. */
@IntegrationTest
class WarnedThenDefraudedTest {

    /** 西平县: no other test files warnings there. */
    static final String UNIT = "411721";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    CaseFacts facts;

    long warnedAndClosed(String phone, String outcome) throws Exception {
        long id = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"source":"NATIONAL_CENTRE","sourceId":"WARNED-%d","phone":"%s","divisionCode":"%s","fraudType":"INVESTMENT"}""".formatted(System.nanoTime(), phone, UNIT)))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        api.warningAction("duty", id, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("duty", id, "close", "{\"outcome\":\"" + outcome + "\"}")
                .andExpect(status().isOk());
        return id;
    }

    @Test
    void aPersonDissuadedWhoReportsAFraudWithin30DaysCountsAsWarnedThenDefrauded() throws Exception {
        warnedAndClosed("13903960101", "DISSUADED");
        warnedAndClosed("13903960102", "DISSUADED");
        warnedAndClosed("13903960103", "FALSE_ALARM");
        mvc.perform(post("/api/v1/cases")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"fraudType":"INVESTMENT","victim":{"name":"王某","phone":"13903960101"},"lossAmount":"52000","occurredAt":"2026-12-01T20:00:00+08:00","divisionCode":"%s"}""".formatted(UNIT)))
                .andExpect(status().isCreated());

        Map<FactKind, BigDecimal> sums = new EnumMap<>(FactKind.class);
        LocalDate today = FactSource.day(java.time.Instant.now());
        facts.facts(today.minusDays(1), today.plusDays(1), (kind, unit, day, value, type) -> {
            if (unit.equals(UNIT)) {
                sums.merge(kind, value, BigDecimal::add);
            }
        });
        assertThat(sums)
                .containsEntry(FactKind.WARNED, BigDecimal.valueOf(2))
                .containsEntry(FactKind.WARNED_THEN_DEFRAUDED, BigDecimal.ONE);
        assertThat(facts.changedDays(java.time.Instant.now().minusSeconds(60))).contains(today, today.minusDays(30));
    }
}
