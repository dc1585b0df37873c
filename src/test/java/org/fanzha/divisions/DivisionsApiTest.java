package org.fanzha.divisions;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class DivisionsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Test
    void aVillageShowsItsWholePathAndNoChildren() throws Exception {
        mvc.perform(get("/api/v1/divisions/410105001003").header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.level").value("VILLAGE"))
                .andExpect(jsonPath("$.parentCode").value("410105001"))
                .andExpect(jsonPath("$.path[0].code").value("41"))
                .andExpect(jsonPath("$.path[1].code").value("4101"))
                .andExpect(jsonPath("$.path[2].name").value("金水区"))
                .andExpect(jsonPath("$.path[3].name").value("经八路街道"))
                .andExpect(jsonPath("$.childCount").value(0));
    }

    @Test
    void theProvinceHasEighteenCityLevelUnitsWithJiyuanAndWithoutTheStatisticalGroup() throws Exception {
        mvc.perform(get("/api/v1/divisions/41/children").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(18))
                .andExpect(jsonPath("$[*].code", hasItem("419001")))
                .andExpect(jsonPath("$[*].code", not(hasItem("4190"))));
        mvc.perform(get("/api/v1/divisions/419001").header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$.level").value("CITY"))
                .andExpect(jsonPath("$.parentCode").value("41"));
    }

    @Test
    void sixDigitCityCodesAreNormalised() throws Exception {
        mvc.perform(get("/api/v1/divisions/410100").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("4101"))
                .andExpect(jsonPath("$.name").value("郑州市"));
    }

    @Test
    void obsoleteCountyCodesMapToTodays() throws Exception {
        mvc.perform(get("/api/v1/divisions/410322").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("410308"))
                .andExpect(jsonPath("$.name").value("孟津区"));
    }

    @Test
    void unknownCodeIs404AndMalformedIs400AsProblemDetails() throws Exception {
        mvc.perform(get("/api/v1/divisions/419999").header("Authorization", api.bearer("duty")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:division-not-found"));
        mvc.perform(get("/api/v1/divisions/41x1").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("code"));
    }

    @Test
    void anonymousCallsAreRefusedWithAProblem() throws Exception {
        mvc.perform(get("/api/v1/divisions/41"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theAuditorMayNotBrowseDivisions() throws Exception {
        mvc.perform(get("/api/v1/divisions/41").header("Authorization", api.bearer("auditor")))
                .andExpect(status().isForbidden());
    }
}
