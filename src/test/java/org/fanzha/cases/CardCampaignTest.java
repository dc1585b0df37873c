package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** 一案双查: an outlet that opened a burst of fraud cards is reviewed, and the recruiter the owners name is found. */
@IntegrationTest
class CardCampaignTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    ResultActions post(String auth, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aBurstAtOneOutletIsReviewedAndTheRecruiterBehindItsCardsIsFound() throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        String outlet = "CMB-410102-" + tag;
        String bank = "Bearer "
                + json.readTree(post(
                                        "admin",
                                        "/api/v1/tokens",
                                        "{\"name\":\"招商银行-" + tag
                                                + "\",\"permissions\":[\"cards:register\"],\"sources\":[\"BANK\"]}")
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        String[] recruiter = {
            "139 0000 " + tag.substring(0, 4), "+86 1390000" + tag.substring(0, 4), "13900 00" + tag.substring(0, 4)
        };
        java.util.List<String> idNumbers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String card =
                    CasesApiTest.card("622588" + String.format("%012d", (System.nanoTime() + i) % 1_000_000_000_000L));
            post("zhengzhou", "/api/v1/cases", """
                            {"fraudType":"INVESTMENT","lossAmount":"1000","occurredAt":"2021-06-1%dT10:00:00+08:00","unitCode":"4101",
                             "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(i, card)).andExpect(status().isCreated());
            String first17 = "4101021990020" + (i + 1) + String.format("%03d", (System.nanoTime() / 7) % 1_000);
            idNumbers.add(first17 + IdNumber.checkCharacter(first17));
            long task = json.readTree(mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                    .header("Authorization", bank)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content("""
                                            {"ownerName":"卡主%d","ownerIdNumber":"%s","outletCode":"%s","outletName":"招商银行郑州二七支行",
                                             "outletKind":"BANK_BRANCH","outletDivision":"410102","outletYearlyOpenings":3000,"openedOn":"2021-05-0%d"}""".formatted(
                                                    i, first17 + IdNumber.checkCharacter(first17), outlet, i + 1)))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .get("id")
                    .asLong();
            post(
                            "zhengzhou",
                            "/api/v1/cards/verifications/" + task + "/result",
                            "{\"result\":\"SOLD\",\"note\":\"以 800 元卖给他人\",\"recruiter\":\"" + recruiter[i] + "\"}")
                    .andExpect(status().isOk());
        }
        String broker = "+861390000" + tag.substring(0, 4);
        mvc.perform(get("/api/v1/cards/brokers").header("Authorization", api.bearer("analyst")))
                .andExpect(jsonPath("$[?(@.recruiter == '" + broker + "')].owners")
                        .value(org.hamcrest.Matchers.hasItem(3)))
                .andExpect(jsonPath("$[?(@.recruiter == '" + broker + "')].cases")
                        .value(org.hamcrest.Matchers.hasItem(3)));
        mvc.perform(get("/api/v1/cards/brokers/network")
                        .param("recruiter", broker)
                        .header("Authorization", api.bearer("analyst")))
                .andExpect(jsonPath("$.nodes[?(@.category == 'OWNER')].id", org.hamcrest.Matchers.hasSize(3)))
                .andExpect(jsonPath("$.nodes[?(@.category == 'CASE')].id", org.hamcrest.Matchers.hasSize(3)))
                .andExpect(jsonPath("$.nodes[?(@.category == 'OWNER')].name")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("卡主0"))))
                .andExpect(jsonPath("$.outsideCards").value(0));
        String provinceView = mvc.perform(get("/api/v1/cards/brokers/network")
                        .param("recruiter", broker)
                        .header("Authorization", api.bearer("analyst")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (String id : idNumbers) {
            org.assertj.core.api.Assertions.assertThat(provinceView)
                    .as("node ids are opaque, never an ID number")
                    .doesNotContain(id);
        }
        // a county officer elsewhere (金水区) sees none of the owners, cards or cases of 二七区 and 郑州市
        mvc.perform(get("/api/v1/cards/brokers/network")
                        .param("recruiter", broker)
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodes", org.hamcrest.Matchers.hasSize(1)))
                .andExpect(jsonPath("$.nodes[0].category").value("BROKER"))
                .andExpect(jsonPath("$.outsideCards").value(3));
        mvc.perform(get("/cards/brokers/network.json")
                        .param("recruiter", broker)
                        .session(api.session("jinshui")))
                .andExpect(jsonPath("$.nodes", org.hamcrest.Matchers.hasSize(1)));
        mvc.perform(get("/api/v1/cards/brokers").header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$[?(@.recruiter == '" + broker + "')]", org.hamcrest.Matchers.empty()));
        post("analyst", "/api/v1/cards/brokers/suspect", "{\"recruiter\":\"" + broker + "\",\"note\":\"收购银行卡\"}")
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/cards/brokers").header("Authorization", api.bearer("analyst")))
                .andExpect(jsonPath("$[?(@.recruiter == '" + broker + "')].suspect")
                        .value(org.hamcrest.Matchers.hasItem(true)));
        mvc.perform(get("/api/v1/cards/outlets/bursts").header("Authorization", api.bearer("analyst")))
                .andExpect(jsonPath("$[?(@.outletCode == '" + outlet + "')].cards")
                        .value(org.hamcrest.Matchers.hasItem(3)))
                .andExpect(jsonPath("$[?(@.outletCode == '" + outlet + "')].recruiters[0]")
                        .value(org.hamcrest.Matchers.hasItem(broker)));

        long review = json
                        .readTree(post(
                                        "duty",
                                        "/api/v1/cards/outlets/reviews?from=2021-06-01&to=2021-06-30&threshold=3",
                                        "")
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .findValues("outletCode")
                        .stream()
                        .anyMatch(v -> v.asText().equals(outlet))
                ? reviewId(outlet)
                : -1;
        post(
                        "jinshui",
                        "/api/v1/cards/outlets/reviews/" + review + "/result",
                        "{\"insiderInvolved\":true,\"note\":\"x\"}")
                .andExpect(status().isNotFound());
        post("zhengzhou", "/api/v1/cards/outlets/reviews/" + review + "/result", "{\"note\":\"柜员协助\"}")
                .andExpect(status().isBadRequest());
        post(
                        "zhengzhou",
                        "/api/v1/cards/outlets/reviews/" + review + "/result",
                        "{\"insiderInvolved\":true,\"note\":\"柜员违规批量开户\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.insiderInvolved").value(true))
                .andExpect(jsonPath("$.unitCode").value("410102"));
    }

    long reviewId(String outlet) throws Exception {
        var list = json.readTree(mvc.perform(get("/api/v1/cards/outlets/reviews")
                        .param("state", "OPEN")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andReturn()
                .getResponse()
                .getContentAsString());
        for (var r : list) {
            if (r.get("outletCode").asText().equals(outlet)) {
                return r.get("id").asLong();
            }
        }
        throw new AssertionError("no open review for " + outlet + " in " + list);
    }
}
