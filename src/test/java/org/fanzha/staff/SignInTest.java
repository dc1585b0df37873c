package org.fanzha.staff;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class SignInTest {

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder token(String username, String password, String address) {
        return post("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    @Test
    void aWrongPasswordIsA401ProblemWithoutSayingWhichPartWasWrong() throws Exception {
        mvc.perform(token("hotline", "wrong-password", "10.1.0.1"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The username or password is wrong."));
        mvc.perform(token("nobody-here", "wrong-password", "10.1.0.1"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The username or password is wrong."));
    }

    @Test
    void repeatedFailuresGrowADelayThatPassesAndIsNeverAPermanentLock() throws Exception {
        // the test profile allows 3 free failures
        for (int i = 0; i < 3; i++) {
            mvc.perform(token("analyst", "guess-" + i, "10.2.0.1")).andExpect(status().isUnauthorized());
        }
        mvc.perform(token("analyst", "guess-3", "10.2.0.1")).andExpect(status().isUnauthorized());
        // now a delay runs for the guesser, even with the right password
        mvc.perform(token("analyst", "fanzha-demo", "10.2.0.1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:sign-in-throttled"));
        // a guess from another address is checked once, then held back by the account's delay too
        mvc.perform(token("analyst", "guess-elsewhere", "10.2.0.3")).andExpect(status().isUnauthorized());
        mvc.perform(token("analyst", "guess-elsewhere-2", "10.2.0.3")).andExpect(status().isTooManyRequests());
        // the owner at an address that has not failed signs in at once
        mvc.perform(token("analyst", "fanzha-demo", "10.2.0.2")).andExpect(status().isOk());
        // and the guesser's delay passes by itself
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() ->
                        mvc.perform(token("analyst", "fanzha-demo", "10.2.0.1")).andExpect(status().isOk()));
    }

    @Test
    void oneColleagueGuessingBehindTheDeskNatDoesNotLockTheOthersOut() throws Exception {
        for (int i = 0; i < 6; i++) {
            mvc.perform(token("nobody-" + i, "guess", "10.4.0.1")).andExpect(status().isUnauthorized());
        }
        mvc.perform(token("hotline", "fanzha-demo", "10.4.0.1")).andExpect(status().isOk());
        mvc.perform(token("duty", "fanzha-demo", "10.4.0.1")).andExpect(status().isOk());
    }

    @Test
    void theSignInFormNeedsItsCsrfToken() throws Exception {
        // without the token the form is refused: a fresh browser is sent back to sign in, a session gets 403
        mvc.perform(post("/login").param("username", "jinshui").param("password", "fanzha-demo"))
                .andExpect(redirectedUrl("/login?expired"));
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(get("/login").session(session));
        mvc.perform(post("/login").session(session).param("username", "jinshui").param("password", "fanzha-demo"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login")
                        .param("username", "jinshui")
                        .param("password", "fanzha-demo")
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void pagesCarryStrictSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")));
    }

    @Test
    void healthIsPublicAndUp() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void pagesRedirectToSignInWhenAnonymous() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection());
    }
}
