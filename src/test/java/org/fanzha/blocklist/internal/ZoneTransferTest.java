package org.fanzha.blocklist.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** The RPZ primary with TSIG, spoken to by dnsjava as a secondary would; and the export endpoints. */
@IntegrationTest
class ZoneTransferTest {

    static final String SECRET = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    @DynamicPropertySource
    static void tsig(DynamicPropertyRegistry registry) {
        registry.add("fanzha.blocklist.dns.tsig", () -> "xfr-key:hmac-sha256:" + SECRET);
        registry.add("fanzha.blocklist.dns.actions.INVESTMENT", () -> "NXDOMAIN");
    }

    @Autowired
    ZoneServer primary;

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    static Name n(String name) {
        try {
            return Name.fromString(name);
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static TSIG key() throws Exception {
        return new TSIG(TSIG.HMAC_SHA256, Name.fromString("xfr-key."), SECRET);
    }

    void block(String value, String scope, String category) throws Exception {
        mvc.perform(post("/api/v1/blocklist/entries")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"%s\",\"scope\":\"%s\",\"category\":\"%s\",\"source\":\"POLICE\"}"
                                .formatted(value, scope, category)))
                .andExpect(status().isCreated());
    }

    @Test
    void aSignedTransferCarriesEveryTriggerAndAnUnsignedOneIsRefused() throws Exception {
        String loan = "xfr-loan-" + Long.toString(System.nanoTime(), 36) + ".com";
        String invest = "xfr-invest-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(loan, "DOMAIN_AND_SUBDOMAINS", "LOAN");
        block(invest, "DOMAIN", "INVESTMENT");
        block("2001:db8::77", "IP", "LOAN");
        block("203.0.113.77", "IP", "LOAN");
        Name zone = Name.fromString("rpz.fanzha.");

        ZoneTransferIn unsigned = ZoneTransferIn.newAXFR(zone, "127.0.0.1", primary.port(), null);
        unsigned.setTimeout(Duration.ofSeconds(10));
        assertThatThrownBy(unsigned::run).isInstanceOf(ZoneTransferException.class);

        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(zone, "127.0.0.1", primary.port(), key());
        axfr.setTimeout(Duration.ofSeconds(30));
        axfr.run();
        List<Record> records = axfr.getAXFR();
        long serial = jdbc.sql("SELECT serial FROM blocklist_serial")
                .query(Long.class)
                .single();
        assertThat(records.get(0)).isInstanceOf(SOARecord.class);
        assertThat(((SOARecord) records.get(0)).getSerial()).isEqualTo(serial);
        assertThat(records)
                .filteredOn(r -> r.getName().equals(n(loan + ".rpz.fanzha.")))
                .singleElement()
                .isInstanceOfSatisfying(
                        ARecord.class,
                        a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
        assertThat(records).anyMatch(r -> r.getName().equals(n("*." + loan + ".rpz.fanzha.")));
        // INVESTMENT is configured as NXDOMAIN: a CNAME to the root
        assertThat(records)
                .filteredOn(r -> r.getName().equals(n(invest + ".rpz.fanzha.")))
                .singleElement()
                .isInstanceOfSatisfying(
                        CNAMERecord.class, c -> assertThat(c.getTarget()).isEqualTo(Name.root));
        assertThat(records).noneMatch(r -> r.getName().equals(n("*." + invest + ".rpz.fanzha.")));
        assertThat(records).anyMatch(r -> r.getName().equals(n("32.77.113.0.203.rpz-ip.rpz.fanzha.")));
        assertThat(records).anyMatch(r -> r.getName().equals(n("128.77.zz.db8.2001.rpz-ip.rpz.fanzha.")));
        // the allowlist as passthru
        assertThat(records)
                .filteredOn(r -> r.getName().equals(n("*.icbc.com.cn.rpz.fanzha.")))
                .singleElement()
                .isInstanceOfSatisfying(
                        CNAMERecord.class,
                        c -> assertThat(c.getTarget().toString()).isEqualTo("rpz-passthru."));

        ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(zone, serial, false, "127.0.0.1", primary.port(), key());
        ixfr.setTimeout(Duration.ofSeconds(10));
        ixfr.run();
        assertThat(ixfr.isCurrent()).isTrue();
        ZoneTransferIn behind = ZoneTransferIn.newIXFR(zone, serial - 1, false, "127.0.0.1", primary.port(), key());
        behind.setTimeout(Duration.ofSeconds(30));
        behind.run();
        // one serial behind, the last change being an IP entry: only its trigger comes
        assertThat(behind.isIXFR()).isTrue();
        assertThat(behind.getIXFR()).singleElement().satisfies(d -> {
            assertThat(d.deletes).noneMatch(r -> !(r instanceof SOARecord));
            assertThat(withoutSoa(d.adds)).singleElement().asString().startsWith("32.77.113.0.203.rpz-ip.rpz.fanzha.");
        });
    }

    static java.util.Set<String> withoutSoa(List<Record> records) {
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (Record r : records) {
            if (!(r instanceof SOARecord)) {
                set.add(r.toString());
            }
        }
        return set;
    }

    List<Record> axfr() throws Exception {
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(n("rpz.fanzha."), "127.0.0.1", primary.port(), key());
        axfr.setTimeout(Duration.ofSeconds(30));
        axfr.run();
        return axfr.getAXFR();
    }

    long serial() {
        return jdbc.sql("SELECT serial FROM blocklist_serial").query(Long.class).single();
    }

    @Test
    void aSecondaryBehindGetsOnlyTheChangesAndAfterAnImportTheWholeZone() throws Exception {
        String kept = "ixfr-gone-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(kept, "DOMAIN_AND_SUBDOMAINS", "LOAN");
        long since = serial();
        java.util.Set<String> before = withoutSoa(axfr());

        String added = "ixfr-new-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(added, "DOMAIN_AND_SUBDOMAINS", "INVESTMENT");
        long gone = jdbc.sql("SELECT id FROM block_entry WHERE pattern = ?")
                .param(kept)
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/blocklist/entries/{id}/remove", gone).header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk());

        ZoneTransferIn ixfr =
                ZoneTransferIn.newIXFR(n("rpz.fanzha."), since, false, "127.0.0.1", primary.port(), key());
        ixfr.setTimeout(Duration.ofSeconds(30));
        ixfr.run();
        assertThat(ixfr.isIXFR()).isTrue();
        var deltas = ixfr.getIXFR();
        List<Record> adds = new java.util.ArrayList<>();
        List<Record> deletes = new java.util.ArrayList<>();
        for (var d : deltas) {
            adds.addAll(d.adds);
            deletes.addAll(d.deletes);
        }
        assertThat(withoutSoa(deletes)).hasSize(2).allMatch(r -> r.contains(kept));
        assertThat(withoutSoa(adds)).hasSize(2).allMatch(r -> r.contains(added));
        // the changes applied to the old zone give the zone as it is now
        java.util.Set<String> applied = new java.util.TreeSet<>(before);
        applied.removeAll(withoutSoa(deletes));
        applied.addAll(withoutSoa(adds));
        assertThat(applied).isEqualTo(withoutSoa(axfr()));

        // an import is not journalled: a secondary behind it takes the whole zone
        long beforeImport = serial();
        mvc.perform(post("/api/v1/blocklist/imports?format=plain&category=LOAN&source=POLICE")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("ixfr-import-" + Long.toString(System.nanoTime(), 36) + ".com\n"))
                .andExpect(status().isOk());
        ZoneTransferIn full =
                ZoneTransferIn.newIXFR(n("rpz.fanzha."), beforeImport, false, "127.0.0.1", primary.port(), key());
        full.setTimeout(Duration.ofSeconds(30));
        full.run();
        assertThat(full.isAXFR()).isTrue();
        assertThat(withoutSoa(full.getAXFR())).isEqualTo(withoutSoa(axfr()));
    }

    @Test
    void theSoaIsAnsweredOverUdpAndOtherZonesAreRefused() throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(primary.port());
        resolver.setTimeout(Duration.ofSeconds(3));
        Message soa =
                resolver.send(Message.newQuery(Record.newRecord(Name.fromString("rpz.fanzha."), Type.SOA, DClass.IN)));
        assertThat(soa.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(soa.getHeader().getFlag(org.xbill.DNS.Flags.AA)).isTrue();
        assertThat(soa.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
        Message other =
                resolver.send(Message.newQuery(Record.newRecord(Name.fromString("example.com."), Type.A, DClass.IN)));
        assertThat(other.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    /** The export is streamed: the body comes with the asynchronous dispatch. */
    String export(String format) throws Exception {
        var started = mvc.perform(get("/api/v1/blocklist/export/" + format).header("Authorization", api.bearer("duty")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request()
                        .asyncStarted())
                .andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void operatorsDownloadTheListAsRpzHostsAndAdblock() throws Exception {
        String name = "export-" + Long.toString(System.nanoTime(), 36) + ".com";
        block(name, "DOMAIN_AND_SUBDOMAINS", "LOAN");
        block("https://" + name + "/pay/", "URL_PREFIX", "LOAN");
        String rpz = export("rpz");
        assertThat(rpz).contains(name + ".rpz.fanzha.", "*." + name + ".rpz.fanzha.", "SOA");
        String hosts = export("hosts");
        assertThat(hosts).contains("0.0.0.0 " + name + "\n").doesNotContain("/pay/");
        String adblock = export("adblock");
        assertThat(adblock).startsWith("[Adblock Plus 2.0]").contains("||" + name + "^\n", "||" + name + "/pay/\n");
        mvc.perform(get("/api/v1/blocklist/export/xml").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/blocklist/export/rpz").header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isForbidden());
    }
}
