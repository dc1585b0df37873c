package org.fanzha.blocklist.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fanzha.blocklist.BlocklistProperties;
import org.springframework.stereotype.Component;

/**
 * Public requests (the risk lookup and appeals) per client address and minute, in this JVM (one
 * limiter shared across instances is the house-in-order issue's).
 */
@Component
class PublicLimit {

    private final BlocklistProperties properties;
    private final Map<String, long[]> perAddress = new ConcurrentHashMap<>();

    PublicLimit(BlocklistProperties properties) {
        this.properties = properties;
    }

    /** Counts one request of the address in the current minute; false once over the limit. */
    boolean allowed(String address) {
        long minute = System.currentTimeMillis() / 60_000;
        if (perAddress.size() > 100_000) {
            perAddress.entrySet().removeIf(e -> e.getValue()[0] < minute);
        }
        long[] slot = perAddress.compute(address, (k, v) -> {
            if (v == null || v[0] != minute) {
                return new long[] {minute, 1};
            }
            v[1]++;
            return v;
        });
        return slot[1] <= properties.publicLookupsPerMinute();
    }
}
