package org.fanzha.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A card verification not done by its deadline goes to the parent unit, whose duty staff are told. */
@IntegrationTest
class VerificationDeadlinesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VerificationDeadlines deadlines;

    static String card(String prefix) {
        for (int d = 0; d <= 9; d++) {
            String c = prefix + d;
            int sum = 0;
            boolean twice = false;
            for (int i = c.length() - 1; i >= 0; i--) {
                int x = c.charAt(i) - '0';
                if (twice) {
                    x = x * 2 > 9 ? x * 2 - 9 : x * 2;
                }
                sum += x;
                twice = !twice;
            }
            if (sum % 10 == 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    @Test
    void anOverdueVerificationMovesUpOnceAndTheParentUnitIsTold() throws Exception {
        String card = card("621799" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        mvc.perform(post("/api/v1/cases")
                        .header("Authorization", api.bearer("luoyang"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"fraudType":"LOAN","lossAmount":"1","occurredAt":"2021-06-02T20:15:00+08:00","unitCode":"4103",
                                 "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(card)))
                .andExpect(status().isCreated());
        String bank = "Bearer "
                + json.readTree(mvc.perform(post("/api/v1/tokens")
                                        .header("Authorization", api.bearer("admin"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"name\":\"邮储-" + System.nanoTime()
                                                + "\",\"permissions\":[\"cards:register\"],\"sources\":[\"BANK\"]}"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        String first17 = "41030519920505" + String.format("%03d", System.nanoTime() % 1000);
        long task = json.readTree(mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", bank)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"ownerIdNumber\":\"" + first17 + IdNumber.checkCharacter(first17) + "\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        jdbc.sql("UPDATE card_verification SET due_at = due_at - INTERVAL '8' DAY WHERE id = ?")
                .param(task)
                .update();
        deadlines.run();
        deadlines.run();
        assertThat(jdbc.sql("SELECT unit_code FROM card_verification WHERE id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("4103");
        assertThat(jdbc.sql("SELECT escalations FROM card_verification WHERE id = ?")
                        .param(task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM notice WHERE unit_code = '4103' AND kind = 'VERIFICATION_OVERDUE' AND subject = ?")
                        .param("verification " + task)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
