package org.fanzha.staff.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.fanzha.platform.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests by {@code Authorization: Bearer <token>}. A staff token acts as its
 * staff member as they are now (a disabled account or a changed role takes effect at once); a
 * partner token acts with the permissions and sources written on it.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final StaffAccounts accounts;
    private final ProblemResponses problems;

    BearerTokenFilter(ApiTokens tokens, StaffAccounts accounts, ProblemResponses problems) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.problems = problems;
    }

    /** Streamed answers (exports) end with an asynchronous dispatch, which is authorised like the request. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Actor> actor = tokens.authenticate(header.substring(7).strip()).flatMap(this::actorOf);
        if (actor.isEmpty()) {
            problems.unauthorized(response, "The bearer token is unknown, expired or revoked.");
            return;
        }
        FanzhaPrincipal principal = new FanzhaPrincipal(actor.get());
        var authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<Actor> actorOf(ApiTokens.Token token) {
        if (token.staffId() != null) {
            return accounts.byIdUnscoped(token.staffId())
                    .filter(StaffAccounts.Account::enabled)
                    .map(SignIn::actorOf);
        }
        return Optional.of(new Actor(
                Actor.Kind.PARTNER,
                token.id(),
                token.name(),
                token.name(),
                token.unitCode(),
                java.util.Set.of(),
                token.permissions(),
                token.sources()));
    }
}
