package org.fanzha.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class BlocklistPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    MockHttpSession session(String user) throws Exception {
        return api.session(user);
    }

    static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36) + ".example";
    }

    long idOf(String value) {
        return jdbc.sql("SELECT id FROM block_entry WHERE pattern = ?")
                .param(value)
                .query(Long.class)
                .single();
    }

    @Test
    void anOfficersEntryGoesThroughTheReviewQueueToBlocked() throws Exception {
        String domain = unique("page-loan");
        var officer = session("jinshui");
        mvc.perform(post("/blocklist/entries")
                        .session(officer)
                        .with(csrf())
                        .param("value", domain)
                        .param("scope", "DOMAIN_AND_SUBDOMAINS")
                        .param("category", "LOAN")
                        .param("source", "PUBLIC_REPORT")
                        .param("evidence", "群众举报：先交保证金才放款"))
                .andExpect(redirectedUrlPattern("/blocklist/entries/*"));
        long id = idOf(domain);
        mvc.perform(get("/blocklist/entries/{id}", id).session(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("待审核")))
                .andExpect(content().string(not(containsString("id=\"approve\""))));
        var duty = session("duty");
        mvc.perform(get("/blocklist/review").session(duty))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(domain)))
                .andExpect(content().string(containsString("先交保证金")));
        mvc.perform(post("/blocklist/entries/{id}/approve", id)
                        .session(duty)
                        .with(csrf())
                        .param("note", "核实")
                        .param("back", "review"))
                .andExpect(redirectedUrl("/blocklist/review"));
        mvc.perform(get("/blocklist")
                        .param("target", "http://m." + domain + "/")
                        .session(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已封堵")))
                .andExpect(content().string(containsString("/blocklist/entries/" + id)));
        // an officer may not review
        mvc.perform(post("/blocklist/entries/{id}/remove", id).session(officer).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOwnerAppealsOnThePublicPageAndAReviewerLiftsTheBlock() throws Exception {
        String domain = unique("appeal");
        var duty = session("duty");
        mvc.perform(post("/blocklist/entries")
                        .session(duty)
                        .with(csrf())
                        .param("value", domain)
                        .param("category", "FAKE_SHOPPING")
                        .param("source", "POLICE"))
                .andExpect(status().is3xxRedirection());
        long id = idOf(domain);
        // anyone, not signed in
        mvc.perform(get("/risk").param("target", "https://" + domain + "/shop").with(r -> {
                    r.setRemoteAddr("198.51.100.7");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("高风险")))
                .andExpect(content().string(containsString("虚假购物")))
                .andExpect(content().string(containsString("appeal-form")));
        // an appeal without its contact comes back to the site's answer as typed, the error at the field
        mvc.perform(post("/risk/appeals")
                        .with(csrf())
                        .with(r -> {
                            r.setRemoteAddr("198.51.100.8");
                            return r;
                        })
                        .param("type", "URL")
                        .param("value", domain)
                        .param("appellant", "某某网店")
                        .param("contact", "")
                        .param("reason", "本店为合法经营的网店"))
                .andExpect(redirectedUrl("/risk?type=URL&target=" + domain + "#appeal"))
                .andExpect(flash().attribute("typed", org.hamcrest.Matchers.hasEntry("reason", "本店为合法经营的网店")))
                .andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasKey("contact")));
        mvc.perform(post("/risk/appeals")
                        .with(csrf())
                        .with(r -> {
                            r.setRemoteAddr("198.51.100.7");
                            return r;
                        })
                        .param("type", "URL")
                        .param("value", "https://" + domain + "/shop")
                        .param("appellant", "某某网店")
                        .param("contact", "0371-00000000")
                        .param("reason", "本店为合法经营的网店，营业执照编号……"))
                .andExpect(redirectedUrlPattern("/public/appeals/SS-*?token=*"))
                .andExpect(flash().attributeExists("filed"));
        long appeal = jdbc.sql("SELECT id FROM appeal WHERE subject_kind = 'BLOCK_ENTRY' AND subject_ref = ?")
                .param(Long.toString(id))
                .query(Long.class)
                .single();
        mvc.perform(get("/blocklist/appeals").session(duty)).andExpect(redirectedUrl("/appeals?kind=BLOCK_ENTRY"));
        mvc.perform(get("/appeals").param("kind", "BLOCK_ENTRY").session(duty))
                .andExpect(content().string(containsString("某某网店")));
        mvc.perform(post("/appeals/{id}/decision", appeal)
                        .session(duty)
                        .with(csrf())
                        .param("decision", "LIFT")
                        .param("note", "核实为合法网店"))
                .andExpect(redirectedUrl("/appeals/" + appeal));
        assertThat(jdbc.sql("SELECT state FROM block_entry WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("REMOVED");
        assertThat(jdbc.sql("SELECT state FROM appeal WHERE id = ?")
                        .param(appeal)
                        .query(String.class)
                        .single())
                .isEqualTo("LIFTED");
        mvc.perform(get("/risk").param("target", domain).with(r -> {
                    r.setRemoteAddr("198.51.100.7");
                    return r;
                }))
                .andExpect(content().string(containsString("暂未收录")));
    }

    @Test
    void thePublicLookupIsRateLimitedPerAddress() throws Exception {
        String address = "203.0.113." + (System.nanoTime() % 200 + 1);
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            String page = mvc.perform(get("/risk")
                            .param("target", "example-" + i + ".com")
                            .with(r -> {
                                r.setRemoteAddr(address);
                                return r;
                            }))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            if (page.contains("id=\"limited\"")) {
                limited++;
            }
        }
        // 20 a minute (fanzha.blocklist.public-lookups-per-minute); unless the minute turned meanwhile
        assertThat(limited).isBetween(1, 5);
        // another address is not affected
        mvc.perform(get("/risk").param("target", "example.com").with(r -> {
                    r.setRemoteAddr("192.0.2.99");
                    return r;
                }))
                .andExpect(content().string(not(containsString("id=\"limited\""))));
    }

    @Test
    void anImportUploadedOnThePageReportsItsBadLines() throws Exception {
        String a = unique("upload");
        var file = new MockMultipartFile(
                "file", "list.txt", "text/plain", (a + "\nbad name\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/blocklist/imports")
                        .file(file)
                        .session(session("duty"))
                        .with(csrf())
                        .param("format", "PLAIN")
                        .param("category", "INVESTMENT")
                        .param("source", "POLICE")
                        .param("scope", "DOMAIN"))
                .andExpect(redirectedUrl("/blocklist/imports"))
                .andExpect(flash().attributeExists("report"));
        assertThat(idOf(a)).isPositive();
        mvc.perform(get("/blocklist/imports").session(session("duty")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("duty")));
        long imported = jdbc.sql("SELECT MAX(id) FROM block_import WHERE imported_by = 'duty'")
                .query(Long.class)
                .single();
        mvc.perform(get("/blocklist/imports/{id}", imported).session(session("duty")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("bad name")))
                .andExpect(content().string(containsString("contains")));
        mvc.perform(get("/blocklist/allow").session(session("jinshui")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("icbc.com.cn")));
    }

    @Test
    void theEnglishPagesToo() throws Exception {
        mvc.perform(get("/risk").param("lang", "en")).andExpect(content().string(containsString("Risk lookup")));
        mvc.perform(get("/blocklist").param("lang", "en").session(session("duty")))
                .andExpect(content().string(containsString("Fraud site blocking")));
    }
}
