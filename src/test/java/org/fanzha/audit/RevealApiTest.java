package org.fanzha.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class RevealApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    long idOf(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    ResultActions reveal(String as, String body) throws Exception {
        return mvc.perform(post("/api/v1/reveal")
                .header("Authorization", api.bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aCommanderRevealsAPhoneInTheJurisdictionWithAReasonAndItIsAudited() throws Exception {
        long id = idOf("jinshui");
        reveal("zhengzhou", "{\"entity\":\"staff\",\"id\":\"" + id + "\",\"field\":\"phone\",\"reason\":\"联系核实值班安排\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("13703710002"));
        var detail = jdbc.sql(
                        "SELECT detail FROM audit_record WHERE action = 'REVEAL' AND entity = 'staff' AND entity_id = ? AND actor = 'zhengzhou'")
                .param(Long.toString(id))
                .query(String.class)
                .list();
        assertThat(detail).anySatisfy(d -> assertThat(d).contains("phone").contains("联系核实值班安排"));
    }

    @Test
    void aRecordOutsideTheJurisdictionAnswersLikeOneThatDoesNotExist() throws Exception {
        reveal(
                        "zhengzhou",
                        "{\"entity\":\"staff\",\"id\":\"" + idOf("luoyang")
                                + "\",\"field\":\"phone\",\"reason\":\"想看看这个号码\"}")
                .andExpect(status().isNotFound())
                .andExpect(
                        jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("within your jurisdiction")));
        reveal("zhengzhou", "{\"entity\":\"staff\",\"id\":\"99999999\",\"field\":\"phone\",\"reason\":\"想看看这个号码\"}")
                .andExpect(status().isNotFound());
    }

    @Test
    void aCountyOfficerCannotRevealAnotherCountysRecordByGuessingItsId() throws Exception {
        reveal(
                        "jinshui",
                        "{\"entity\":\"staff\",\"id\":\"" + idOf("luoyang")
                                + "\",\"field\":\"phone\",\"reason\":\"核实身份信息\"}")
                .andExpect(status().isNotFound());
        reveal(
                        "jinshui",
                        "{\"entity\":\"staff\",\"id\":\"" + idOf("zhengzhou")
                                + "\",\"field\":\"phone\",\"reason\":\"核实身份信息\"}")
                .andExpect(status().isNotFound());
        reveal(
                        "jinshui",
                        "{\"entity\":\"staff\",\"id\":\"" + idOf("jinshui")
                                + "\",\"field\":\"phone\",\"reason\":\"核实身份信息\"}")
                .andExpect(status().isOk());
    }

    @Test
    void aRevealNeedsAReasonAKnownEntityAndAKnownField() throws Exception {
        reveal("zhengzhou", "{\"entity\":\"staff\",\"id\":\"1\",\"field\":\"phone\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        reveal("zhengzhou", "{\"entity\":\"spaceship\",\"id\":\"1\",\"field\":\"phone\",\"reason\":\"原因原因\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entity"));
        reveal("zhengzhou", "{\"entity\":\"staff\",\"id\":\"1\",\"field\":\"password\",\"reason\":\"原因原因\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("field"));
    }

    @Test
    void theAuditorCannotReveal() throws Exception {
        reveal(
                        "auditor",
                        "{\"entity\":\"staff\",\"id\":\"" + idOf("jinshui")
                                + "\",\"field\":\"phone\",\"reason\":\"核查原因\"}")
                .andExpect(status().isForbidden());
    }
}
