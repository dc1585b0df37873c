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
    void badScenariosAreRefusedFieldByField() throws Exception {
        assertThatThrownBy(() -> simulator.run(org.fanzha.dispatch.internal.Scenario.defaults(1, 0, -1)))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors())
                        .extracting(org.fanzha.platform.FieldError::field)
                        .containsExactlyInAnyOrder("leads", "staffScale"));
        mvc.perform(
                        MockMvcRequestBuilders.post("/api/v1/dispatch/simulations")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"leads\":-5,\"staffScale\":0,\"operators\":[1,2],\"medianMinutesToPay\":{\"LOAN\":-3}}"))
                .andExpect(MockMvcResultMatchers.status().isBadRequest())
                .andExpect(MockMvcResultMatchers.jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "leads", "staffScale", "operators", "medianMinutesToPay.LOAN")));
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
        assertThat(List.of()).isEmpty();
    }
}
