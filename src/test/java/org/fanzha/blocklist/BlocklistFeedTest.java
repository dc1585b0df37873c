package org.fanzha.blocklist;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** A change another instance commits reaches this instance's matcher through the change feed in the database. */
@IntegrationTest
class BlocklistFeedTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    /** What another instance does when it adds an entry: raise the serial, stamp the row with it. */
    long anotherInstanceBlocks(String domain) {
        Timestamp now = Timestamp.from(Instant.now());
        return tx.execute(status -> {
            jdbc.sql("UPDATE blocklist_serial SET serial = serial + 1, changed_at = ? WHERE id = 1")
                    .param(now)
                    .update();
            long serial = jdbc.sql("SELECT serial FROM blocklist_serial WHERE id = 1")
                    .query(Long.class)
                    .single();
            jdbc.sql("""
                            INSERT INTO block_entry (pattern, scope, category, source, state, added_by, first_seen, last_seen,
                                updated_at, serial) VALUES (?, 'DOMAIN_AND_SUBDOMAINS', 'LOAN', 'NATIONAL_CENTRE', 'ACTIVE',
                                'other-instance', ?, ?, ?, ?)""").params(domain, now, now, now, serial).update();
            return serial;
        });
    }

    @Test
    void anEntryAddedOnAnotherInstanceIsInForceHereWithoutARestart() throws Exception {
        String domain = "feed-" + Long.toString(System.nanoTime(), 36) + ".example";
        String token = api.bearer("analyst");
        mvc.perform(get("/api/v1/blocklist/check")
                        .param("target", "www." + domain)
                        .header("Authorization", token))
                .andExpect(jsonPath("$.verdict").value("UNKNOWN"));
        anotherInstanceBlocks(domain);
        // the feed polls every 500 ms (fanzha.blocklist.feed-interval)
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> mvc.perform(get("/api/v1/blocklist/check")
                                .param("target", "www." + domain)
                                .header("Authorization", token))
                        .andExpect(jsonPath("$.verdict").value("BLOCKED"))
                        .andExpect(jsonPath("$.decidedBy.value").value(domain)));
    }
}
