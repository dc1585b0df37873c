package org.fanzha.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** 话术管理: province commanders write new versions of the warning texts, refused field by field when they break the rules. */
@IntegrationTest
class ScriptPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    Document page(MockHttpSession session, String path, MvcResult after) throws Exception {
        var request = get(path).session(session);
        if (after != null) {
            request = request.flashAttrs(after.getFlashMap());
        }
        return Jsoup.parse(mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    MvcResult write(MockHttpSession session, String path, String body, String reason) throws Exception {
        return mvc.perform(post(path)
                        .session(session)
                        .with(csrf())
                        .param("body", body)
                        .param("reason", reason))
                .andExpect(status().is3xxRedirection())
                .andReturn();
    }

    long versions(String kind, String topic) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_script WHERE kind = ? AND topic = ?")
                .params(kind, topic)
                .query(Long.class)
                .single();
    }

    @Test
    void theListShowsEveryTopicWithItsCurrentVersions() throws Exception {
        var duty = api.session("duty");
        Document list = page(duty, "/contact/scripts", null);
        assertThat(list.select("#scripts tr[id^=topic-]")).hasSize(org.fanzha.platform.FraudType.values().length + 1);
        assertThat(list.select("#topic-FOLLOW_UP").text()).contains("回访");
        assertThat(list.select("#topic-LOAN a").eachAttr("href"))
                .containsExactly("/contact/scripts/sms/LOAN", "/contact/scripts/call/LOAN");

        Document sms = page(duty, "/contact/scripts/sms/CREDIT_REPAIR", null);
        assertThat(sms.select("#preview").text())
                .contains("河南省公安厅反诈中心", "96110")
                .doesNotContain("{");
        assertThat(sms.select("#history tr")).hasSize(2);
        assertThat(sms.select("#history").text()).contains("系统内置");
        assertThat(sms.select("#script-form")).hasSize(1);
    }

    @Test
    void aProvinceCommanderWritesANewVersionThatTheNextMessagesUse() throws Exception {
        var duty = api.session("duty");
        String path = "/contact/scripts/sms/GAME_TRADING";
        String text = "【{centre}】提醒：买卖游戏装备请走正规平台，任何“解冻费”都是骗局。咨询请拨打{hotline}。";
        MvcResult saved = write(duty, path, text, "春节前游戏交易诈骗多发");

        Document after = page(duty, path, saved);
        assertThat(after.select("#saved").text()).contains("1");
        assertThat(after.select("#preview").text()).isEqualTo("【河南省公安厅反诈中心】提醒：买卖游戏装备请走正规平台，任何“解冻费”都是骗局。咨询请拨打96110。");
        assertThat(after.select("#history tr")).hasSize(3);
        assertThat(after.select("#history").text()).contains("省反诈中心值班长", "春节前游戏交易诈骗多发");
        assertThat(versions("SMS", "GAME_TRADING")).isOne();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE entity = 'contact-script' AND entity_id = 'sms/GAME_TRADING'")
                        .query(Long.class)
                        .single())
                .isOne();

        // the next warning about game trading is sent with it, and says which version it used
        String phone = "1350371" + String.format("%04d", (int) (System.nanoTime() % 10000));
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("""
                                {"source":"NATIONAL_CENTRE","sourceId":"SCRIPT-%d","phone":"%s","divisionCode":"410105","fraudType":"GAME_TRADING"}""".formatted(System.nanoTime(), phone)))
                .andExpect(status().isAccepted());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM sms_message WHERE recipient = ?")
                                .param(phone)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("SELECT template || ' ' || body FROM sms_message WHERE recipient = ?")
                        .param(phone)
                        .query(String.class)
                        .single())
                .isEqualTo("sms/GAME_TRADING@1 【河南省公安厅反诈中心】提醒：买卖游戏装备请走正规平台，任何“解冻费”都是骗局。咨询请拨打96110。");
    }

    @Test
    void aTextWithALinkOrAnUnknownPlaceholderIsRefusedAtItsFieldAndNothingIsStored() throws Exception {
        var duty = api.session("duty");
        String path = "/contact/scripts/call/ROMANCE";
        MvcResult refused = write(duty, path, "{centre}提醒：{name}您好，详情见 http://jiaoyou.top/x ，咨询{hotline}。", "");

        Document again = page(duty, path, refused);
        String error = again.select("#err-body").text();
        assertThat(error).contains("链接", "http://jiaoyou.top/x", "{name}");
        assertThat(again.select("#err-reason").text()).isNotBlank();
        // what was typed comes back to be mended
        assertThat(again.select("#s-body").text()).contains("{name}");
        assertThat(versions("CALL", "ROMANCE")).isZero();

        MvcResult unsigned = write(duty, path, "您好，请勿向网友转账。", "更短");
        assertThat(page(duty, path, unsigned).select("#err-body").text()).contains("发送单位", "96110");
        assertThat(versions("CALL", "ROMANCE")).isZero();

        // a preview shows the text as it would go out and what is wrong with it, and saves nothing
        Document preview = Jsoup.parse(mvc.perform(post(path + "/preview")
                        .session(duty)
                        .with(csrf())
                        .param("body", "{centre}提醒：网友借钱请当面核实，详见 www.jiaoyou.top。咨询{hotline}。")
                        .param("reason", ""))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(preview.select("#draft-text").text())
                .isEqualTo("河南省公安厅反诈中心提醒：网友借钱请当面核实，详见 www.jiaoyou.top。咨询96110。");
        assertThat(preview.select("#err-body").text()).contains("www.jiaoyou.top");
        assertThat(preview.select("#s-body").text()).contains("{centre}提醒");
        assertThat(versions("CALL", "ROMANCE")).isZero();
    }

    @Test
    void onlyTheProvinceWritesCommandersElsewhereReadAndOfficersDoNotSeeThePage() throws Exception {
        var city = api.session("zhengzhou");
        Document read = page(city, "/contact/scripts/sms/LOAN", null);
        assertThat(read.select("#script-form")).isEmpty();
        assertThat(read.select("#preview").text()).contains("96110");
        mvc.perform(post("/contact/scripts/sms/LOAN")
                        .session(city)
                        .with(csrf())
                        .param("body", "【{centre}】请拨打{hotline}")
                        .param("reason", "试"))
                .andExpect(status().isForbidden());
        assertThat(versions("SMS", "LOAN")).isZero();

        mvc.perform(get("/contact/scripts").session(api.session("jinshui"))).andExpect(status().isForbidden());
        var duty = api.session("duty");
        mvc.perform(get("/contact/scripts/fax/LOAN").session(duty)).andExpect(status().isNotFound());
        mvc.perform(get("/contact/scripts/sms/OTHER").session(duty)).andExpect(status().isNotFound());
        mvc.perform(get("/contact/scripts/sms/..%2F..").session(duty)).andExpect(status().is4xxClientError());
    }
}
