package org.fanzha.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens for the demo accounts, signed in once per test JVM through the real endpoint. */
public class Api {

    public static final String DEMO_PASSWORD = "fanzha-demo";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final MockMvc mvc;
    private final JsonMapper json;

    public Api(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /** The Authorization header value for a demo account. */
    public String bearer(String username) {
        return "Bearer " + TOKENS.computeIfAbsent(username, u -> signIn(u, DEMO_PASSWORD));
    }

    /** A page session of a demo account, signed in through the real form (with its CSRF token). */
    public org.springframework.mock.web.MockHttpSession session(String username) throws Exception {
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(
                        post("/login")
                                .session(session)
                                .param("username", username)
                                .param("password", DEMO_PASSWORD)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
        return session;
    }

    /** {@code POST /api/v1/warnings/{id}/<action>} as a demo account, e.g. acknowledge with {@code {}}. */
    public org.springframework.test.web.servlet.ResultActions warningAction(
            String as, long id, String action, String body) throws Exception {
        return mvc.perform(post("/api/v1/warnings/{id}/" + action, id)
                .header("Authorization", bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** A fresh token through {@code POST /api/v1/auth/token}. */
    public String signIn(String username, String password) {
        try {
            String body = mvc.perform(post("/api/v1/auth/token")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("username", username, "password", password))))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            return json.readTree(body).get("token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign in " + username, e);
        }
    }
}
