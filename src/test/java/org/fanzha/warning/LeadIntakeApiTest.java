package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.testing.Api;
import org.fanzha.testing.Concurrently;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LeadIntakeApiTest {

    static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    /** A Luoyang mobile (segment 1393790) no other test uses. */
    static String luoyangPhone() {
        return "1393790" + String.format("%04d", 1000 + NEXT.incrementAndGet());
    }

    static String id(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    ResultActions submit(String as, String body) throws Exception {
        return mvc.perform(post("/api/v1/leads")
                .header("Authorization", api.bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void thePartnerExampleIsGradedRedAndRoutedToLuoyang() throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"%s","phone":"%s",
                 "idNumber":null,"name":null,"address":null,"divisionCode":null,
                 "fraudType":"IMPERSONATE_POLICE","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER",
                 "counterpart":"+85261234567","minutes":7}],"amountAtRisk":50000,
                 "observedAt":"2021-06-17T09:49:21+08:00"}""".formatted(id("NC"), luoyangPhone());
        submit("duty", body)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.leadId").isNumber())
                .andExpect(jsonPath("$.warningId").isNumber())
                .andExpect(jsonPath("$.urgency").value("RED"))
                .andExpect(jsonPath("$.unitCode").value("4103"))
                .andExpect(jsonPath("$.status").value("ASSIGNED"));
    }

    @Test
    void aRetriedLeadIsAcknowledgedAgainAndStoredOnce() throws Exception {
        String sourceId = id("TEL");
        String body = """
                {"source":"TELECOM","sourceId":"%s","phone":"%s","fraudType":"ORDER_BRUSHING"}""".formatted(sourceId, luoyangPhone());
        var first = json.readTree(submit("duty", body)
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString());
        submit("duty", body)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.leadId").value(first.get("leadId").asLong()))
                .andExpect(jsonPath("$.warningId").value(first.get("warningId").asLong()))
                .andExpect(jsonPath("$.duplicate").value(true));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE source = 'TELECOM' AND source_id = ?")
                        .param(sourceId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void leadsForTheSamePhoneJoinTheOpenWarningWhichTakesTheHighestUrgencyAndLargestAmount() throws Exception {
        String phone = luoyangPhone();
        String yellow = """
                {"source":"PUBLIC_REPORT","sourceId":"%s","phone":"%s","amountAtRisk":3000}""".formatted(id("PR"), phone);
        String red = """
                {"source":"BANK","sourceId":"%s","phone":"%s","amountAtRisk":20000,
                 "signals":[{"type":"TRANSFER_TO_FLAGGED_ACCOUNT","account":"6217001234567890122","amount":"20000.00"}]}""".formatted(id("BK"), phone);
        long warningId = json.readTree(submit("duty", yellow)
                        .andExpect(jsonPath("$.urgency").value("YELLOW"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        submit("duty", red)
                .andExpect(jsonPath("$.warningId").value(warningId))
                .andExpect(jsonPath("$.urgency").value("RED"));
        mvc.perform(get("/api/v1/warnings/{id}", warningId).header("Authorization", api.bearer("luoyang")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warning.leadCount").value(2))
                .andExpect(jsonPath("$.warning.urgency").value("RED"))
                .andExpect(jsonPath("$.warning.urgencyRule").value("transfer-to-flagged-account"))
                .andExpect(jsonPath("$.warning.amountAtRisk").value(20000))
                .andExpect(jsonPath("$.leads.length()").value(2))
                .andExpect(jsonPath("$.leads[1].signals[0].account").value("6217001234567890122"));
    }

    @Test
    void concurrentLeadsForOnePhoneOpenOneWarning() throws Exception {
        String phone = luoyangPhone();
        String token = api.bearer("duty");
        HttpClient http = HttpClient.newHttpClient();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String body = """
                    {"source":"TELECOM","sourceId":"%s","phone":"%s"}""".formatted(id("RACE" + i), phone);
            calls.add(() -> http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/leads"))
                                    .header("Authorization", token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        assertThat(Concurrently.run(calls)).containsOnly(202);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning WHERE phone = ?")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT lead_count FROM warning WHERE phone = ?")
                        .param(phone)
                        .query(Integer.class)
                        .single())
                .isEqualTo(12);
    }

    @Test
    void simultaneousSingleLeadsOfSeveralSubmittersAreFiledTogetherEachAsItsOwn() throws Exception {
        // single leads that arrive together are filed in shared transactions: each must still
        // keep its submitter, join its own phone's warning and be stored once when sent twice
        HttpClient http = HttpClient.newHttpClient();
        String[] users = {"duty", "zhengzhou"};
        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        for (String user : users) {
            tokens.put(user, api.bearer(user));
        }
        List<String> phones = new ArrayList<>();
        for (int p = 0; p < 15; p++) {
            phones.add("1370371" + String.format("%04d", 7000 + NEXT.incrementAndGet()));
        }
        String twice = id("TWICE");
        List<Callable<String>> calls = new ArrayList<>();
        List<String> submitters = new ArrayList<>();
        List<String> phoneOf = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String user = users[i % 2];
            String phone = phones.get(i < 30 ? i % 15 : 0);
            String sourceId = i < 30 ? id("GRP" + i) : twice;
            String body = """
                    {"source":"TELECOM","sourceId":"%s","phone":"%s","amountAtRisk":%d}""".formatted(sourceId, phone, 1000 + i);
            submitters.add(user);
            phoneOf.add(phone);
            calls.add(() -> {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/leads"))
                                .header("Authorization", tokens.get(user))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                return response.body();
            });
        }
        List<String> answers = Concurrently.run(calls);
        for (int i = 0; i < 30; i++) {
            var answer = json.readTree(answers.get(i));
            long warningId = answer.get("warningId").asLong();
            assertThat(jdbc.sql("SELECT phone FROM warning WHERE id = ?")
                            .param(warningId)
                            .query(String.class)
                            .single())
                    .isEqualTo(phoneOf.get(i));
            assertThat(jdbc.sql("SELECT entered_by FROM lead WHERE id = ?")
                            .param(answer.get("leadId").asLong())
                            .query(String.class)
                            .single())
                    .isEqualTo(submitters.get(i));
        }
        var first = json.readTree(answers.get(30));
        var second = json.readTree(answers.get(31));
        assertThat(second.get("leadId").asLong()).isEqualTo(first.get("leadId").asLong());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE source = 'TELECOM' AND source_id = ?")
                        .param(twice)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        for (String phone : phones) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM warning WHERE phone = ?")
                            .param(phone)
                            .query(Long.class)
                            .single())
                    .as(phone)
                    .isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT lead_count FROM warning WHERE phone = ?")
                        .param(phones.get(0))
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aBatchAnswersEachRowAndKeepsTheGoodOnes() throws Exception {
        String body = """
                [{"source":"TELECOM","sourceId":"%s","phone":"%s"},
                 {"source":"TELECOM","sourceId":"%s","phone":"12345"},
                 {"source":"MARS","sourceId":"x","phone":"%s"},
                 {"source":"TELECOM","phone":"%s"},
                 null,
                 {"source":"TELECOM","sourceId":"%s","phone":"%s","idNumber":"410105199003071230","fraudType":"ALIENS","colour":"blue"}]""".formatted(
                        id("B0"), luoyangPhone(), id("B1"), luoyangPhone(), luoyangPhone(), id("B5"), luoyangPhone());
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(4))
                .andExpect(jsonPath("$.rows[0].accepted.warningId").isNumber())
                .andExpect(jsonPath("$.rows[1].errors[0].field").value("phone"))
                .andExpect(jsonPath("$.rows[2].errors[0].field").value("source"))
                .andExpect(jsonPath("$.rows[3].errors[0].field").value("sourceId"))
                .andExpect(jsonPath("$.rows[4].errors[0].field").value("lead"))
                .andExpect(jsonPath("$.rows[5].accepted.ignored[0].field").value("idNumber"))
                .andExpect(jsonPath("$.rows[5].accepted.ignored[1].field").value("fraudType"));
    }

    @Test
    void aPartnerSpeaksOnlyForItsOwnSourcesAndReadsBackWhatBecameOfItsLeads() throws Exception {
        String created = mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"工商银行\",\"permissions\":[\"leads:submit\"],\"sources\":[\"BANK\"]}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String bank = "Bearer " + json.readTree(created).get("token").asText();
        String sourceId = id("ICBC");
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", bank)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"NATIONAL_CENTRE\",\"sourceId\":\"x1\",\"phone\":\"13937900000\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", bank)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"BANK\",\"sourceId\":\"%s\",\"phone\":\"%s\"}"
                                .formatted(sourceId, luoyangPhone())))
                .andExpect(status().isAccepted());
        mvc.perform(get("/api/v1/leads/BANK/{id}", sourceId).header("Authorization", bank))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ASSIGNED"))
                .andExpect(jsonPath("$.unitCode").value("4103"));
        mvc.perform(get("/api/v1/leads/BANK/{id}", sourceId).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/leads/BANK/{id}", sourceId).header("Authorization", api.bearer("luoyang")))
                .andExpect(status().isOk());
    }

    @Test
    void intakeIsAuditedOncePerRequest() throws Exception {
        String sourceId = id("P");
        submit(
                        "duty",
                        "{\"source\":\"POLICE\",\"sourceId\":\"%s\",\"phone\":\"%s\"}"
                                .formatted(sourceId, luoyangPhone()))
                .andExpect(status().isAccepted());
        // written with the lead, appended to the chain moments later
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> audited("POLICE/" + sourceId) >= 1);
        assertThat(audited("POLICE/" + sourceId)).isEqualTo(1);
    }

    long audited(String entityId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'INTAKE' AND entity_id = ?")
                .param(entityId)
                .query(Long.class)
                .single();
    }

    String partner(String name) throws Exception {
        String created = mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name
                                + "\",\"permissions\":[\"leads:submit\"],\"sources\":[\"BANK\"]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return "Bearer " + json.readTree(created).get("token").asText();
    }

    @Test
    void anotherPartnerReusingASourceIdFilesItsOwnLeadAndCannotReadTheFirst() throws Exception {
        String real = partner("建设银行-" + System.nanoTime());
        String other = partner("某银行-" + System.nanoTime());
        String sourceId = id("CCB");
        String otherPhone = luoyangPhone();
        String victim = luoyangPhone();
        // the other partner comes first with the same source id
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", other)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"BANK\",\"sourceId\":\"%s\",\"phone\":\"%s\"}"
                                .formatted(sourceId, otherPhone)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.duplicate").value(false));
        long redWarning = json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", real)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"source":"BANK","sourceId":"%s","phone":"%s","signals":[{"type":"TRANSFER_TO_FLAGGED_ACCOUNT",
                                         "account":"6222020000000000000","amount":30000}]}""".formatted(sourceId, victim)))
                        .andExpect(status().isAccepted())
                        .andExpect(jsonPath("$.duplicate").value(false))
                        .andExpect(jsonPath("$.urgency").value("RED"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        // each reads back its own lead under the shared source id, never the other's
        mvc.perform(get("/api/v1/leads/BANK/{id}", sourceId).header("Authorization", real))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warningId").value(redWarning));
        mvc.perform(get("/api/v1/leads/BANK/{id}", sourceId).header("Authorization", other))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warningId").value(org.hamcrest.Matchers.not((int) redWarning)));
        // and a retry by the real partner is its own duplicate
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", real)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"BANK\",\"sourceId\":\"%s\",\"phone\":\"%s\"}"
                                .formatted(sourceId, victim)))
                .andExpect(jsonPath("$.duplicate").value(true))
                .andExpect(jsonPath("$.warningId").value(redWarning));
    }

    @Test
    void leadsWithTheLongestValuesTheApiAcceptsAreStoredAndAuditedAlongsideOthers() throws Exception {
        // a source id of 100 characters from a partner whose name is as long as a name may be, among
        // other clients' leads at the same moment: every one answers 202 and has its audit record
        String longName = "银".repeat(90);
        String bank = partner(longName);
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String sourceId =
                    i == 0 ? ("L" + System.nanoTime() + "-").repeat(10).substring(0, 100) : id("SHORT" + i);
            ids.add(sourceId);
            String auth = i % 2 == 0 ? bank : api.bearer("duty");
            String source = i % 2 == 0 ? "BANK" : "POLICE";
            String body = "{\"source\":\"%s\",\"sourceId\":\"%s\",\"phone\":\"%s\"}"
                    .formatted(source, sourceId, luoyangPhone());
            calls.add(() -> http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/leads"))
                                    .header("Authorization", auth)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        assertThat(Concurrently.run(calls)).containsOnly(202);
        for (int i = 0; i < 16; i++) {
            String entityId = (i % 2 == 0 ? "BANK/" : "POLICE/") + ids.get(i);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> audited(entityId) == 1);
        }
        assertThat(jdbc.sql("SELECT actor FROM audit_record WHERE entity_id = ?")
                        .param("BANK/" + ids.get(0))
                        .query(String.class)
                        .single())
                .isEqualTo("partner:" + longName);
    }

    @Test
    void aLeadWithoutAPhoneIsRefusedFieldByField() throws Exception {
        submit("duty", "{\"source\":\"TELECOM\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sourceId"))
                .andExpect(jsonPath("$.errors[1].field").value("phone"));
    }

    @Test
    void anAuditorCannotSubmitLeads() throws Exception {
        submit("auditor", "{\"source\":\"TELECOM\",\"sourceId\":\"a\",\"phone\":\"13937900000\"}")
                .andExpect(status().isForbidden());
    }
}
