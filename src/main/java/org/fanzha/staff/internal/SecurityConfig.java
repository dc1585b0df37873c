package org.fanzha.staff.internal;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains: the REST API ({@code /api/**}) is stateless and takes bearer tokens only,
 * so it needs no CSRF protection; the pages use a session, a sign-in form, CSRF tokens on every
 * form and strict headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final String[] PUBLIC_PAGES = {
        "/login",
        "/risk",
        "/risk/**",
        "/public/**",
        "/stats",
        "/css/**",
        "/js/**",
        "/map/**",
        "/img/**",
        "/webjars/**",
        "/favicon.ico",
        "/error",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'self'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for new hashes; bcrypt still verifies hashes imported from older systems
        var encoders = Map.<String, PasswordEncoder>of(
                "argon2",
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt",
                new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ApiTokens tokens, StaffAccounts accounts, ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
                        .permitAll()
                        // holders of what is listed, without an account (rate-limited per address)
                        .requestMatchers("/api/v1/public/**")
                        .permitAll()
                        // the call centre signs its reports with its shared secret instead (VoiceResultsController)
                        .requestMatchers(HttpMethod.POST, "/api/v1/contact/voice-results")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, accounts, problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                                problems.unauthorized(response, "Present a bearer token (POST /api/v1/auth/token)."))
                        .accessDeniedHandler((request, response, ex) ->
                                problems.forbidden(response, "Your roles do not allow this.")))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, PasswordProvider passwordProvider, StaffAccounts accounts)
            throws Exception {
        http.authenticationProvider(passwordProvider)
                .addFilterBefore(new SessionRefreshFilter(accounts), AnonymousAuthenticationFilter.class)
                // no session for anonymous visitors: CSRF token and the page to return to in cookies
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionOrCookieCsrfTokens()))
                .requestCache(cache ->
                        cache.requestCache(new org.springframework.security.web.savedrequest.CookieRequestCache()))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, ex) -> response.sendRedirect(
                                ex instanceof SignIn.Throttled throttled
                                        ? "/login?throttled=" + throttled.seconds()
                                        : "/login?error")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("FANZHA_SESSION"))
                // a form refused for its expired CSRF token is not the user's role: the error page says which
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
                        request.setAttribute("fanzha.error-reason", "csrf");
                    }
                    response.sendError(HttpStatus.FORBIDDEN.value());
                }))
                .sessionManagement(
                        s -> s.sessionFixation(f -> f.changeSessionId()).invalidSessionUrl("/login?expired"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** URLs the firewall refuses (encoded slashes, "..", …) still get a problem detail, not an empty 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return (request, response, ex) -> problems.write(
                response,
                HttpStatus.BAD_REQUEST,
                "request-rejected",
                "Request rejected",
                "The URL contains characters or segments that are not allowed.");
    }

    @Bean
    PasswordProvider passwordProvider(SignIn signIn, StaffAccounts accounts) {
        return new PasswordProvider(signIn, accounts);
    }

    /** Form sign-in through {@link SignIn}, with the client address for the throttle. */
    record PasswordProvider(SignIn signIn, StaffAccounts accounts) implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress()
                    : "unknown";
            var actor = signIn.authenticate(
                    authentication.getName(), String.valueOf(authentication.getCredentials()), address);
            String credential = accounts.byIdUnscoped(actor.id())
                    .map(a -> FanzhaPrincipal.fingerprint(a.passwordHash()))
                    .orElse("");
            var principal = new FanzhaPrincipal(actor, credential);
            return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
