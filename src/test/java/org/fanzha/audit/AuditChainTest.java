package org.fanzha.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditChainTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    @org.springframework.beans.factory.annotation.Value("${fanzha.audit.chain-key}")
    String key;

    private long appendThree() {
        tx.executeWithoutResult(s -> {
            audit.record("TEST", "thing", "1", "first");
            audit.record("TEST", "thing", "2", "second");
            audit.record("TEST", "thing", "3", "third");
        });
        return jdbc.sql("SELECT MAX(seq) FROM audit_record").query(Long.class).single();
    }

    @Test
    void outboxRecordsOfConcurrentTransactionsAllReachTheChainAndItStaysWhole() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity = 'group'")
                .query(Long.class)
                .single();
        var origin = new AuditLog.Origin("partner:test", "41", "127.0.0.1");
        var calls = new java.util.ArrayList<java.util.concurrent.Callable<Void>>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            calls.add(() -> {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    tx.executeWithoutResult(
                            s -> audit.recordInOutbox(origin, "INTAKE", "group", thread + "-" + n, "lead accepted"));
                }
                return null;
            });
        }
        org.fanzha.testing.Concurrently.run(calls);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity = 'group'")
                                .query(Long.class)
                                .single(),
                        n -> n == before + 80);
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void anOutboxRecordRolledBackWithItsChangeNeverReachesTheChain() {
        var origin = new AuditLog.Origin("partner:test", "41", "127.0.0.1");
        String id = "rolled-back-" + System.nanoTime();
        tx.executeWithoutResult(s -> {
            audit.recordInOutbox(origin, "INTAKE", "group", id, "rolled back");
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> audit.recordInOutbox(origin, "INTAKE", "group", id + "-kept", "kept"));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity_id = ?")
                                .param(id + "-kept")
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void valuesLongerThanTheirColumnsOrHoldingNulAreStoredFittedAndTheChainVerifies() throws Exception {
        String longId = "x".repeat(700);
        tx.executeWithoutResult(s -> audit.record("TEST", "thing", longId, "nul \u0000 inside " + "y".repeat(3000)));
        var row = jdbc.sql("SELECT entity_id, detail FROM audit_record ORDER BY seq DESC LIMIT 1")
                .query()
                .singleRow();
        assertThat((String) row.get("entity_id")).hasSize(500).endsWith("…");
        assertThat((String) row.get("detail")).hasSize(2000).doesNotContain("\u0000");
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void anIntactChainVerifies() throws Exception {
        appendThree();
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void anEditedRecordIsDetectedWhereItWasEdited() throws Exception {
        long last = appendThree();
        long edited = last - 1;
        String original = jdbc.sql("SELECT detail FROM audit_record WHERE seq = ?")
                .param(edited)
                .query(String.class)
                .single();
        jdbc.sql("UPDATE audit_record SET detail = 'nothing happened' WHERE seq = ?")
                .param(edited)
                .update();
        try {
            mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.brokenAt").value(edited))
                    .andExpect(jsonPath("$.problem").value("record " + edited + " was altered"));
        } finally {
            jdbc.sql("UPDATE audit_record SET detail = ? WHERE seq = ?")
                    .params(original, edited)
                    .update();
        }
    }

    @Test
    void aDeletedRecordIsDetectedInTheMiddleAndAtTheEnd() throws Exception {
        long last = appendThree();
        Map<String, Object> middle = jdbc.sql("SELECT * FROM audit_record WHERE seq = ?")
                .param(last - 1)
                .query()
                .singleRow();
        Map<String, Object> tail = jdbc.sql("SELECT * FROM audit_record WHERE seq = ?")
                .param(last)
                .query()
                .singleRow();
        try {
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(last - 1).update();
            mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.brokenAt").value(last - 1));
            restore(middle);
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(last).update();
            mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.brokenAt").value(last));
        } finally {
            if (jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE seq = ?")
                            .param(last - 1)
                            .query(Long.class)
                            .single()
                    == 0) {
                restore(middle);
            }
            restore(tail);
        }
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
    }

    private void restore(Map<String, Object> row) {
        jdbc.sql("""
                INSERT INTO audit_record (seq, at, actor, actor_unit, action, entity, entity_id, detail, address, algorithm, prev_hash, hash)
                VALUES (:seq, :at, :actor, :actor_unit, :action, :entity, :entity_id, :detail, :address, :algorithm, :prev_hash, :hash)
                """).params(row).update();
    }

    @Test
    void onlyAuditorsReadTheLogAndTheyFindChanges() throws Exception {
        appendThree();
        mvc.perform(get("/api/v1/audit").header("Authorization", api.bearer("duty")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit")
                        .param("entity", "thing")
                        .param("entityId", "2")
                        .header("Authorization", api.bearer("auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records[0].entity").value("thing"))
                .andExpect(jsonPath("$.records[0].detail").value("second"));
    }

    @Test
    void recordsAreChainedWithTheirOwnAlgorithmSoSm3AndSha256Mix() throws Exception {
        appendThree();
        var sm3Log = new org.fanzha.audit.internal.AuditTestAccess(jdbc, "SM3", key);
        tx.executeWithoutResult(s -> sm3Log.append("SM3 record"));
        Map<String, Object> row = jdbc.sql(
                        "SELECT algorithm, hash FROM audit_record WHERE seq = (SELECT MAX(seq) FROM audit_record)")
                .query()
                .singleRow();
        assertThat(row.get("algorithm")).isEqualTo("HMAC-SM3");
        assertThat((String) row.get("hash")).hasSize(64);
        assertThat(sm3Log.verify().intact()).isTrue();
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void aKeyedChainRewrittenWithoutTheKeyIsDetected() throws Exception {
        long last = appendThree();
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_record WHERE seq = ?")
                .param(last)
                .query()
                .singleRow();
        assertThat(row.get("algorithm")).isEqualTo("HMAC-S256");
        String head = jdbc.sql("SELECT last_hash FROM audit_chain WHERE id = 1")
                .query(String.class)
                .single();
        // someone with write access edits the newest record and recomputes its hash and the head:
        // unkeyed, or keyed with a key of their own
        String[][] forgeries = {{"SHA-256", null}, {"HMAC-S256", "a-key-that-is-not-the-chain-key-0000000"}};
        for (String[] forgery : forgeries) {
            Map<String, Object> edited = new java.util.HashMap<>(row);
            edited.put("detail", "nothing happened");
            String forged = org.fanzha.audit.internal.AuditTestAccess.hash(edited, forgery[0], forgery[1]);
            jdbc.sql("UPDATE audit_record SET detail = 'nothing happened', algorithm = ?, hash = ? WHERE seq = ?")
                    .params(forgery[0], forged, last)
                    .update();
            jdbc.sql("UPDATE audit_chain SET last_hash = ? WHERE id = 1")
                    .param(forged)
                    .update();
            try {
                mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                        .andExpect(jsonPath("$.intact").value(false))
                        .andExpect(jsonPath("$.brokenAt").value(last));
            } finally {
                jdbc.sql("UPDATE audit_record SET detail = ?, algorithm = ?, hash = ? WHERE seq = ?")
                        .params(row.get("detail"), row.get("algorithm"), row.get("hash"), last)
                        .update();
                jdbc.sql("UPDATE audit_chain SET last_hash = ? WHERE id = 1")
                        .param(head)
                        .update();
            }
        }
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
        // without the key, a keyed chain cannot be verified, and says so
        var unkeyed = new org.fanzha.audit.internal.AuditTestAccess(jdbc, "SHA-256", null);
        assertThat(unkeyed.verify().intact()).isFalse();
        assertThat(unkeyed.verify().problem()).contains("fanzha.audit.chain-key");
        assertThatThrownBy(() -> new org.fanzha.audit.internal.AuditTestAccess(jdbc, "SHA-256", "too-short"))
                .hasMessageContaining("at least 32 characters");
    }

    @Test
    void anAnchorWrittenDownEarlierCatchesRemovedNewestRecords() throws Exception {
        long last = appendThree();
        String hash = jdbc.sql("SELECT hash FROM audit_record WHERE seq = ?")
                .param(last)
                .query(String.class)
                .single();
        mvc.perform(get("/api/v1/audit/verify")
                        .param("seq", Long.toString(last))
                        .param("hash", hash)
                        .header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(true));
        // the newest record removed and the head rewound: the chain alone still looks whole
        Map<String, Object> tail = jdbc.sql("SELECT * FROM audit_record WHERE seq = ?")
                .param(last)
                .query()
                .singleRow();
        try {
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(last).update();
            jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1")
                    .params(last - 1, tail.get("prev_hash"))
                    .update();
            mvc.perform(get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor")))
                    .andExpect(jsonPath("$.intact").value(true));
            mvc.perform(get("/api/v1/audit/verify")
                            .param("seq", Long.toString(last))
                            .param("hash", hash)
                            .header("Authorization", api.bearer("auditor")))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(
                            jsonPath("$.problem").value(org.hamcrest.Matchers.containsString("records were removed")));
        } finally {
            restore(tail);
            jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1")
                    .params(last, hash)
                    .update();
        }
        // an anchor that no longer matches the record
        mvc.perform(get("/api/v1/audit/verify")
                        .param("seq", Long.toString(last))
                        .param("hash", "0".repeat(64))
                        .header("Authorization", api.bearer("auditor")))
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.brokenAt").value(last));
        for (String[] bad : new String[][] {{"1", null}, {null, hash}, {"0", hash}, {"1", "xyz"}}) {
            var request = get("/api/v1/audit/verify").header("Authorization", api.bearer("auditor"));
            if (bad[0] != null) {
                request.param("seq", bad[0]);
            }
            if (bad[1] != null) {
                request.param("hash", bad[1]);
            }
            mvc.perform(request).andExpect(status().isBadRequest());
        }
    }
}
