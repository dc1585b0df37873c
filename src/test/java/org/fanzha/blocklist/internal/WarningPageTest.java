package org.fanzha.blocklist.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class WarningPageTest {

    @Autowired
    WarningPage page;

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    String get(int port, String host, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                            + "\r\nAccept-Language: zh-CN\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aVisitorLandsOnTheWarningPageTheHitIsCountedAndTheMappedSubscriberBecomesALead() throws Exception {
        String domain = "wp-" + Long.toString(System.nanoTime(), 36) + ".com";
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"%s\",\"category\":\"LOAN\",\"source\":\"POLICE\"}".formatted(domain)))
                .andExpect(status().isCreated());
        String phone = "13937905" + String.format("%03d", System.nanoTime() % 1_000); // a range of its own
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        mvc.perform(post("/api/v1/blocklist/subscribers")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                [{"address":"127.0.0.1","portFrom":0,"portTo":65535,"validFrom":"%s","validTo":"%s","phone":"%s"},
                                 {"address":"not an address","portFrom":70000,"portTo":1,"validFrom":"yesterday","validTo":null,"phone":"x"}]""".formatted(now.minusMinutes(5), now.plusMinutes(5), phone)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected[0].index").value(1))
                .andExpect(jsonPath("$.rejected[0].errors.length()").value(6));

        String response = get(page.httpPort(), "www." + domain, "/apply?step=1");
        assertThat(response).startsWith("HTTP/1.1 451");
        assertThat(response).contains("涉嫌诈骗", "虚假网络贷款", "96110", "www." + domain);

        long entry = jdbc.sql("SELECT id FROM block_entry WHERE pattern = ?")
                .param(domain)
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT COUNT(*) FROM block_hit WHERE entry_id = ? AND host = ? AND path = '/apply?step=1' AND scheme = 'http' AND phone = ?")
                                .params(entry, "www." + domain, phone)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));
        assertThat(jdbc.sql("SELECT SUM(hits) FROM block_hit_day WHERE entry_id = ?")
                        .param(entry)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        long hit = jdbc.sql("SELECT id FROM block_hit WHERE entry_id = ?")
                .param(entry)
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT COUNT(*) FROM lead WHERE source = 'FRAUD_SITE_VISIT' AND source_id = ? AND phone = ? AND fraud_type = 'LOAN'")
                                .params("HIT-" + hit, phone)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));

        // HTTPS: no certificate for the name, but the name is read from the handshake and the hit recorded
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", page.tlsPort())) {
            socket.setSoTimeout(5000);
            var parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("secure." + domain)));
            socket.setSSLParameters(parameters);
            try {
                socket.startHandshake();
            } catch (java.io.IOException expected) {
                // the listener closes without a certificate
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT COUNT(*) FROM block_hit WHERE entry_id = ? AND host = ? AND scheme = 'https'")
                                .params(entry, "secure." + domain)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));
    }

    @Test
    void anUnlistedHostIsRecordedWithoutAnEntry() throws Exception {
        String response = get(page.httpPort(), "not-listed.example", "/");
        assertThat(response).startsWith("HTTP/1.1 451").contains("<html");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT COUNT(*) FROM block_hit WHERE host = 'not-listed.example' AND entry_id IS NULL")
                                .query(Long.class)
                                .single())
                        .isPositive());
    }
}
