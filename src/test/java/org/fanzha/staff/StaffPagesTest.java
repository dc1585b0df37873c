package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The pages, signed in through the real form. */
@IntegrationTest
class StaffPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    MockHttpSession signIn(String username) throws Exception {
        return api.session(username);
    }

    @Test
    void theHomePageShowsTheUnitItsTreeItsStaffAndAWatermark() throws Exception {
        var session = signIn("jinshui");
        mvc.perform(get("/").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("金水区")))
                .andExpect(content().string(containsString("经八路街道")))
                .andExpect(content().string(containsString("137****0002")))
                .andExpect(content().string(not(containsString("13703710002"))))
                .andExpect(content().string(containsString("class=\"watermark\"")));
    }

    @Test
    void aUnitOutsideTheJurisdictionIsNotFound() throws Exception {
        var session = signIn("jinshui");
        mvc.perform(get("/units/4103").session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/units/410105008").session(session)).andExpect(status().isOk());
    }

    @Test
    void theTreeOpensDownToVillages() throws Exception {
        var session = signIn("jinshui");
        mvc.perform(get("/divisions/410105001/tree").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("410105001003")));
        mvc.perform(get("/divisions/search")
                        .param("q", "文化路")
                        .param("within", "410105")
                        .session(session))
                .andExpect(content().string(containsString("410105008")));
    }

    @Test
    void englishIsOneClickAway() throws Exception {
        var session = signIn("jinshui");
        mvc.perform(get("/").param("lang", "en").session(session))
                .andExpect(content().string(containsString("Staff of this unit")))
                .andExpect(content().string(containsString("Sign out")));
    }

    @Test
    void anAdminCreatesAnAccountThroughTheForm() throws Exception {
        var session = signIn("admin");
        mvc.perform(post("/admin/staff")
                        .session(session)
                        .with(csrf())
                        .param("username", "formmade")
                        .param("displayName", "表单新建")
                        .param("unitCode", "4104")
                        .param("roles", "OFFICER")
                        .param("password", "form-made-password"))
                .andExpect(redirectedUrl("/admin/staff"));
        assertThat(jdbc.sql("SELECT unit_code FROM staff WHERE username = 'formmade'")
                        .query(String.class)
                        .single())
                .isEqualTo("4104");
        mvc.perform(post("/admin/staff")
                        .session(session)
                        .with(csrf())
                        .param("username", "Bad Name")
                        .param("displayName", "x")
                        .param("unitCode", "9999")
                        .param("password", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("unitCode")))
                .andExpect(content().string(containsString("roles")));
    }

    @Test
    void anAdminDisablesAndEnablesAnAccountFromTheList() throws Exception {
        var session = signIn("admin");
        mvc.perform(post("/admin/staff")
                        .session(session)
                        .with(csrf())
                        .param("username", "toggled")
                        .param("displayName", "停用测试")
                        .param("unitCode", "4106")
                        .param("roles", "HOTLINE")
                        .param("password", "toggle-test-password"))
                .andExpect(redirectedUrl("/admin/staff"));
        long id = jdbc.sql("SELECT id FROM staff WHERE username = 'toggled'")
                .query(Long.class)
                .single();
        mvc.perform(post("/admin/staff/{id}/enabled", id)
                        .session(session)
                        .with(csrf())
                        .param("enabled", "false"))
                .andExpect(redirectedUrl("/admin/staff"));
        assertThat(jdbc.sql("SELECT enabled FROM staff WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        mvc.perform(post("/admin/staff/{id}/enabled", id)
                .session(session)
                .with(csrf())
                .param("enabled", "true"));
        assertThat(jdbc.sql("SELECT enabled FROM staff WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void anOfficerCannotOpenTheAdminPages() throws Exception {
        var session = signIn("jinshui");
        mvc.perform(get("/admin/staff").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/tokens").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/audit").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void theAuditorLandsOnTheAuditLogAndVerifiesTheChain() throws Exception {
        var session = signIn("auditor");
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/audit"));
        mvc.perform(get("/audit").session(session)).andExpect(status().isOk());
        mvc.perform(post("/audit/verify").session(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("msg ok")));
    }

    @Test
    void aDisabledAccountLosesItsPageSessionAtOnceAndRoleChangesApplyWithoutSigningInAgain() throws Exception {
        var admin = signIn("admin");
        mvc.perform(post("/admin/staff")
                        .session(admin)
                        .with(csrf())
                        .param("username", "sessionuser")
                        .param("displayName", "会话测试")
                        .param("unitCode", "4105")
                        .param("roles", "OFFICER")
                        .param("password", "session-test-password"))
                .andExpect(redirectedUrl("/admin/staff"));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .param("username", "sessionuser")
                        .param("password", "session-test-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/admin/staff").session(session)).andExpect(status().isForbidden());
        jdbc.sql("UPDATE staff SET roles = 'COMMANDER' WHERE username = 'sessionuser'")
                .update();
        mvc.perform(get("/admin/staff").session(session)).andExpect(status().isOk());
        jdbc.sql("UPDATE staff SET enabled = FALSE WHERE username = 'sessionuser'")
                .update();
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void anAdminCreatesAPartnerTokenThatIsShownOnce() throws Exception {
        var session = signIn("admin");
        mvc.perform(get("/admin/staff").session(session)).andExpect(status().isOk());
        var result = mvc.perform(post("/admin/tokens")
                        .session(session)
                        .with(csrf())
                        .param("name", "联通河南")
                        .param("permissions", "leads:submit")
                        .param("sources", "TELECOM"))
                .andExpect(redirectedUrl("/admin/tokens"))
                .andReturn();
        String secret = (String) result.getFlashMap().get("secret");
        assertThat(secret).startsWith("fzp_");
        mvc.perform(get("/admin/tokens").session(session))
                .andExpect(content().string(containsString("联通河南")))
                .andExpect(content().string(containsString(secret)));
        mvc.perform(get("/admin/tokens").session(session))
                .andExpect(content().string(containsString("联通河南")))
                .andExpect(content().string(not(containsString(secret))));
    }
}
