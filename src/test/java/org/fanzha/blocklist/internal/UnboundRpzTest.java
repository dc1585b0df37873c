package org.fanzha.blocklist.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.fanzha.testing.Unbound;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * End to end with a real resolver: Debian's Unbound takes the RPZ zone from our primary, rewrites
 * blocked names to the warning page, resolves allowed ones as usual, and enforces an entry added
 * through the API after our NOTIFY, without a restart.
 */
@IntegrationTest
class UnboundRpzTest {

    static final int UNBOUND_PORT;
    static Unbound unbound;

    static {
        try {
            UNBOUND_PORT = Unbound.freePort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void secondaries(DynamicPropertyRegistry registry) {
        registry.add("fanzha.blocklist.dns.secondaries", () -> "127.0.0.1:" + UNBOUND_PORT);
        registry.add("fanzha.blocklist.dns.warning-page-address", () -> "10.255.0.1");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    ZoneServer primary;

    @BeforeAll
    static void installed() {
        Unbound.assumeInstalled();
    }

    @AfterAll
    static void stop() throws Exception {
        if (unbound != null) {
            unbound.close();
        }
    }

    void block(String value, String scope) throws Exception {
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"%s\",\"scope\":\"%s\",\"category\":\"LOAN\",\"source\":\"POLICE\"}"
                                .formatted(value, scope)))
                .andExpect(status().isCreated());
    }

    List<String> addresses(String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(UNBOUND_PORT);
        resolver.setTimeout(Duration.ofSeconds(3));
        Message response =
                resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
        if (response.getRcode() != Rcode.NOERROR) {
            return List.of(Rcode.string(response.getRcode()));
        }
        return response.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress())
                .toList();
    }

    @Test
    void unboundRewritesBlockedNamesResolvesAllowedOnesAndFollowsNotify() throws Exception {
        String before = "rpz-before-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(before, "DOMAIN_AND_SUBDOMAINS");
        // response-IP triggers of both families: Unbound refuses (logs an error for) any whose
        // local data is not of the address's family
        long n = System.nanoTime();
        block("2001:db8:" + Long.toHexString(n % 0xffff) + "::78", "IP");
        block("198.51.100." + (1 + n % 250), "IP");
        // blocked first, then its platform allowed: the allow entry wins in the zone too
        String platform = "platform-" + Long.toString(System.nanoTime(), 36) + ".com";
        block("shop." + platform, "DOMAIN");
        mvc.perform(post("/api/v1/blocklist/allow")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"domain\":\"%s\",\"reason\":\"大型平台\"}".formatted(platform)))
                .andExpect(status().isCreated());
        unbound = Unbound.start(
                UNBOUND_PORT,
                "rpz.fanzha.",
                primary.port(),
                "www.icbc.com.cn. 300 IN A 10.0.0.5",
                "shop." + platform + ". 300 IN A 10.0.0.6");
        // the first transfer, at start
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(addresses("m." + before))
                        .as("unbound log:\n%s", unbound.log())
                        .containsExactly("10.255.0.1"));
        assertThat(addresses(before)).containsExactly("10.255.0.1");
        // an allowed name resolves as usual
        assertThat(addresses("www.icbc.com.cn")).containsExactly("10.0.0.5");
        assertThat(addresses("shop." + platform)).containsExactly("10.0.0.6");

        // added through the API: in force in Unbound after our NOTIFY (refresh is an hour away)
        String after = "rpz-after-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(after, "DOMAIN");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(addresses(after))
                        .as("unbound log:\n%s", unbound.log())
                        .containsExactly("10.255.0.1"));
        assertThat(unbound.log()).doesNotContain("error");
    }
}
