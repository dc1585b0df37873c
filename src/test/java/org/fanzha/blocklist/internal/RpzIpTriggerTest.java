package org.fanzha.blocklist.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Response-IP triggers as the RPZ draft writes them, IPv4 and IPv6 (the longest zero run as zz). */
class RpzIpTriggerTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.77, 32.77.113.0.203.rpz-ip",
        "2001:db8::77, 128.77.zz.db8.2001.rpz-ip",
        "2001:db8:0:1:0:0:0:1, 128.1.zz.1.0.db8.2001.rpz-ip",
        "2001:db8:0:0:1:0:0:1, 128.1.0.0.1.zz.db8.2001.rpz-ip",
        "::1, 128.1.zz.rpz-ip",
        "2001:db8:1:2:3:4:5:6, 128.6.5.4.3.2.1.db8.2001.rpz-ip",
        "2001:db8:0:1:2:3:4:5, 128.5.4.3.2.1.0.db8.2001.rpz-ip",
        "2001:DB8:00AA::, 128.zz.aa.db8.2001.rpz-ip"
    })
    void addressesBecomeTheirTriggers(String address, String trigger) {
        assertThat(RpzZone.ipTrigger(address)).isEqualTo(trigger);
    }
}
