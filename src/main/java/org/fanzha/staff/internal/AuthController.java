package org.fanzha.staff.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.fanzha.platform.ProblemException;
import org.fanzha.staff.StaffProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/token}: a bearer token for a staff member's API use. */
@RestController
class AuthController {

    private final SignIn signIn;
    private final ApiTokens tokens;
    private final StaffProperties properties;

    AuthController(SignIn signIn, ApiTokens tokens, StaffProperties properties) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.properties = properties;
    }

    record Credentials(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 200) String password) {}

    record TokenResponse(String token, String tokenType, Instant expiresAt, long expiresIn) {}

    static class BadSignIn extends ProblemException {
        BadSignIn() {
            super(
                    HttpStatus.UNAUTHORIZED,
                    "bad-credentials",
                    "problem.badCredentials.title",
                    "problem.badCredentials.detail");
        }
    }

    static class Throttled extends ProblemException {
        Throttled(long seconds) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "sign-in-throttled",
                    "problem.throttled.title",
                    "problem.throttled.detail",
                    args(seconds),
                    java.util.Map.of("retryAfter", seconds));
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
    }

    @PostMapping("/api/v1/auth/token")
    ResponseEntity<TokenResponse> token(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        try {
            var actor = signIn.authenticate(credentials.username(), credentials.password(), request.getRemoteAddr());
            Instant expiresAt = Instant.now().plus(properties.tokenLifetime());
            var issued = tokens.issueForStaff(actor, expiresAt);
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new TokenResponse(
                            issued.secret(),
                            "Bearer",
                            expiresAt,
                            properties.tokenLifetime().toSeconds()));
        } catch (SignIn.Throttled e) {
            throw new Throttled(e.seconds());
        } catch (BadCredentialsException e) {
            throw new BadSignIn();
        }
    }
}
