package org.fanzha.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** 风险名单 pages: search by any form, an entry explained, a review with its refusals, the queue. */
@IntegrationTest
class RiskPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    RiskList list;

    @Test
    void anAnalystFindsAnEntryByAnyFormAReviewerReviewsItAndACountySeesNoReviewForm() throws Exception {
        String qq = Long.toString(200_000_000L + System.nanoTime() % 700_000_000L);
        for (int i = 0; i < 3; i++) {
            list.record(List.of(new Sighting(
                    RiskType.QQ,
                    qq,
                    SightingKind.PUBLIC_REPORT,
                    Instant.now(),
                    "REPORT",
                    "PG-" + qq + i,
                    "p" + i,
                    null,
                    FraudType.ORDER_BRUSHING,
                    false)));
        }
        var duty = api.session("duty");
        String spaced = qq.substring(0, 3) + " " + qq.substring(3);
        String found = mvc.perform(get("/risk-list").param("value", spaced).session(duty))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(found).contains(qq).contains("群众举报（未复核）").contains("刷单");
        String link = found.replaceAll("(?s).*href=\"(/risk-list/entries/\\d+)\\?value=" + qq + "\".*", "$1");
        mvc.perform(get("/risk-list/reviews").session(duty))
                .andExpect(content().string(containsString(qq)))
                .andExpect(content().string(containsString("多人举报")));
        mvc.perform(get(link).session(duty))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("review-form")))
                .andExpect(content().string(containsString("第三十二条")));

        mvc.perform(post(link + "/review")
                        .session(duty)
                        .with(csrf())
                        .param("level", "HIGH")
                        .param("reason", "")
                        .param("validDays", "x"))
                .andExpect(redirectedUrl(link))
                .andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasKey("reason")))
                .andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasKey("validDays")))
                .andExpect(flash().attribute("typed", org.hamcrest.Matchers.hasEntry("level", "HIGH")));
        mvc.perform(post(link + "/review")
                        .session(duty)
                        .with(csrf())
                        .param("level", "HIGH")
                        .param("reason", "核实为刷单诈骗联系号")
                        .param("validDays", "90"))
                .andExpect(redirectedUrl(link))
                .andExpect(flash().attributeExists("reviewed"));
        mvc.perform(get(link).session(duty))
                .andExpect(content().string(containsString("人工复核")))
                .andExpect(content().string(containsString("核实为刷单诈骗联系号")));
        mvc.perform(get("/risk-list/reviews").session(duty)).andExpect(content().string(not(containsString(qq))));

        // a county officer may look at a value they have, not walk the list by id, nor review
        var jinshui = api.session("jinshui");
        mvc.perform(get(link).session(jinshui)).andExpect(status().isNotFound());
        mvc.perform(get(link).param("value", spaced).session(jinshui))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("review-form"))));
        mvc.perform(get("/risk-list/reviews").session(jinshui)).andExpect(status().isForbidden());
        mvc.perform(get("/risk-list").param("value", "%%%").session(jinshui))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"none\"")));
        // the auditor reads the audit log, not the list
        mvc.perform(get("/risk-list").session(api.session("auditor"))).andExpect(status().isForbidden());
    }
}
