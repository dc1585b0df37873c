package org.fanzha.divisions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class ResolveApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    private MockHttpServletRequestBuilder resolve(String param, String value) {
        return get("/api/v1/divisions/resolve").param(param, value).header("Authorization", api.bearer("hotline"));
    }

    @Test
    void aZhengzhouMobileResolvesToZhengzhou() throws Exception {
        mvc.perform(resolve("phone", "13703710000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.via").value("phone"))
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.unit.code").value("4101"))
                .andExpect(jsonPath("$.unit.name").value("郑州市"));
    }

    @Test
    void aBeijingMobileIsOutOfProvinceWithTheProvinceNamed() throws Exception {
        mvc.perform(resolve("phone", "13800138000"))
                .andExpect(jsonPath("$.status").value("OUT_OF_PROVINCE"))
                .andExpect(jsonPath("$.province").value("北京市"));
    }

    @Test
    void aFixedLineResolvesByItsAreaCode() throws Exception {
        mvc.perform(resolve("phone", "0371-66666666"))
                .andExpect(jsonPath("$.unit.code").value("4101"));
        mvc.perform(resolve("phone", "03796123456"))
                .andExpect(jsonPath("$.unit.code").value("4103"));
    }

    @Test
    void aSegmentTheGeocoderDoesNotKnowIsUnknownNotAGuess() throws Exception {
        mvc.perform(resolve("phone", "17100001111"))
                .andExpect(jsonPath("$.status").value("UNKNOWN"))
                .andExpect(jsonPath("$.unit").doesNotExist());
    }

    @Test
    void somethingThatIsNoPhoneNumberIsA400() throws Exception {
        mvc.perform(resolve("phone", "12345"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        mvc.perform(resolve("phone", "' OR 1=1 --")).andExpect(status().isBadRequest());
    }

    @Test
    void anIdNumberResolvesToTheCountyThatIssuedIt() throws Exception {
        mvc.perform(resolve("idNumber", "41010519900307123X").param("x", "y"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.via").value("idNumber"))
                .andExpect(jsonPath("$.unit.code").value("410105"))
                .andExpect(jsonPath("$.unit.name").value("金水区"));
    }

    @Test
    void anObsoleteCountyInAnIdNumberMapsToToday() throws Exception {
        String id = withCheck("41032219850101001");
        mvc.perform(resolve("idNumber", id))
                .andExpect(jsonPath("$.unit.code").value("410308"))
                .andExpect(jsonPath("$.unit.name").value("孟津区"));
    }

    @Test
    void anIdNumberFromAnotherProvinceNamesIt() throws Exception {
        mvc.perform(resolve("idNumber", withCheck("11010519491231002")))
                .andExpect(jsonPath("$.status").value("OUT_OF_PROVINCE"))
                .andExpect(jsonPath("$.province").value("北京市"));
    }

    @Test
    void aBadChecksumOrDateIsA400ThatNamesTheProblem() throws Exception {
        mvc.perform(resolve("idNumber", "410105199003071230"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("idNumber"))
                .andExpect(
                        jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("check character")));
        mvc.perform(resolve("idNumber", withCheck("41010519901332123")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("birth date")));
    }

    @Test
    void anAddressResolvesToTheVillageItNames() throws Exception {
        mvc.perform(resolve("address", "河南省郑州市金水区经八路街道体育社区12号楼"))
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.unit.code").value("410105001003"));
    }

    @Test
    void anAddressNamingOnlyATownshipResolvesToIt() throws Exception {
        mvc.perform(resolve("address", "郑州市金水区文化路街道某小区"))
                .andExpect(jsonPath("$.unit.code").value("410105008"));
    }

    @Test
    void anAddressNamingNothingIsUnknown() throws Exception {
        mvc.perform(resolve("address", "火星基地一号")).andExpect(jsonPath("$.status").value("UNKNOWN"));
    }

    @Test
    void aDivisionCodeIsTakenAsGiven() throws Exception {
        mvc.perform(resolve("divisionCode", "410300"))
                .andExpect(jsonPath("$.via").value("divisionCode"))
                .andExpect(jsonPath("$.unit.code").value("4103"));
    }

    @Test
    void exactlyOneInputIsRequired() throws Exception {
        mvc.perform(get("/api/v1/divisions/resolve").header("Authorization", api.bearer("hotline")))
                .andExpect(status().isBadRequest());
        mvc.perform(resolve("phone", "13703710000").param("idNumber", "41010519900307123X"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("only one")));
    }

    static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }
}
