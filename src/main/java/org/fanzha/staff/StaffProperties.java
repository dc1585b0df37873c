package org.fanzha.staff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the staff module ({@code fanzha.staff.*}).
 *
 * @param tokenLifetime how long a bearer token from {@code POST /api/v1/auth/token} is valid
 * @param throttle the sign-in throttle
 */
@ConfigurationProperties("fanzha.staff")
public record StaffProperties(
        @DefaultValue("8h") Duration tokenLifetime,
        @DefaultValue Throttle throttle) {

    /**
     * Growing delays after repeated failed sign-ins. After {@code freeFailures} failures the next
     * attempt must wait 1 s, then 2 s, 4 s … up to the cap. The account cap is short, so an
     * attacker who fails on purpose can slow a duty officer's sign-in by at most that much, never
     * lock them out; the address cap is long, since it is the attacker's own address.
     *
     * @param freeFailures failures allowed without delay
     * @param accountCap the longest delay for one account
     * @param addressCap the longest delay for one client address
     * @param forgetAfter failures older than this are forgotten
     */
    public record Throttle(
            @DefaultValue("5") int freeFailures,
            @DefaultValue("60s") Duration accountCap,
            @DefaultValue("15m") Duration addressCap,
            @DefaultValue("1h") Duration forgetAfter) {}
}
