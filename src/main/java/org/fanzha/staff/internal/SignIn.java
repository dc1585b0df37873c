package org.fanzha.staff.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Checks a username and password under the throttle; shared by the sign-in page and the token endpoint. */
@Service
class SignIn {

    /** Thrown while a sign-in delay runs; says how long to wait. */
    static class Throttled extends AuthenticationException {
        private final Duration wait;

        Throttled(Duration wait) {
            super("Too many failed sign-ins; try again in " + Math.max(1, wait.toSeconds()) + " s");
            this.wait = wait;
        }

        long seconds() {
            return Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        }
    }

    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final String dummyHash;
    private final AuditLog audit;

    SignIn(StaffAccounts accounts, PasswordEncoder passwords, LoginThrottle throttle, AuditLog audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.dummyHash = passwords.encode("no-such-account-" + System.nanoTime());
    }

    Actor authenticate(String username, String password, String address) {
        if (username.isBlank() || username.length() > 64 || password.length() > 200) {
            throw new BadCredentialsException("Bad credentials");
        }
        var wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            throw new Throttled(wait.get());
        }
        var account = accounts.byUsername(username);
        // hash even for unknown users, so response time does not tell which usernames exist
        boolean matches = passwords.matches(
                password, account.map(StaffAccounts.Account::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !matches || !account.get().enabled()) {
            throttle.failed(username, address);
            audit.recordAlone(
                    new AuditLog.Origin(username, "", address),
                    "SIGN_IN_FAILED",
                    "staff",
                    username,
                    account.isEmpty() ? "no such account" : !matches ? "wrong password" : "account disabled");
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(username, address);
        audit.recordAlone(
                new AuditLog.Origin(username, account.get().unitCode(), address),
                "SIGN_IN",
                "staff",
                Long.toString(account.get().id()),
                "signed in");
        return actorOf(account.get());
    }

    static Actor actorOf(StaffAccounts.Account account) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        account.roles().forEach(r -> permissions.addAll(r.permissions()));
        return new Actor(
                Actor.Kind.STAFF,
                account.id(),
                account.username(),
                account.displayName(),
                account.unitCode(),
                account.roles(),
                permissions,
                EnumSet.allOf(Source.class));
    }
}
