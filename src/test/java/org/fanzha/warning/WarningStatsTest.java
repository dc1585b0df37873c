package org.fanzha.warning;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class WarningStatsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    long lead(String phone, String amount) throws Exception {
        String body = """
                {"source":"TELECOM","sourceId":"ST-%d","phone":"%s","divisionCode":"410184","amountAtRisk":"%s"}""".formatted(System.nanoTime(), phone, amount);
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    void close(long id, String outcome) throws Exception {
        api.warningAction("zhengzhou", id, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("zhengzhou", id, "close", "{\"outcome\":\"" + outcome + "\"}")
                .andExpect(status().isOk());
    }

    @Test
    void statsCountOutcomesAndLossAvertedByTheLargestAmountOfEachWarning() throws Exception {
        long a = lead("13703716101", "1000");
        lead("13703716101", "5000"); // joins a: its amount at risk becomes 5000, not 6000
        long b = lead("13703716102", "20000");
        long c = lead("13703716103", "7000");
        lead("13703716104", "100");
        close(a, "DISSUADED");
        close(b, "DISSUADED");
        close(c, "ALREADY_DEFRAUDED");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        mvc.perform(get("/api/v1/warnings/stats")
                        .param("unit", "410184")
                        .param("from", today)
                        .param("to", today)
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(4))
                .andExpect(jsonPath("$.handled").value(3))
                .andExpect(jsonPath("$.dissuaded").value(2))
                .andExpect(jsonPath("$.alreadyDefrauded").value(1))
                .andExpect(jsonPath("$.lossAverted").value(25000))
                .andExpect(jsonPath("$.acknowledgement.medianSeconds").isNumber())
                .andExpect(jsonPath("$.acknowledgement.withinDeadline").value(0.75))
                .andExpect(jsonPath("$.close.withinDeadline").value(0.75));
    }

    @Test
    void statsOfAnotherCityAreRefused() throws Exception {
        mvc.perform(get("/api/v1/warnings/stats")
                        .param("unit", "4103")
                        .param("from", "2021-06-01")
                        .param("to", "2021-06-30")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unit"));
    }
}
