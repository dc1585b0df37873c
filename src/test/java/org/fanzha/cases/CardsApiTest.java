package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CardsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void aFraudCardIsRegisteredByItsBankVerifiedByTheOwnersUnitAndCountedForItsOutlet() throws Exception {
        String card = CasesApiTest.card("622202" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        String sim = "13703714" + String.format("%03d", System.nanoTime() % 1_000); // a range of its own
        long caseId = json.readTree(mvc.perform(post("/api/v1/cases")
                                .header("Authorization", api.bearer("jinshui"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"fraudType":"ORDER_BRUSHING","lossAmount":"38000","occurredAt":"2021-06-01T20:15:00+08:00",
                                         "identifiers":[{"type":"BANK_CARD","value":"%s"},{"type":"PHONE","value":"%s"}]}""".formatted(card, sim)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        mvc.perform(get("/api/v1/cards/SIM/{n}", sim).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.card.kind").value("SIM"))
                .andExpect(jsonPath("$.cases[0].id").value(caseId));

        String bank = "Bearer "
                + json.readTree(mvc.perform(
                                        post("/api/v1/tokens")
                                                .header("Authorization", api.bearer("admin"))
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .content(
                                                        "{\"name\":\"工商银行河南分行\",\"permissions\":[\"cards:register\"],\"sources\":[\"BANK\"]}"))
                                .andExpect(status().isCreated())
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        String first17 = "41030519900101" + String.format("%03d", System.nanoTime() % 1000);
        String owner = first17 + IdNumber.checkCharacter(first17);
        long task = json.readTree(mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", bank)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"ownerName":"赵六","ownerIdNumber":"%s","issuer":"中国工商银行","outletCode":"ICBC-410305-01",
                                         "outletName":"工商银行洛阳涧西支行","outletKind":"BANK_BRANCH","outletDivision":"410305",
                                         "outletYearlyOpenings":20000,"openedOn":"2021-03-15"}""".formatted(owner)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.unitCode").value("410305"))
                        .andExpect(jsonPath("$.state").value("OPEN"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();

        mvc.perform(get("/api/v1/cards/BANK_CARD/{n}", card).header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$.card.ownerName").value(org.hamcrest.Matchers.not("赵六")))
                .andExpect(jsonPath("$.card.ownerIdNumber").value(org.hamcrest.Matchers.not(owner)))
                .andExpect(jsonPath("$.card.outletCode").value("ICBC-410305-01"))
                .andExpect(jsonPath("$.verifications[0].unitCode").value("410305"));
        mvc.perform(get("/api/v1/cards/verifications")
                        .param("state", "OPEN")
                        .header("Authorization", api.bearer("luoyang")))
                .andExpect(jsonPath("$[?(@.id == " + task + ")]").exists());
        mvc.perform(post("/api/v1/cards/verifications/{id}/result", task)
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"SOLD\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/cards/verifications/{id}/result", task)
                        .header("Authorization", api.bearer("luoyang"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"MAYBE\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/cards/verifications/{id}/result", task)
                        .header("Authorization", api.bearer("luoyang"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"SOLD\",\"note\":\"以 500 元出售给他人\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.result").value("SOLD"));
        mvc.perform(post("/api/v1/cards/verifications/{id}/result", task)
                        .header("Authorization", api.bearer("luoyang"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"result\":\"SOLD\"}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/cards/outlets/ranking")
                        .param("from", "2021-06-01")
                        .param("to", "2021-06-30")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$[?(@.code == 'ICBC-410305-01')].cards")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))))
                .andExpect(jsonPath("$[?(@.code == 'ICBC-410305-01')].perThousandOpenings")
                        .exists());

        // where the owner lives decides before the ID number's county
        String second =
                CasesApiTest.card("622202" + String.format("%012d", (System.nanoTime() + 7) % 1_000_000_000_000L));
        mvc.perform(post("/api/v1/cases")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"fraudType":"LOAN","lossAmount":"1","occurredAt":"2021-06-02T20:15:00+08:00",
                                 "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(second)))
                .andExpect(status().isCreated());
        mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", second)
                        .header("Authorization", bank)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerIdNumber\":\"%s\",\"ownerAddress\":\"河南省郑州市金水区经三路 8 号\"}".formatted(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unitCode").value("410105"))
                .andExpect(jsonPath("$.routedBy").value(org.hamcrest.Matchers.startsWith("where the owner lives")));

        // bad registrations
        mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", CasesApiTest.card("622202999999999999"))
                        .header("Authorization", bank)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerName\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(
                        put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", bank)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"ownerIdNumber\":\"410305199001011230\",\"outletCode\":\"X\",\"outletKind\":\"SHOP\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("ownerIdNumber", "outletName", "outletKind")));
        mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
    }

    long fileCase(String occurredAt, String... cards) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (String c : cards) {
            ids.append(ids.length() == 0 ? "" : ",")
                    .append("{\"type\":\"BANK_CARD\",\"value\":\"")
                    .append(c)
                    .append("\"}");
        }
        return json.readTree(mvc.perform(post("/api/v1/cases")
                                .header("Authorization", api.bearer("jinshui"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"fraudType\":\"LOAN\",\"lossAmount\":\"100\",\"occurredAt\":\"" + occurredAt
                                        + "\",\"identifiers\":[" + ids + "]}"))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
    }

    @Test
    void theOutletRankingCountsEachCardOnceAndOnlyThePeriodsCases() throws Exception {
        long n = System.nanoTime() % 1_000_000_000L;
        String a = CasesApiTest.card("622203" + String.format("%012d", n));
        String b = CasesApiTest.card("622204" + String.format("%012d", n));
        String c = CasesApiTest.card("622205" + String.format("%012d", n));
        String outlet = "RANK-" + n;
        // card a in two August cases, card b in one, card c only in a September case
        fileCase("2021-08-02T10:00:00+08:00", a, b);
        fileCase("2021-08-20T10:00:00+08:00", a);
        fileCase("2021-09-03T10:00:00+08:00", c);
        String bank = "Bearer "
                + json.readTree(mvc.perform(
                                        post("/api/v1/tokens")
                                                .header("Authorization", api.bearer("admin"))
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .content(
                                                        "{\"name\":\"农行\",\"permissions\":[\"cards:register\"],\"sources\":[\"BANK\"]}"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("token")
                        .asText();
        for (String card : new String[] {a, b, c}) {
            mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                            .header("Authorization", bank)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"outletCode":"%s","outletName":"农业银行某网点","outletKind":"BANK_BRANCH","outletDivision":"410105",
                                     "outletYearlyOpenings":1000,"openedOn":"2021-03-15"}""".formatted(outlet)))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/api/v1/cards/outlets/ranking")
                        .param("from", "2021-08-01")
                        .param("to", "2021-08-31")
                        .param("limit", "1000")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == '" + outlet + "')].cards").value(org.hamcrest.Matchers.contains(2)))
                .andExpect(jsonPath("$[?(@.code == '" + outlet + "')].perThousandOpenings")
                        .value(org.hamcrest.Matchers.contains(2.0)));
        mvc.perform(get("/api/v1/cards/outlets/ranking")
                        .param("from", "2021-09-01")
                        .param("to", "2021-09-30")
                        .param("limit", "1000")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$[?(@.code == '" + outlet + "')].cards").value(org.hamcrest.Matchers.contains(1)));
    }
}
