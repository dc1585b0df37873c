package org.fanzha.warning.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Where partners' webhooks may point (against server-side request forgery): a webhook's host must
 * resolve to public addresses only. Loopback, link-local (cloud metadata at 169.254.169.254),
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), unspecified and
 * multicast addresses are refused, unless they lie in a network named in {@code
 * fanzha.warning.webhook-allowed-networks} (CIDR, e.g. a bank's leased line). Checked when the
 * webhook is registered and again before every delivery, so a name that later resolves inward is
 * not followed.
 */
@Component
class WebhookTargets {

    private static final List<IpAddressMatcher> INWARD = List.of(
            new IpAddressMatcher("0.0.0.0/8"), new IpAddressMatcher("100.64.0.0/10"), new IpAddressMatcher("fc00::/7"));

    private final List<IpAddressMatcher> allowed;

    WebhookTargets(@Value("${fanzha.warning.webhook-allowed-networks:}") List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    /** Why a webhook may not go to this host, or null if it may. */
    @Nullable
    String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "the host " + host + " does not resolve";
        }
        for (InetAddress a : addresses) {
            if (inward(a) && allowed.stream().noneMatch(m -> m.matches(a.getHostAddress()))) {
                return "the host " + host + " resolves to " + a.getHostAddress()
                        + ", an internal address; webhooks go to public addresses"
                        + " (or to networks in fanzha.warning.webhook-allowed-networks)";
            }
        }
        return null;
    }

    static boolean inward(InetAddress a) {
        return a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()
                || INWARD.stream().anyMatch(m -> m.matches(a.getHostAddress()));
    }
}
