package org.fanzha.staff.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.fanzha.staff.StaffProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Growing delays after failed sign-ins, kept in the database so every instance enforces the same
 * delay. Guesses are throttled, not the person who knows the password: failures count per
 * account and address pair, per account and per address, but the account's and the address's
 * delays hold back only a pair that has failed itself. A colleague behind the same NAT, or the
 * account's owner at their own desk, signs in with the right password while someone else's
 * guesses are being slowed. Attempts made while a delay runs are refused without counting, and
 * nothing is ever locked for good (see {@link StaffProperties.Throttle}).
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final StaffProperties.Throttle settings;

    LoginThrottle(JdbcClient jdbc, StaffProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.throttle();
    }

    /** How long the caller must still wait, if at all. */
    Optional<Duration> waitFor(String username, String address) {
        Instant now = Instant.now();
        var pair = state(pairKey(username, address));
        Instant until = pair.map(State::blockedUntil).orElse(Instant.EPOCH);
        boolean pairFailed = pair.filter(
                        p -> p.lastFailure().plus(settings.forgetAfter()).isAfter(now))
                .isPresent();
        if (pairFailed) {
            until = later(
                    until,
                    later(
                            state(accountKey(username)).map(State::blockedUntil).orElse(Instant.EPOCH),
                            state(addressKey(address)).map(State::blockedUntil).orElse(Instant.EPOCH)));
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String username, String address) {
        fail(pairKey(username, address), settings.accountCap());
        fail(accountKey(username), settings.accountCap());
        fail(addressKey(address), settings.addressCap());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void succeeded(String username, String address) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key IN (?, ?)")
                .params(accountKey(username), pairKey(username, address))
                .update();
    }

    private void fail(String key, Duration cap) {
        Instant now = Instant.now();
        int failures = jdbc.sql(
                        "SELECT failures, last_failure_at FROM login_throttle WHERE throttle_key = ? FOR UPDATE")
                .param(key)
                .query((rs, i) -> rs.getObject(2, OffsetDateTime.class)
                                .toInstant()
                                .plus(settings.forgetAfter())
                                .isBefore(now)
                        ? 0
                        : rs.getInt(1))
                .optional()
                .orElse(-1);
        int next = Math.max(failures, 0) + 1;
        Instant blockedUntil = now.plus(delay(next, cap));
        if (failures < 0) {
            try {
                jdbc.sql(
                                "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)")
                        .params(key, next, Timestamp.from(now), Timestamp.from(blockedUntil))
                        .update();
            } catch (DuplicateKeyException concurrentFirstFailure) {
                fail(key, cap);
            }
        } else {
            jdbc.sql(
                            "UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ? WHERE throttle_key = ?")
                    .params(next, Timestamp.from(now), Timestamp.from(blockedUntil), key)
                    .update();
        }
    }

    /** No delay for the free failures, then 1 s, 2 s, 4 s … up to the cap. */
    Duration delay(int failures, Duration cap) {
        int over = failures - settings.freeFailures();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(over - 1, 30));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private record State(Instant lastFailure, Instant blockedUntil) {}

    private Optional<State> state(String key) {
        return jdbc.sql("SELECT last_failure_at, blocked_until FROM login_throttle WHERE throttle_key = ?")
                .param(key)
                .query((rs, i) -> new State(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String accountKey(String username) {
        return "account:" + username.toLowerCase();
    }

    private static String addressKey(String address) {
        return "address:" + clip(address, 64);
    }

    /** The pair's key: the username (64 characters at most) and the address, within the column's 130. */
    private static String pairKey(String username, String address) {
        return "pair:" + clip(username.toLowerCase(), 64) + "|" + clip(address, 58);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
