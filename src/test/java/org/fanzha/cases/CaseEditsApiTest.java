package org.fanzha.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** A case's facts corrected with their history, and a case linked to the warning whose person it concerns. */
@IntegrationTest
class CaseEditsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    ResultActions send(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String as, String body)
            throws Exception {
        return mvc.perform(request.header("Authorization", api.bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long fileCase(String as) throws Exception {
        return json.readTree(send(post("/api/v1/cases"), as, """
                                {"fraudType":"INVESTMENT","victim":{"name":"钱七","phone":"13703710000"},
                                 "lossAmount":"12000.00","occurredAt":"2021-06-03T10:00:00+08:00","divisionCode":"410105"}""")
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
    }

    @Test
    void factsAreCorrectedWithWhatTheyWereAndBadFactsAreRefusedFieldByField() throws Exception {
        long id = fileCase("jinshui");
        send(patch("/api/v1/cases/{id}", id), "jinshui", """
                        {"lossAmount":"15800.50","occurredAt":"2021-06-03T09:40:00+08:00","divisionCode":"410105001","note":"核实转账记录"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lossAmount").value(15800.50))
                .andExpect(jsonPath("$.divisionCode").value("410105001"));
        String history = jdbc.sql("SELECT note FROM case_event WHERE case_id = ? AND kind = 'CORRECTED'")
                .param(id)
                .query(String.class)
                .single();
        assertThat(history)
                .contains("损失金额 12,000.00 元 → 15,800.50 元", "发案时间 2021-06-03 10:00 → 2021-06-03 09:40", "核实转账记录");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE entity = 'case' AND entity_id = ? AND action = 'UPDATE'")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // each bad fact named, nothing changed
        send(patch("/api/v1/cases/{id}", id), "jinshui", """
                        {"lossAmount":"-1","occurredAt":"2999-01-01T00:00:00+08:00","divisionCode":"999999","note":"%s"}""".formatted("长".repeat(501)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[?(@.field == 'lossAmount')].message")
                        .value("an amount in yuan, at most two decimals, not negative"))
                .andExpect(jsonPath("$.errors[?(@.field == 'occurredAt')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'divisionCode')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'note')].message").value("at most 500 characters"));
        // a Chinese reader (a page's script) reads it in Chinese
        mvc.perform(patch("/api/v1/cases/{id}", id)
                        .header("Authorization", api.bearer("jinshui"))
                        .header("Accept-Language", "zh-CN,zh;q=0.9")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("输入有误"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("请至少填写一项")));
        send(patch("/api/v1/cases/{id}", id), "jinshui", "{\"loss\":\"1\"}").andExpect(status().isBadRequest());
        send(patch("/api/v1/cases/{id}", id), "jinshui", "[1,").andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT loss_amount FROM fraud_case WHERE id = ?")
                        .param(id)
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("15800.50");
        // another unit's case is not there for them
        send(patch("/api/v1/cases/{id}", id), "luoyang", "{\"lossAmount\":\"1.00\"}")
                .andExpect(status().isNotFound());
        send(patch("/api/v1/cases/{id}", id), "auditor", "{\"lossAmount\":\"1.00\"}")
                .andExpect(status().isForbidden());
    }

    @Test
    void aCaseIsLinkedToTheWarningWhosePersonItConcernsAndEachLeadsToTheOther() throws Exception {
        String phone = "13703714" + String.format("%03d", System.nanoTime() % 1_000);
        long warning = json.readTree(send(post("/api/v1/leads"), "duty", """
                                {"source":"BANK","sourceId":"LINK-%d","phone":"%s","fraudType":"INVESTMENT","amountAtRisk":20000}""".formatted(System.nanoTime(), phone))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        long a = fileCase("jinshui");
        long b = fileCase("jinshui");
        // an open warning has nothing to link yet
        send(post("/api/v1/cases/{id}/warning", a), "zhengzhou", "{\"warningId\":" + warning + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("warningId"));
        api.warningAction("zhengzhou", warning, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("zhengzhou", warning, "close", "{\"outcome\":\"PERSISTS\",\"note\":\"仍坚持转账\"}")
                .andExpect(status().isOk());
        send(post("/api/v1/cases/{id}/warning", a), "zhengzhou", "{\"warningId\":" + warning + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warningId").value(warning));
        // once: another case cannot take the same warning
        send(post("/api/v1/cases/{id}/warning", b), "zhengzhou", "{\"warningId\":" + warning + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.caseId").value(a));
        send(post("/api/v1/cases/{id}/warning", b), "zhengzhou", "{\"warningId\":\"x\"}")
                .andExpect(status().isBadRequest());
        send(post("/api/v1/cases/{id}/warning", b), "zhengzhou", "{}").andExpect(status().isBadRequest());
        // the warning's page leads to its case
        mvc.perform(get("/cases/from-warning/{id}", warning).session(api.session("zhengzhou")))
                .andExpect(redirectedUrl("/cases/" + a));
        mvc.perform(get("/cases/{id}", a).session(api.session("zhengzhou")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("/warnings/" + warning)));
    }
}
