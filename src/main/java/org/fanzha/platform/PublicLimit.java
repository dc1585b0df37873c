package org.fanzha.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What anyone may do without signing in (the risk lookup, filing an appeal), counted per client
 * address and minute, in this instance: {@code fanzha.blocklist.public-lookups-per-minute}
 * (the name it had when the blocklist alone answered the public).
 */
@Component
public class PublicLimit {

    private final int perMinute;
    private final Map<String, long[]> perAddress = new ConcurrentHashMap<>();

    PublicLimit(@Value("${fanzha.blocklist.public-lookups-per-minute:20}") int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one request of the address in the current minute; false once over the limit. */
    public boolean allowed(String address) {
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
        return slot[1] <= perMinute;
    }
}
