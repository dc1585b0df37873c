package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@RecordApplicationEvents
class RoutingAndWorkingTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationEvents events;

    static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    static String zhengzhouPhone() {
        return "1370371" + String.format("%04d", 2000 + LeadIntakeApiTest.NEXT.incrementAndGet());
    }

    ResultActions lead(String fields) throws Exception {
        String body = "{\"source\":\"POLICE\",\"sourceId\":\"R-" + System.nanoTime() + "\"," + fields + "}";
        return mvc.perform(post("/api/v1/leads")
                .header("Authorization", api.bearer("duty"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long warningOf(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString())
                .get("warningId")
                .asLong();
    }

    ResultActions act(String as, long id, String action, String body) throws Exception {
        return api.warningAction(as, id, action, body);
    }

    @Test
    void thePartnersLocationDecidesFirst() throws Exception {
        lead("\"phone\":\"%s\",\"divisionCode\":\"410105008\"".formatted(zhengzhouPhone()))
                .andExpect(jsonPath("$.unitCode").value("410105008"));
    }

    @Test
    void anAddressNamingAVillageDecidesNext() throws Exception {
        lead("\"phone\":\"%s\",\"address\":\"郑州市金水区经八路街道体育社区5号院\"".formatted(zhengzhouPhone()))
                .andExpect(jsonPath("$.unitCode").value("410105001003"));
    }

    @Test
    void thePhonesCityIsNarrowedToTheIdNumbersCountyInTheSameCity() throws Exception {
        lead("\"phone\":\"%s\",\"idNumber\":\"%s\"".formatted(zhengzhouPhone(), id("41010519900307123")))
                .andExpect(jsonPath("$.unitCode").value("410105"));
        // a county of another city does not narrow: the phone's city keeps it
        lead("\"phone\":\"%s\",\"idNumber\":\"%s\"".formatted(zhengzhouPhone(), id("41030219900307123")))
                .andExpect(jsonPath("$.unitCode").value("4101"));
    }

    @Test
    void aPhoneFromAnotherProvinceWithAHenanIdStaysInHenan() throws Exception {
        lead("\"phone\":\"1380013%04d\",\"idNumber\":\"%s\""
                        .formatted(LeadIntakeApiTest.NEXT.incrementAndGet(), id("41030219850101001")))
                .andExpect(jsonPath("$.unitCode").value("410302"));
    }

    @Test
    void aPhoneFromAnotherProvinceWithNothingInHenanGoesToTheOutOfProvinceQueue() throws Exception {
        long warning = warningOf(lead("\"phone\":\"1380013%04d\"".formatted(LeadIntakeApiTest.NEXT.incrementAndGet()))
                .andExpect(jsonPath("$.unitCode").value("41")));
        mvc.perform(get("/api/v1/warnings/{id}", warning).header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$.warning.outOfProvince").value(true))
                .andExpect(jsonPath("$.warning.personProvince").value("北京市"))
                .andExpect(jsonPath("$.warning.routedVia").value("outOfProvince"));
    }

    @Test
    void aNumberNobodyPlacesGoesToTheProvinceDesk() throws Exception {
        long warning = warningOf(lead("\"phone\":\"1710000%04d\"".formatted(LeadIntakeApiTest.NEXT.incrementAndGet()))
                .andExpect(jsonPath("$.unitCode").value("41")));
        mvc.perform(get("/api/v1/warnings/{id}", warning).header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$.warning.outOfProvince").value(false))
                .andExpect(jsonPath("$.warning.routedVia").value("provinceDesk"));
    }

    @Test
    void aWarningIsAcknowledgedContactedAndClosedWithItsTimelineAndEvent() throws Exception {
        long warning = warningOf(lead("\"phone\":\"%s\",\"idNumber\":\"%s\",\"name\":\"张三\",\"amountAtRisk\":38000"
                .formatted(zhengzhouPhone(), id("41010519900307123"))));
        act("jinshui", warning, "close", "{\"outcome\":\"DISSUADED\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:illegal-transition"));
        act("jinshui", warning, "acknowledge", "{}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ACKNOWLEDGED"));
        act("jinshui", warning, "acknowledge", "{}").andExpect(status().isConflict());
        act("jinshui", warning, "contact", "{\"method\":\"PHONE\",\"result\":\"NO_ANSWER\"}")
                .andExpect(jsonPath("$.state").value("IN_CONTACT"));
        act("jinshui", warning, "contact", "{\"method\":\"PHONE\",\"result\":\"ANSWERED\",\"note\":\"已劝阻，当事人表示不再转账\"}")
                .andExpect(status().isOk());
        act("jinshui", warning, "close", "{\"outcome\":\"DISSUADED\",\"note\":\"劝阻成功\"}")
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.outcome").value("DISSUADED"));
        act("jinshui", warning, "close", "{\"outcome\":\"DISSUADED\"}").andExpect(status().isConflict());
        mvc.perform(get("/api/v1/warnings/{id}", warning).header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$.warning.phone")
                        .value(org.hamcrest.Matchers.matchesPattern("137\\*\\*\\*\\*\\d{4}")))
                .andExpect(jsonPath("$.warning.name").value("张*"))
                .andExpect(jsonPath("$.timeline[*].kind", hasItem("ACKNOWLEDGED")))
                .andExpect(jsonPath("$.timeline[*].kind", hasItem("CONTACT")))
                .andExpect(jsonPath("$.timeline[-1].kind").value("CLOSED"))
                .andExpect(jsonPath("$.timeline[-1].actor").value("jinshui"));
        assertThat(events.stream(WarningClosed.class).filter(e -> e.warningId() == warning))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.DISSUADED);
                    assertThat(e.amountAtRisk()).isEqualByComparingTo("38000");
                });
    }

    @Test
    void aCountyOfficerCannotSeeOrWorkAnotherCitysWarningByGuessingItsId() throws Exception {
        long luoyang =
                warningOf(lead("\"phone\":\"1393790%04d\"".formatted(3000 + LeadIntakeApiTest.NEXT.incrementAndGet())));
        mvc.perform(get("/api/v1/warnings/{id}", luoyang).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        act("jinshui", luoyang, "acknowledge", "{}").andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/warnings").header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$.warnings[*].id", not(hasItem((int) luoyang))));
        mvc.perform(post("/api/v1/reveal")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entity\":\"warning\",\"id\":\"" + luoyang
                                + "\",\"field\":\"phone\",\"reason\":\"核实身份信息\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/reveal")
                        .header("Authorization", api.bearer("luoyang"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entity\":\"warning\",\"id\":\"" + luoyang
                                + "\",\"field\":\"phone\",\"reason\":\"回拨当事人\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value(org.hamcrest.Matchers.startsWith("1393790")));
    }

    @Test
    void aCommanderReassignsDownTheTreeButNotOutsideIt() throws Exception {
        long warning = warningOf(lead("\"phone\":\"%s\"".formatted(zhengzhouPhone()))
                .andExpect(jsonPath("$.unitCode").value("4101")));
        act("zhengzhou", warning, "assign", "{\"unitCode\":\"4103\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unitCode"));
        act("jinshui", warning, "assign", "{\"unitCode\":\"410105\"}").andExpect(status().isForbidden());
        act("zhengzhou", warning, "assign", "{\"unitCode\":\"410105\",\"note\":\"金水区处置\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unitCode").value("410105"))
                .andExpect(jsonPath("$.state").value("ASSIGNED"));
        act("jinshui", warning, "acknowledge", "{}").andExpect(status().isOk());
    }

    @Test
    void badActionBodiesAreRefusedFieldByField() throws Exception {
        long warning = warningOf(lead("\"phone\":\"%s\"".formatted(zhengzhouPhone())));
        act("zhengzhou", warning, "contact", "{\"method\":\"PIGEON\",\"result\":\"ANSWERED\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("method"));
        act("zhengzhou", warning, "close", "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("outcome"));
    }
}
