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
 * Keeps a page session in step with the account: a disabled account's session, or one opened
 * before the password was changed or reset, ends with its next request, and a changed role or
 * unit applies at once, not at the next sign-in.
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
            var account = accounts.byIdUnscoped(principal.actor().id())
                    .filter(StaffAccounts.Account::enabled)
                    .filter(a -> FanzhaPrincipal.fingerprint(a.passwordHash()).equals(principal.credential()));
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
                var fresh = new FanzhaPrincipal(actor, principal.credential());
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

    /**
     * After its owner changed the password on a page, the session they changed it in goes on
     * (under a new id, with the new password's fingerprint); every other session of the account ends.
     */
    static void keepAfterOwnPasswordChange(HttpServletRequest request, StaffAccounts accounts) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof FanzhaPrincipal principal) {
            accounts.byIdUnscoped(principal.actor().id()).ifPresent(account -> {
                var fresh = new FanzhaPrincipal(principal.actor(), FanzhaPrincipal.fingerprint(account.passwordHash()));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities()));
                SecurityContextHolder.setContext(context);
                request.changeSessionId();
                request.getSession()
                        .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            });
        }
    }
}
