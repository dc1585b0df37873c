package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CreditApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    ResultActions post(String auth, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long field(ResultActions r, String name) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString())
                .get(name)
                .asLong();
    }

    String token(String permission) throws Exception {
        return "Bearer "
                + json.readTree(post(
                                        "admin",
                                        "/api/v1/tokens",
                                        "{\"name\":\"partner-" + System.nanoTime() + "\",\"permissions\":[\""
                                                + permission + "\"],\"sources\":[\"BANK\"]}")
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
    }

    @Test
    void aSoldCardsOwnerIsRestrictedAfterApprovalPartnersSeeItAndAnAppealLiftsIt() throws Exception {
        String card = CasesApiTest.card("622848" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        post("jinshui", "/api/v1/cases", """
                        {"fraudType":"LOAN","lossAmount":"9000","occurredAt":"2021-06-01T20:15:00+08:00",
                         "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(card)).andExpect(status().isCreated());
        String first17 = "41030519850101" + String.format("%03d", System.nanoTime() % 1000);
        String owner = first17 + IdNumber.checkCharacter(first17);
        long task = field(
                mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", token("cards:register"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"ownerName\":\"钱七\",\"ownerIdNumber\":\"" + owner + "\"}"))
                        .andExpect(status().isOk()),
                "id");
        post("luoyang", "/api/v1/cards/verifications/" + task + "/result", "{\"result\":\"SOLD\",\"note\":\"出售银行卡\"}")
                .andExpect(status().isOk());

        String bank = token("credit:query");
        post(bank, "/api/v1/credit-restrictions/check", "{\"idNumber\":\"" + owner + "\"}")
                .andExpect(jsonPath("$.restricted").value(false));

        long id = field(
                post("luoyang", "/api/v1/credit-restrictions", """
                        {"verificationId":%d,"basis":"POLICE_DETERMINATION","reason":"出售本人银行卡用于诈骗"}""".formatted(task))
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.state").value("PROPOSED"))
                        .andExpect(jsonPath("$.unitCode").value("410305"))
                        .andExpect(jsonPath("$.idNumber").value(org.hamcrest.Matchers.not(owner))),
                "id");
        post("jinshui", "/api/v1/credit-restrictions/" + id + "/approve", "{}").andExpect(status().isForbidden());
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        post("luoyang", "/api/v1/credit-restrictions/" + id + "/approve", "{}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("IN_FORCE"))
                .andExpect(jsonPath("$.until").value(today.plusYears(2).toString()));
        post(bank, "/api/v1/credit-restrictions/check", "{\"idNumber\":\"" + owner.toLowerCase() + "\"}")
                .andExpect(jsonPath("$.restricted").value(true))
                .andExpect(jsonPath("$.until").value(today.plusYears(2).toString()))
                .andExpect(jsonPath("$.basis").value("POLICE_DETERMINATION"));
        post(bank, "/api/v1/credit-restrictions/check", "{\"idNumber\":\"123\"}")
                .andExpect(status().isBadRequest());
        post("analyst", "/api/v1/credit-restrictions/check", "{\"idNumber\":\"" + owner + "\"}")
                .andExpect(jsonPath("$.restricted").value(true));
        post("jinshui", "/api/v1/credit-restrictions/check", "{\"idNumber\":\"" + owner + "\"}")
                .andExpect(status().isForbidden());

        // a second restriction for the same person never reaches beyond five years in a row
        long second = field(post("duty", "/api/v1/credit-restrictions", """
                        {"idNumber":"%s","basis":"CRIMINAL_CONVICTION","reason":"帮助信息网络犯罪活动罪判决"}""".formatted(owner)), "id");
        post("duty", "/api/v1/credit-restrictions/" + second + "/approve", "{}")
                .andExpect(jsonPath("$.until").value(today.plusYears(3).toString()));

        // a person restricted for four years already: a new one ends five years after the first began
        String first17b = "41030519770101" + String.format("%03d", (System.nanoTime() / 3) % 1000);
        String longRestricted = first17b + IdNumber.checkCharacter(first17b);
        jdbc.sql("""
                        INSERT INTO credit_restriction (id_number, basis, reason, state, unit_code, proposed_by, proposed_at, starts_on, until, appeal_state)
                        VALUES (?, 'POLICE_DETERMINATION', '早前认定', 'IN_FORCE', '4103', 'test', CURRENT_TIMESTAMP, ?, ?, 'NONE')""")
                .params(
                        longRestricted,
                        java.sql.Date.valueOf(today.minusYears(4)),
                        java.sql.Date.valueOf(today.plusMonths(6)))
                .update();
        long capped = field(post("duty", "/api/v1/credit-restrictions", """
                        {"idNumber":"%s","basis":"CRIMINAL_CONVICTION","reason":"判决"}""".formatted(longRestricted)), "id");
        post("duty", "/api/v1/credit-restrictions/" + capped + "/approve", "{}")
                .andExpect(jsonPath("$.until")
                        .value(today.minusYears(4).plusYears(5).toString()));

        post(
                        "luoyang",
                        "/api/v1/credit-restrictions/" + id + "/notice",
                        "{\"servedOn\":\"" + today + "\",\"reference\":\"洛公惩告〔2021〕1号\"}")
                .andExpect(jsonPath("$.noticeReference").value("洛公惩告〔2021〕1号"));
        post("luoyang", "/api/v1/credit-restrictions/" + id + "/appeal", "{\"reason\":\"银行卡系被盗用\"}")
                .andExpect(jsonPath("$.appealState").value("OPEN"));
        post("luoyang", "/api/v1/credit-restrictions/" + id + "/appeal", "{\"reason\":\"again\"}")
                .andExpect(status().isConflict());
        post(
                        "luoyang",
                        "/api/v1/credit-restrictions/" + id + "/appeal-decision",
                        "{\"decision\":\"LIFT\",\"note\":\"查实卡被盗用\"}")
                .andExpect(jsonPath("$.state").value("LIFTED"))
                .andExpect(jsonPath("$.appealState").value("LIFTED"));
        post("duty", "/api/v1/credit-restrictions/" + second + "/lift", "{\"reason\":\"判决撤销\"}")
                .andExpect(jsonPath("$.state").value("LIFTED"));
        post(bank, "/api/v1/credit-restrictions/check", "{\"idNumber\":\"" + owner + "\"}")
                .andExpect(jsonPath("$.restricted").value(false));
        post(
                        "luoyang",
                        "/api/v1/credit-restrictions",
                        "{\"idNumber\":\"" + owner + "\",\"basis\":\"RUMOUR\",\"reason\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("basis"));
    }
}
