package org.fanzha.staff;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** A staff member changes their own password on a page: the old one stops working, and so do their API tokens. */
@IntegrationTest
class OwnPasswordTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Test
    void aStaffMemberChangesTheirOwnPassword() throws Exception {
        String user = "pw" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"%s","displayName":"民警","unitCode":"410105","roles":["OFFICER"],
                                 "password":"first-password-123"}""".formatted(user)))
                .andExpect(status().isCreated());
        String oldToken = "Bearer " + api.signIn(user, "first-password-123");
        mvc.perform(get("/api/v1/staff/me").header("Authorization", oldToken)).andExpect(status().isOk());
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .param("username", user)
                        .param("password", "first-password-123")
                        .with(csrf()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/account/password").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("password-form")));

        // wrong current password, the two new ones differing, a new one too short or containing the username
        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "not-my-password")
                        .param("newPassword", "second-password-456")
                        .param("repeatPassword", "second-password-456"))
                .andExpect(flash().attributeExists("errors"));
        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "first-password-123")
                        .param("newPassword", "second-password-456")
                        .param("repeatPassword", "second-password-789"))
                .andExpect(flash().attribute("problem", "repeatPassword"));
        for (String bad : new String[] {"short", user + "-and-more"}) {
            mvc.perform(post("/account/password")
                            .session(session)
                            .with(csrf())
                            .param("currentPassword", "first-password-123")
                            .param("newPassword", bad)
                            .param("repeatPassword", bad))
                    .andExpect(flash().attributeExists("errors"));
        }
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + user + "\",\"password\":\"first-password-123\"}"))
                .andExpect(status().isOk());

        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "first-password-123")
                        .param("newPassword", "second-password-456")
                        .param("repeatPassword", "second-password-456"))
                .andExpect(flash().attribute("changed", true));
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + user + "\",\"password\":\"first-password-123\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/staff/me").header("Authorization", oldToken)).andExpect(status().isUnauthorized());
        String newToken = "Bearer " + api.signIn(user, "second-password-456");
        mvc.perform(get("/api/v1/staff/me").header("Authorization", newToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
        // the page session goes on
        mvc.perform(get("/account/password").session(session)).andExpect(status().isOk());
    }
}
