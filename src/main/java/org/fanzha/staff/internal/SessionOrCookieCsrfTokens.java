package org.fanzha.staff.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * CSRF tokens without a session for anonymous visitors: the sign-in page and the public risk
 * lookup keep their token in a cookie (double submit), so no one creates a 30-minute session by
 * opening a page; once signed in, the token lives in the session, as before. Spring Security
 * replaces the token at sign-in, which moves it from the cookie into the new session.
 */
class SessionOrCookieCsrfTokens implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    SessionOrCookieCsrfTokens() {
        cookie.setCookieName("FANZHA_XSRF");
        cookie.setCookieCustomizer(c -> c.httpOnly(true).sameSite("Lax").path("/"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return session.generateToken(request);
    }

    @Override
    public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            session.saveToken(token, request, response);
            if (cookie.loadToken(request) != null) {
                cookie.saveToken(null, request, response);
            }
        } else {
            cookie.saveToken(token, request, response);
        }
    }

    @Override
    public @Nullable CsrfToken loadToken(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            CsrfToken inSession = session.loadToken(request);
            if (inSession != null) {
                return inSession;
            }
        }
        CsrfToken fromCookie = cookie.loadToken(request);
        // the same header and parameter names as the session's tokens, which the pages use
        return fromCookie == null
                ? null
                : new org.springframework.security.web.csrf.DefaultCsrfToken(
                        "X-CSRF-TOKEN", "_csrf", fromCookie.getToken());
    }
}
