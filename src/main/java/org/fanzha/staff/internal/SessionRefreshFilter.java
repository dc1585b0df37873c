package org.fanzha.staff.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a page session in step with the account: a disabled account's session ends with its
 * next request, and a changed role or unit applies at once, not at the next sign-in.
 */
class SessionRefreshFilter extends OncePerRequestFilter {

    private final StaffAccounts accounts;

    SessionRefreshFilter(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof FanzhaPrincipal principal
                && principal.actor().isStaff()) {
            var account = accounts.byIdUnscoped(principal.actor().id()).filter(StaffAccounts.Account::enabled);
            if (account.isEmpty()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            var actor = SignIn.actorOf(account.get());
            if (!actor.equals(principal.actor())) {
                var fresh = new FanzhaPrincipal(actor);
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities()));
                SecurityContextHolder.setContext(context);
                request.getSession()
                        .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        chain.doFilter(request, response);
    }
}
