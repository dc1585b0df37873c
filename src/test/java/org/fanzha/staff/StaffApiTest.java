package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class StaffApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    long idOf(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void aCityCommanderListsStaffOfTheCityOnlyWithPhonesMasked() throws Exception {
        mvc.perform(get("/api/v1/staff").header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", hasItem("jinshui")))
                .andExpect(jsonPath("$[*].username", not(hasItem("luoyang"))))
                .andExpect(jsonPath("$[*].username", not(hasItem("admin"))))
                .andExpect(jsonPath("$[?(@.username == 'jinshui')].phone").value("137****0002"));
    }

    @Test
    void aCommanderCannotReadAnotherCitysStaffByGuessingTheId() throws Exception {
        mvc.perform(get("/api/v1/staff/" + idOf("luoyang")).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:staff-not-found"));
        mvc.perform(get("/api/v1/staff/" + idOf("jinshui")).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk());
    }

    @Test
    void anOfficerMayNotListStaff() throws Exception {
        mvc.perform(get("/api/v1/staff").header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isForbidden());
    }

    @Test
    void meDescribesTheSignedInActor() throws Exception {
        mvc.perform(get("/api/v1/staff/me").header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$.kind").value("STAFF"))
                .andExpect(jsonPath("$.unitCode").value("410105"))
                .andExpect(jsonPath("$.roles[0]").value("OFFICER"));
    }

    @Test
    void anAdminCreatesAnAccountThatCanSignInAndTheChangeIsAudited() throws Exception {
        String body = """
                {"username":"wenhua01","displayName":"文化路派出所民警","unitCode":"410105008","roles":["OFFICER"],
                 "phone":"13703719999","password":"a-long-enough-password"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.unitCode").value("410105008"))
                .andExpect(jsonPath("$.phone").value("137****9999"));
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"wenhua01\",\"password\":\"a-long-enough-password\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"));
        long id = idOf("wenhua01");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE entity = 'staff' AND entity_id = ? AND action = 'CREATE' AND actor = 'admin'")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT password_hash FROM staff WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("{argon2}")
                .doesNotContain("a-long-enough-password");
    }

    @Test
    void badAccountsAreRefusedFieldByField() throws Exception {
        String body = """
                {"username":"X","displayName":"","unitCode":"999999","roles":[],"phone":"123","password":"short"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("displayName")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("roles")));
        String body2 = """
                {"username":"X","displayName":"某","unitCode":"999999","roles":["OFFICER"],"phone":"123","password":"short"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body2))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[*].field", hasItem("username")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("unitCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("phone")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("password")));
    }

    @Test
    void aCityAdminCannotCreateOrChangeAccountsOfAnotherCity() throws Exception {
        String create = """
                {"username":"zzadmin","displayName":"郑州管理员","unitCode":"4101","roles":["ADMIN"],"password":"zz-admin-password-1"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(create))
                .andExpect(status().isCreated());
        String token = api.signIn("zzadmin", "zz-admin-password-1");
        String intoLuoyang = """
                {"username":"lyofficer","displayName":"洛阳民警","unitCode":"410302","roles":["OFFICER"],"password":"luoyang-password-1"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(intoLuoyang))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("unitCode"))
                .andExpect(jsonPath("$.errors[0].message").value("is outside your jurisdiction"));
        mvc.perform(patch("/api/v1/staff/" + idOf("luoyang"))
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":false}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT enabled FROM staff WHERE username = 'luoyang'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void disablingAnAccountEndsItsBearerTokensAtOnce() throws Exception {
        String create = """
                {"username":"leaver","displayName":"调离人员","unitCode":"4102","roles":["OFFICER"],"password":"moving-on-password-1"}""";
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(create))
                .andExpect(status().isCreated());
        String token = api.signIn("leaver", "moving-on-password-1");
        mvc.perform(get("/api/v1/staff/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        mvc.perform(patch("/api/v1/staff/" + idOf("leaver"))
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/v1/staff/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anAdminsPasswordResetEndsThePageSessionsOfTheAccount() throws Exception {
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"resetme","displayName":"重置人员","unitCode":"4102","roles":["OFFICER"],"password":"before-reset-pass-1"}"""))
                .andExpect(status().isCreated());
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(
                        post("/login")
                                .session(session)
                                .param("username", "resetme")
                                .param("password", "before-reset-pass-1")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/staff/" + idOf("resetme") + "/password")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"after-reset-pass-2\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/").session(session))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/login?expired"));
    }

    @Test
    void noOneGrantsRolesToThemselvesAndAnAuditorHoldsNoOtherRole() throws Exception {
        long admin = idOf("admin");
        mvc.perform(patch("/api/v1/staff/" + admin)
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"ADMIN\",\"AUDITOR\",\"COMMANDER\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("roles")));
        mvc.perform(get("/api/v1/staff/" + admin).header("Authorization", api.bearer("admin")))
                .andExpect(jsonPath("$.roles[*]").value(not(hasItem("AUDITOR"))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'GRANT_REFUSED' AND entity_id = ?")
                        .param(Long.toString(admin))
                        .query(Long.class)
                        .single())
                .isPositive();
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"twohats","displayName":"兼职审计","unitCode":"4102","roles":["AUDITOR","OFFICER"],"password":"two-hats-password-1"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("roles")));
    }

    @Test
    void signInsAndRefusedRevealsAreOnRecord() throws Exception {
        api.signIn("luoyang", "fanzha-demo");
        // from an address of its own, so the demo account's sign-ins from the tests' address stay unthrottled
        mvc.perform(post("/api/v1/auth/token")
                        .with(r -> {
                            r.setRemoteAddr("10.6.0.1");
                            return r;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"luoyang\",\"password\":\"not-the-password\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'SIGN_IN' AND actor = 'luoyang'")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE action = 'SIGN_IN_FAILED' AND entity_id = 'luoyang'")
                        .query(Long.class)
                        .single())
                .isPositive();
        mvc.perform(post("/api/v1/reveal")
                        .header("Authorization", api.bearer("jinshui"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entity\":\"staff\",\"id\":\"" + idOf("luoyang")
                                + "\",\"field\":\"phone\",\"reason\":\"核对身份信息\"}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'REVEAL_REFUSED' AND actor = 'jinshui'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }
}
