package org.fanzha.staff.internal;

import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.web.support.WebTestUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * No session for anonymous visitors, through the real server (a session would come back as its
 * cookie). Spring Security's test support replaces the CSRF repository of the shared context with
 * a session one whenever a MockMvc test uses {@code csrf()}: each test here puts ours back first.
 */
@IntegrationTest
class AnonymousSessionsTest {

    @Autowired
    WebApplicationContext context;

    @BeforeEach
    void ourCsrfRepository() {
        var request = new MockHttpServletRequest(context.getServletContext());
        request.setServletPath("/login");
        WebTestUtils.setCsrfTokenRepository(request, new SessionOrCookieCsrfTokens());
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void anonymousPagesAndApiCallsOpenNoSession() throws Exception {
        // through the real server: a session would come back as its cookie
        var http = java.net.http.HttpClient.newHttpClient();
        for (String page : new String[] {
            "/login", "/risk", "/", "/board", "/error", "/no-such-page", "/api/v1/warnings", "/v3/api-docs"
        }) {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + page))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            org.assertj.core.api.Assertions.assertThat(response.headers().allValues("Set-Cookie"))
                    .as(page)
                    .noneMatch(c -> c.startsWith("FANZHA_SESSION=") || c.startsWith("JSESSIONID="));
            org.assertj.core.api.Assertions.assertThat(response.statusCode())
                    .as(page)
                    .isLessThan(500);
        }
    }

    @Test
    void theSignInFormWorksWithoutASessionAndReturnsToThePageAsked() throws Exception {
        var cookies = new java.net.CookieManager();
        var http = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://localhost:" + port;
        // a page asked for while signed out: the way back is kept in a cookie, not a session
        var asked = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/board"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        org.assertj.core.api.Assertions.assertThat(asked.statusCode()).isEqualTo(302);
        String html = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        var matcher = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(html);
        org.assertj.core.api.Assertions.assertThat(matcher.find())
                .as("the form carries its token")
                .isTrue();
        java.util.function.Function<String, java.net.http.HttpResponse<Void>> signIn = form -> {
            try {
                return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // the cookie's token without the form's is refused
        org.assertj.core.api.Assertions.assertThat(signIn.apply("username=jinshui&password=fanzha-demo")
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotEndWith("/board");
        var signedIn = signIn.apply("username=jinshui&password=fanzha-demo&_csrf="
                + java.net.URLEncoder.encode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThat(signedIn.statusCode()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(
                        signedIn.headers().firstValue("Location").orElse(""))
                .endsWith("/board");
        org.assertj.core.api.Assertions.assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("FANZHA_SESSION="));
        var board = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/board"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        org.assertj.core.api.Assertions.assertThat(board.statusCode()).isEqualTo(200);
    }
}
