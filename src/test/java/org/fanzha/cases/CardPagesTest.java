package org.fanzha.cases;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CardPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void aCommanderWorksVerificationOutletsBrokersAndCreditOnThePages() throws Exception {
        String card = CasesApiTest.card("622260" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        mvc.perform(post("/api/v1/cases")
                        .header("Authorization", api.bearer("zhengzhou"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"fraudType":"LOAN","lossAmount":"100","occurredAt":"2021-06-08T10:00:00+08:00","unitCode":"4101",
                                 "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(card)))
                .andExpect(status().isCreated());
        String bank = "Bearer "
                + json.readTree(mvc.perform(post("/api/v1/tokens")
                                        .header("Authorization", api.bearer("admin"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"name\":\"交通银行-" + System.nanoTime()
                                                + "\",\"permissions\":[\"cards:register\"],\"sources\":[\"BANK\"]}"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        String first17 = "41010219880303" + String.format("%03d", System.nanoTime() % 1000);
        String owner = first17 + IdNumber.checkCharacter(first17);
        long task = json.readTree(mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", bank)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"ownerName":"孙八","ownerIdNumber":"%s","outletCode":"BOCOM-PAGE-%d","outletName":"交通银行郑州分行营业部",
                                         "outletKind":"BANK_BRANCH","outletDivision":"410102"}""".formatted(owner, System.nanoTime() % 100000)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        var session = api.session("zhengzhou");
        mvc.perform(get("/cards").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("verification-" + task)))
                // the task shows the card masked, its holder masked and its case; no result is chosen for the officer
                .andExpect(content().string(containsString(org.fanzha.platform.Masking.cardNumber(card))))
                .andExpect(content().string(containsString("孙*")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(card))))
                .andExpect(content().string(containsString("请选择核查结果")));
        mvc.perform(post("/cards/verifications/{id}", task)
                        .session(session)
                        .with(csrf())
                        .param("result", "RENTED")
                        .param("recruiter", "老周")
                        .param("note", "出租给他人"))
                .andExpect(redirectedUrl("/cards"));
        mvc.perform(get("/cards").session(session)).andExpect(content().string(containsString("出租")));
        mvc.perform(get("/cards/outlets").param("month", "2021-06").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("交通银行郑州分行营业部")));
        mvc.perform(post("/cards/outlets/reviews").session(session).with(csrf()).param("month", "2021-06"))
                .andExpect(flash().attributeExists("created"));
        mvc.perform(get("/cards/brokers").session(session)).andExpect(status().isOk());

        var duty = api.session("duty");
        mvc.perform(post("/cards/credit")
                        .session(duty)
                        .with(csrf())
                        .param("verificationId", Long.toString(task))
                        .param("basis", "POLICE_DETERMINATION")
                        .param("reason", "出租银行卡用于诈骗"))
                .andExpect(redirectedUrl("/cards/credit"))
                .andExpect(flash().attributeCount(0));
        String page = mvc.perform(get("/cards/credit").session(duty))
                .andExpect(content().string(containsString("待审批")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = page.replaceAll("(?s).*/cards/credit/(\\d+)/approve.*", "$1");
        mvc.perform(post("/cards/credit/{id}/approve", id).session(duty).with(csrf()))
                .andExpect(redirectedUrl("/cards/credit"));
        mvc.perform(post("/cards/credit/check").session(duty).with(csrf()).param("idNumber", owner))
                .andExpect(flash().attributeExists("check"));
        mvc.perform(get("/cards/credit").session(duty)).andExpect(content().string(containsString("惩戒中")));
        mvc.perform(get("/cards").session(api.session("hotline"))).andExpect(status().isForbidden());
    }
}
