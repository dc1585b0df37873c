package org.fanzha.blocklist;

import java.util.List;
import java.util.Map;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RPZ zone and its DNS primary ({@code fanzha.blocklist.dns.*}).
 *
 * @param enabled whether this instance serves the zone over DNS
 * @param address the address the primary listens on (UDP and TCP)
 * @param port its port (0: any free port, for tests)
 * @param zone the zone's name, e.g. {@code rpz.fanzha.}
 * @param secondaries secondaries told of every new serial, as {@code host:port}
 * @param tsig a TSIG key as {@code name:algorithm:base64-secret} (e.g. {@code xfr-key:hmac-sha256:…});
 *     when set, transfers must be signed with it
 * @param defaultAction the RPZ action for entries of categories not in {@code actions}
 * @param actions the RPZ action per fraud type
 * @param warningPageAddress the IPv4 address of the warning page (the LOCAL_DATA action answers it)
 * @param warningPageAddress6 its IPv6 address, if any
 * @param warningPageHost the warning page's host name (the CNAME action points there)
 * @param ttl the TTL of the zone's records, in seconds
 */
@ConfigurationProperties("fanzha.blocklist.dns")
public record DnsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("8053") int port,
        @DefaultValue("rpz.fanzha.") String zone,
        @DefaultValue List<String> secondaries,
        @Nullable String tsig,
        @DefaultValue("LOCAL_DATA") RpzAction defaultAction,
        @DefaultValue Map<FraudType, RpzAction> actions,
        @DefaultValue("127.0.0.1") String warningPageAddress,
        @Nullable String warningPageAddress6,
        @DefaultValue("warning.fanzha.invalid.") String warningPageHost,
        @DefaultValue("300") int ttl) {

    /** What a resolver does with a name the zone lists. */
    public enum RpzAction {
        /** Answer the warning page's address (A, and AAAA when configured): the visitor lands on the warning page. */
        LOCAL_DATA,
        /** A CNAME to the warning page's host, which the resolver then resolves. */
        CNAME,
        /** The name does not exist. */
        NXDOMAIN
    }

    public RpzAction actionFor(FraudType category) {
        return actions.getOrDefault(category, defaultAction);
    }
}
