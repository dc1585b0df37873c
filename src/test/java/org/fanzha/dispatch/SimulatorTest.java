package org.fanzha.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fanzha.dispatch.internal.Simulator;
import org.fanzha.platform.InvalidInput;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/** The province-day simulator: the same seed, the same day; every policy counted; bad input refused at its field. */
@IntegrationTest
class SimulatorTest {

    @Autowired
    Simulator simulator;

    @Autowired
    MockMvc mvc;

    @Autowired
    org.fanzha.testing.Api api;

    @Test
    void theSameSeedReplaysTheSameDayUnderEachPolicy() {
        var first = simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(5, 4000, 0.5));
        var again = simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(5, 4000, 0.5));
        assertThat(first.policies())
                .extracting(Simulator.PolicyResult::policy)
                .containsExactly("FIFO", "RULES", "EXPECTED_LOSS");
        assertThat(again.policies()).isEqualTo(first.policies());
        assertThat(first.modelVersion()).isNotNull();
        for (Simulator.PolicyResult p : first.policies()) {
            assertThat(p.reachedBeforePaymentShare()).isBetween(0.0, 1.0);
            assertThat(p.wouldBeVictims()).isPositive();
            assertThat(p.operatorUtilisation()).isBetween(0.0, 1.0);
            assertThat(p.firstContactP90Seconds()).isGreaterThanOrEqualTo(p.firstContactP50Seconds());
        }
        // with too few operators, more of them reach more people before they pay
        var few = simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(5, 4000, 0.05));
        var more = simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(5, 4000, 0.5));
        assertThat(more.policies().get(1).reachedBeforePayment())
                .isGreaterThan(few.policies().get(1).reachedBeforePayment());
        assertThat(few.policies().get(1).operatorUtilisation())
                .isGreaterThan(more.policies().get(1).operatorUtilisation());
    }

    @Test
    void leadsAreRoutedToTheirCitiesAndWorkedByWhoIsOnDutyThere() {
        var d = org.fanzha.dispatch.internal.Scenario.defaults(7, 3000, 1);
        var spread = simulator.run(d);
        var byLoss = spread.policies().get(2);
        // the production routing puts the day's warnings in the 18 city-level units (and the province desk for none)
        assertThat(byLoss.cities().keySet()).contains("4101", "4103", "419001").doesNotContain("41");
        assertThat(byLoss.cities().values().stream()
                        .mapToInt(Simulator.CityResult::warnings)
                        .sum())
                .isEqualTo(3000);
        assertThat(byLoss.cities().get("4103").name()).isEqualTo("洛阳市");
        // unanswered robot calls raise warnings, officers go to doors
        assertThat(byLoss.raised()).isPositive();
        assertThat(byLoss.officerUtilisation()).isBetween(0.0001, 1.0);
        // only Luoyang: every warning goes there; nobody on duty but the robots and texts reaches fewer
        var zero = new org.fanzha.dispatch.internal.Scenario.Staffing(List.of(0, 0, 0), List.of(0, 0, 0));
        var luoyang = simulator.run(d.with(java.util.Map.of("4103", 1.0), java.util.Map.of()));
        var nobody = simulator.run(d.with(java.util.Map.of("4103", 1.0), java.util.Map.of("41", zero, "4103", zero)));
        assertThat(luoyang.policies().get(1).cities().keySet()).containsExactly("4103");
        assertThat(nobody.policies().get(1).reachedBeforePayment())
                .isLessThan(luoyang.policies().get(1).reachedBeforePayment());
        assertThat(nobody.policies().get(1).operatorUtilisation()).isZero();
        assertThat(nobody.policies().get(1).officerUtilisation()).isZero();
        assertThat(nobody.policies().get(1).deadlinesMissed()).isPositive();
    }

    @Test
    void badScenariosAreRefusedFieldByField() throws Exception {
        assertThatThrownBy(() -> simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(1, 0, -1)))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors())
                        .extracting(org.fanzha.platform.FieldError::field)
                        .containsExactlyInAnyOrder("leads", "staffScale"));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/dispatch/simulations")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                        {"leads":-5,"staffScale":0,"operators":[1,2],"medianMinutesToPay":{"LOAN":-3},
                                         "cities":{"9999":1,"4101":-2},"robotSafeRate":0.7,"robotAtRiskRate":0.5,
                                         "staffing":{"4199":{"operators":[1,1,1],"officers":[1,1,1]},
                                                     "4102":{"operators":[1,-1,1],"officers":[1,1]}}}"""))
                .andExpect(MockMvcResultMatchers.status().isBadRequest())
                .andExpect(MockMvcResultMatchers.jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "leads",
                                "staffScale",
                                "operators",
                                "medianMinutesToPay.LOAN",
                                "cities.9999",
                                "cities.4101",
                                "robotAtRiskRate",
                                "staffing.4199",
                                "staffing.4102.operators",
                                "staffing.4102.officers")));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/dispatch/simulations")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\":2000,\"seed\":3}"))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(MockMvcResultMatchers.jsonPath("$.policies.length()").value(3));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/dispatch/simulations")
                        .header("Authorization", api.bearer("hotline"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\":2000}"))
                .andExpect(MockMvcResultMatchers.status().isForbidden());
        // the commanders' page: the three policies side by side, a bad number said at once
        String page = mvc.perform(MockMvcRequestBuilders.get("/dispatch/simulate")
                        .param("seed", "2")
                        .param("leads", "2000")
                        .param("staffScale", "1")
                        .session(api.session("duty")))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("省级一日派警模拟", "sim-FIFO", "sim-RULES", "sim-EXPECTED_LOSS", "按预期损失");
        String bad = mvc.perform(MockMvcRequestBuilders.get("/dispatch/simulate")
                        .param("leads", "很多<script>")
                        .session(api.session("duty")))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(bad).contains("id=\"problem\"").doesNotContain("<script>").doesNotContain("sim-RULES");
        // the tables as text: a line that does not parse is named by its number, an unknown unit by its code
        String lines = mvc.perform(MockMvcRequestBuilders.get("/dispatch/simulate")
                        .param("seed", "2")
                        .param("leads", "2000")
                        .param("staffScale", "1")
                        .param("cities", "4101=2\n4103 = 1\n9901=1")
                        .param("staffing", "unit,o1,o2,o3,f1,f2,f3\n4101,1,2,2,2,6,4\n4103,1,2\n")
                        .param("medians", "LOAN=abc")
                        .session(api.session("duty")))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(lines)
                .contains("id=\"problem\"", "第 3 行无法解析：4103,1,2", "第 1 行无法解析：LOAN=abc", "9901")
                .doesNotContain("sim-RULES");
        String cities = mvc.perform(MockMvcRequestBuilders.get("/dispatch/simulate")
                        .param("seed", "2")
                        .param("leads", "1500")
                        .param("staffScale", "1")
                        .param("cities", "4101=2\n4103=1")
                        .param("staffing", "4101,0,0,0,0,0,0")
                        .param("medians", "冒充公检法 = 30\nLOAN=100")
                        .session(api.session("duty")))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(cities).contains("sim-city-4101", "sim-city-4103", "郑州市").doesNotContain("sim-city-4102");
        assertThat(List.of()).isEmpty();
    }
}
