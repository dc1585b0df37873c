package org.fanzha.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class HotlineTest {

    static int next = 100;

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void emptyTheQueue() {
        jdbc.sql("UPDATE hotline_task SET state = 'CANCELLED', open_key = NULL WHERE state IN ('OPEN', 'TAKEN')")
                .update();
    }

    long warning(String extra) throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"HL-%d","phone":"1370371%04d","divisionCode":"410105"%s}""".formatted(System.nanoTime(), 8000 + next++, extra);
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    String taskState(long warning, String kind) {
        return jdbc
                .sql("SELECT state FROM hotline_task WHERE warning_id = ? AND kind = ? ORDER BY id DESC")
                .params(warning, kind)
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .orElse("NONE");
    }

    ResultActions hotline(String path, String body) throws Exception {
        return mvc.perform(post("/api/v1/hotline" + path)
                .header("Authorization", api.bearer("hotline"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    static final String RED =
            ",\"fraudType\":\"IMPERSONATE_POLICE\",\"signals\":[{\"type\":\"ACTIVE_CALL_WITH_FRAUD_NUMBER\"}]";

    @Test
    void aRedWarningGetsACallTaskTheOperatorTakesWithTheNumberAndTheScript() throws Exception {
        long w = warning(RED);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("OPEN"));
        long viewsBefore = jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'VIEW' AND entity_id = ?")
                .param(Long.toString(w))
                .query(Long.class)
                .single();
        hotline("/tasks/next", "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warning.id").value(w))
                .andExpect(jsonPath("$.kind").value("CALL"))
                .andExpect(jsonPath("$.state").value("TAKEN"))
                .andExpect(jsonPath("$.phone").value(org.hamcrest.Matchers.matchesPattern("1370371\\d{4}")))
                .andExpect(jsonPath("$.script").value(org.hamcrest.Matchers.containsString("公检法")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'VIEW' AND entity_id = ?")
                        .param(Long.toString(w))
                        .query(Long.class)
                        .single())
                .isEqualTo(viewsBefore + 1);
        // the same operator asking again gets the task in hand; the queue is otherwise empty
        hotline("/tasks/next", "").andExpect(jsonPath("$.warning.id").value(w));
    }

    @Test
    void redWarningsFromABatchGetTheirCallTasksToo() throws Exception {
        String batch = """
                [{"source":"TELECOM","sourceId":"HB-%1$d-1","phone":"13703719201","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER"}]},
                 {"source":"TELECOM","sourceId":"HB-%1$d-2","phone":"13703719202","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER"}]},
                 {"source":"TELECOM","sourceId":"HB-%1$d-3","phone":"13703719203"}]""".formatted(System.nanoTime());
        var rows = json.readTree(mvc.perform(post("/api/v1/leads/batch")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(batch))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("rows");
        long a = rows.get(0).get("accepted").get("warningId").asLong();
        long b = rows.get(1).get("accepted").get("warningId").asLong();
        long c = rows.get(2).get("accepted").get("warningId").asLong();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> taskState(a, "CALL").equals("OPEN")
                        && taskState(b, "CALL").equals("OPEN"));
        assertThat(taskState(c, "CALL")).isEqualTo("NONE");
    }

    @Test
    void aYellowWarningGetsNoCallTask() throws Exception {
        long w = warning("");
        // once every event publication is processed, the planner has seen this warning's opening
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                                .query(Long.class)
                                .single()
                        == 0);
        hotline("/tasks/next", "").andExpect(status().isNoContent());
        assertThat(taskState(w, "CALL")).isEqualTo("NONE");
    }

    @Test
    void twoOperatorsNeverGetTheSameTask() throws Exception {
        mvc.perform(
                post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"username\":\"hotline2\",\"displayName\":\"坐席二\",\"unitCode\":\"41\",\"roles\":[\"HOTLINE\"],\"password\":\"second-seat-pass\"}"));
        long a = warning(RED);
        long b = warning(RED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> taskState(a, "CALL").equals("OPEN")
                        && taskState(b, "CALL").equals("OPEN"));
        long first = json.readTree(
                        hotline("/tasks/next", "").andReturn().getResponse().getContentAsString())
                .get("warning")
                .get("id")
                .asLong();
        String other = "Bearer " + api.signIn("hotline2", "second-seat-pass");
        long second = json.readTree(
                        mvc.perform(post("/api/v1/hotline/tasks/next").header("Authorization", other))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                .get("warning")
                .get("id")
                .asLong();
        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Set.of(first, second)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void callsThatReachNobodyBecomeAVisitWhoseProofIsRecorded() throws Exception {
        long w = warning(RED);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("OPEN"));
        for (int i = 0; i < 3; i++) {
            jdbc.sql("UPDATE hotline_task SET due_at = due_at - INTERVAL '1' HOUR WHERE warning_id = ?")
                    .param(w)
                    .update();
            long task = json.readTree(
                            hotline("/tasks/next", "").andReturn().getResponse().getContentAsString())
                    .get("id")
                    .asLong();
            hotline("/tasks/" + task + "/attempts", "{\"result\":\"NO_ANSWER\"}")
                    .andExpect(status().isOk());
        }
        assertThat(taskState(w, "CALL")).isEqualTo("DONE");
        assertThat(taskState(w, "VISIT")).isEqualTo("OPEN");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'CONTACT' AND method = 'PHONE'")
                        .param(w)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        long visit = jdbc.sql("SELECT id FROM hotline_task WHERE warning_id = ? AND kind = 'VISIT'")
                .param(w)
                .query(Long.class)
                .single();
        mvc.perform(get("/api/v1/hotline/visits").header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$[?(@.id == " + visit + ")].kind").value("VISIT"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        mvc.perform(multipart("/api/v1/hotline/tasks/{id}/visit", visit)
                        .file(new MockMultipartFile("photo", "door.png", "image/png", png))
                        .param("visitedAt", OffsetDateTime.now().toString())
                        .param("latitude", "34.7466")
                        .param("longitude", "113.6253")
                        .param("bodyCameraRef", "BC-410105-0001")
                        .param("note", "上门见到本人，已劝阻")
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.result").value("VISITED"))
                .andExpect(jsonPath("$.bodyCameraRef").value("BC-410105-0001"))
                .andExpect(jsonPath("$.latitude").value(34.7466))
                .andExpect(jsonPath("$.photos.length()").value(1))
                .andExpect(jsonPath("$.photos[0].contentType").value("image/png"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'VISIT' AND entity_id = ?")
                        .param(Long.toString(visit))
                        .query(Long.class)
                        .single())
                .as("the visit proof is audited")
                .isEqualTo(1);
        long photo = jdbc.sql("SELECT id FROM visit_photo WHERE task_id = ?")
                .param(visit)
                .query(Long.class)
                .single();

        // the proof can be seen, by those whose jurisdiction covers it, and each view is audited
        long viewsBefore = photoViews(photo);
        mvc.perform(get("/api/v1/hotline/photos/{id}", photo).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(content().bytes(png));
        assertThat(photoViews(photo)).isEqualTo(viewsBefore + 1);
        mvc.perform(get("/api/v1/hotline/photos/{id}", photo).header("Authorization", api.bearer("luoyang")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/hotline/photos/{id}", Long.MAX_VALUE).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        assertThat(photoViews(photo)).isEqualTo(viewsBefore + 1);
        var session = api.session("jinshui");
        mvc.perform(get("/hotline/tasks/{id}", visit).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("BC-410105-0001")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/hotline/photos/" + photo)));
        mvc.perform(get("/hotline/photos/{id}", photo).session(session))
                .andExpect(status().isOk())
                .andExpect(content().bytes(png));
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM warning_event WHERE warning_id = ? AND kind = 'CONTACT' AND method = 'VISIT' AND result = 'MET'")
                        .param(w)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    long photoViews(long photo) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM audit_record WHERE action = 'VIEW' AND entity = 'visit_photo' AND entity_id = ?")
                .param(Long.toString(photo))
                .query(Long.class)
                .single();
    }

    @Test
    void aVisitPhotoMustBeAnImage() throws Exception {
        long w = warning(",\"amountAtRisk\":100");
        api.warningAction("jinshui", w, "acknowledge", "{}");
        api.warningAction("jinshui", w, "close", "{\"outcome\":\"PERSISTS\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "VISIT").equals("OPEN"));
        long visit = jdbc.sql("SELECT id FROM hotline_task WHERE warning_id = ? AND kind = 'VISIT'")
                .param(w)
                .query(Long.class)
                .single();
        mvc.perform(multipart("/api/v1/hotline/tasks/{id}/visit", visit)
                        .file(new MockMultipartFile(
                                "photo", "x.png", "image/png", "<script>alert(1)</script>".getBytes()))
                        .param("visitedAt", OffsetDateTime.now().toString())
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("photo"));
    }

    @Test
    void aDissuasionOnTheCallClosesTheWarningAndPlansTheFollowUp() throws Exception {
        long w = warning(RED);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("OPEN"));
        long task = json.readTree(
                        hotline("/tasks/next", "").andReturn().getResponse().getContentAsString())
                .get("id")
                .asLong();
        hotline("/tasks/" + task + "/attempts", "{\"result\":\"ANSWERED\",\"note\":\"当事人在银行柜台\"}")
                .andExpect(jsonPath("$.state").value("TAKEN"));
        hotline("/tasks/" + task + "/finish", "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("outcome"));
        hotline("/tasks/" + task + "/finish", "{\"outcome\":\"DISSUADED\",\"note\":\"已劝阻\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("DISSUADED"));
        assertThat(jdbc.sql("SELECT outcome FROM warning WHERE id = ?")
                        .param(w)
                        .query(String.class)
                        .single())
                .isEqualTo("DISSUADED");
        // the follow-ups (回访) at days 3, 14 and 30 are scheduled; none is due yet
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("SELECT COUNT(*) FROM contact_follow_up WHERE warning_id = ? AND state = 'PENDING'")
                                        .param(w)
                                        .query(Long.class)
                                        .single()
                                == 3);
        assertThat(jdbc.sql(
                                "SELECT MIN(due_at) > CURRENT_TIMESTAMP + INTERVAL '2' DAY FROM contact_follow_up WHERE warning_id = ?")
                        .param(w)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(taskState(w, "FOLLOW_UP")).isEqualTo("NONE");
    }

    @Test
    void aCallTaskWhoseWarningClosedFirstReachesNoOperator() throws Exception {
        long w = warning(RED);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("OPEN"));
        api.warningAction("duty", w, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("duty", w, "close", "{\"outcome\":\"NOT_AT_RISK\"}").andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("CANCELLED"));
        // the plan's hand-over lost the race with the close: a call task opened after it
        jdbc.sql("""
                        INSERT INTO hotline_task (warning_id, kind, unit_code, urgency, due_at, state, failed_attempts, created_at, open_key)
                        VALUES (?, 'CALL', '410105', 'RED', ?, 'OPEN', 0, ?, ?)""")
                .params(
                        w,
                        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)),
                        java.sql.Timestamp.from(java.time.Instant.now()),
                        w + ":CALL")
                .update();
        var taken = hotline("/tasks/next", "").andReturn().getResponse();
        if (taken.getStatus() == 200) {
            assertThat(json.readTree(taken.getContentAsString())
                            .at("/warning/id")
                            .asLong())
                    .isNotEqualTo(w);
            long id = json.readTree(taken.getContentAsString()).get("id").asLong();
            hotline("/tasks/" + id + "/release", "").andExpect(status().isOk());
        }
        assertThat(jdbc.sql(
                                "SELECT state || ' ' || result FROM hotline_task WHERE warning_id = ? AND kind = 'CALL' ORDER BY id DESC")
                        .param(w)
                        .query(String.class)
                        .list()
                        .get(0))
                .isEqualTo("CANCELLED WARNING_CLOSED");
    }

    @Test
    void onlyTheOperatorHoldingATaskWorksIt() throws Exception {
        long w = warning(RED);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState(w, "CALL").equals("OPEN"));
        long task = jdbc.sql("SELECT id FROM hotline_task WHERE warning_id = ? AND kind = 'CALL'")
                .param(w)
                .query(Long.class)
                .single();
        hotline("/tasks/" + task + "/attempts", "{\"result\":\"NO_ANSWER\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:not-your-task"));
        mvc.perform(post("/api/v1/hotline/tasks/next").header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isForbidden());
    }
}
