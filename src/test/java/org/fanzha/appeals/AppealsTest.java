package org.fanzha.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One appeal engine for the risk list, the blocklist and freezes: the holder files without an
 * account, with evidence, and follows it by reference and token; a reviewer of the subject decides;
 * a lifted entry leaves the check and the change feed.
 */
@IntegrationTest
class AppealsTest {

    static final AtomicLong next = new AtomicLong(System.nanoTime() % 1_000_000);
    static final AtomicLong address = new AtomicLong(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    static String mobile() {
        return "138" + String.format("%08d", next.incrementAndGet() % 100_000_000L);
    }

    /** Each request from an address of its own, so that the public limit is counted where a test means it. */
    static <B extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<B>> B from(
            B b) {
        long n = address.incrementAndGet();
        return b.with(r -> {
            r.setRemoteAddr("203.0.113." + (n % 250) + "." + n);
            return r;
        });
    }

    ResultActions post(String auth, String path, String body) throws Exception {
        var b = MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (auth != null) {
            b.header("Authorization", auth.startsWith("Bearer ") ? auth : api.bearer(auth));
        }
        return mvc.perform(from(b));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    String bank() throws Exception {
        return "Bearer "
                + body(post(
                                "admin",
                                "/api/v1/tokens",
                                "{\"name\":\"bank-" + System.nanoTime()
                                        + "\",\"permissions\":[\"risk:check\"],\"sources\":[\"BANK\"]}"))
                        .get("token")
                        .asText();
    }

    /** A number a bank says its customer confirmed as fraud: on the list. */
    String listed(String bank) throws Exception {
        String phone = mobile();
        post(bank, "/api/v1/risk/feedback", """
                        {"items":[{"type":"PHONE","value":"%s","result":"CONFIRMED_FRAUD","reference":"R-%s"}]}""".formatted(phone, phone)).andExpect(status().isOk());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(level(bank, phone)).isNotEqualTo("NONE"));
        return phone;
    }

    String level(String bank, String phone) throws Exception {
        return body(post(bank, "/api/v1/risk/check", "{\"items\":[{\"type\":\"PHONE\",\"value\":\"" + phone + "\"}]}")
                        .andExpect(status().isOk()))
                .at("/results/0/level")
                .asText();
    }

    static byte[] png() throws Exception {
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aHolderAppealsWithProofAReviewerLiftsAndTheNumberLeavesTheCheckAndTheFeed() throws Exception {
        String bank = bank();
        String phone = listed(bank);
        byte[] proof = png();
        String data = java.util.Base64.getEncoder().encodeToString(proof);
        JsonNode filed = body(post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"+86 %s","appellant":"张某某","contact":"13700001111",
                         "reason":"这是我本人使用多年的号码，从未借给他人","evidence":[{"name":"../../营业厅证明.png","data":"%s"}]}""".formatted(phone, data))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reference").value(Matchers.startsWith("SS-")))
                .andExpect(jsonPath("$.value").value("+86" + phone)));
        String reference = filed.get("reference").asText();
        String token = filed.get("token").asText();
        // one open appeal per entry
        post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"%s","appellant":"张某某","contact":"13700001111","reason":"再次申诉"}""".formatted(phone)).andExpect(status().isConflict());
        // the holder follows it with the token, nobody without it
        mvc.perform(from(get("/api/v1/public/appeals/" + reference).param("token", token + "x")))
                .andExpect(status().isNotFound());
        mvc.perform(from(get("/api/v1/public/appeals/" + reference))).andExpect(status().isNotFound());
        mvc.perform(from(get("/api/v1/public/appeals/" + reference).param("token", token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andExpect(jsonPath("$.evidence").value(1));

        // a reviewer at the province sees it in the queue, the contact masked
        JsonNode queue = body(mvc.perform(get("/api/v1/appeals")
                        .param("kind", "RISK_ENTRY")
                        .param("state", "OPEN")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk()));
        JsonNode mine = null;
        for (JsonNode a : queue) {
            if (a.get("reference").asText().equals(reference)) {
                mine = a;
            }
        }
        assertThat(mine).as("the appeal in the queue").isNotNull();
        assertThat(mine.get("contact").asText()).isEqualTo("137****1111");
        long id = mine.get("id").asLong();
        // a county officer decides no risk-list appeal, an auditor none at all
        assertThat(body(mvc.perform(get("/api/v1/appeals")
                                        .param("kind", "RISK_ENTRY")
                                        .header("Authorization", api.bearer("jinshui")))
                                .andExpect(status().isOk()))
                        .findValuesAsString("reference"))
                .doesNotContain(reference);
        mvc.perform(get("/api/v1/appeals").header("Authorization", api.bearer("auditor")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        JsonNode detail = body(mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk()));
        assertThat(detail.at("/appeal/contact").asText()).isEqualTo("13700001111");
        JsonNode file = detail.at("/files/0");
        assertThat(file.get("name").asText()).isEqualTo("营业厅证明.png"); // no path
        assertThat(file.get("contentType").asText()).isEqualTo("image/png");
        byte[] downloaded = mvc.perform(get("/api/v1/appeals/" + id + "/evidence/"
                                + file.get("id").asLong())
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(downloaded).isEqualTo(proof);

        // a decision needs its grounds, and is LIFT or UPHOLD
        post("duty", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"LIFT\",\"note\":\" \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        post("duty", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"MAYBE\",\"note\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("decision"));
        long serial = body(mvc.perform(
                        get("/api/v1/risk/changes?since=0&limit=1").header("Authorization", bank)))
                .get("latest")
                .asLong();
        post("duty", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"LIFT\",\"note\":\"核实为机主本人正常使用\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("LIFTED"));
        // off the check and on the feed as NONE within the minute the issue allows (here: at once)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(level(bank, phone)).isEqualTo("NONE"));
        JsonNode changes = body(mvc.perform(get("/api/v1/risk/changes")
                .param("since", Long.toString(serial))
                .header("Authorization", bank)));
        assertThat(changes.get("changes").findValuesAsString("value")).contains("+86" + phone);
        assertThat(changes.get("changes").findValuesAsString("level")).contains("NONE");
        mvc.perform(from(get("/api/v1/public/appeals/" + reference).param("token", token)))
                .andExpect(jsonPath("$.state").value("LIFTED"))
                .andExpect(jsonPath("$.decisionNote").value("核实为机主本人正常使用"));
        post("duty", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"UPHOLD\",\"note\":\"再议\"}")
                .andExpect(status().isConflict());
        // the entry's history says so
        JsonNode entry = body(mvc.perform(
                get("/api/v1/risk/entries").param("value", phone).header("Authorization", api.bearer("duty"))));
        JsonNode history = body(mvc.perform(
                        get("/api/v1/risk/entries/" + entry.get(0).get("id").asLong())
                                .header("Authorization", api.bearer("duty"))))
                .get("history");
        assertThat(history.findValuesAsString("kind")).contains("APPEALED", "REVIEWED");
    }

    @Test
    void badFilingsAreRefusedFieldByFieldAndStoreNothing() throws Exception {
        String bank = bank();
        String phone = listed(bank);
        // every missing field at once
        post(null, "/api/v1/public/appeals", "{\"type\":\"FAX\",\"value\":\"\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(Matchers.containsInAnyOrder("type", "value", "appellant", "contact", "reason")));
        // a value that is no number, and one that is listed nowhere
        post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"12","appellant":"a","contact":"b","reason":"c"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"%s","appellant":"a","contact":"b","reason":"c"}""".formatted(mobile()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        // files: not base64; a text file named .png; too many; too large
        post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"%s","appellant":"a","contact":"b","reason":"c","evidence":[{"name":"x.png","data":"@@@"}]}""".formatted(phone))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[0].data"));
        MockMultipartFile fake =
                new MockMultipartFile("evidence", "证明.png", "image/png", "<script>alert(1)</script>".getBytes());
        mvc.perform(from(multipart("/api/v1/public/appeals")
                        .file(fake)
                        .param("type", "PHONE")
                        .param("value", phone)
                        .param("appellant", "张某")
                        .param("contact", "13700002222")
                        .param("reason", "号码是我的")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[0]"));
        byte[] png = png();
        var six = multipart("/api/v1/public/appeals");
        for (int i = 0; i < 6; i++) {
            six.file(new MockMultipartFile("evidence", i + ".png", "image/png", png));
        }
        mvc.perform(from(six.param("type", "PHONE")
                        .param("value", phone)
                        .param("appellant", "张某")
                        .param("contact", "13700002222")
                        .param("reason", "号码是我的")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence"));
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(png, 0, big, 0, png.length);
        mvc.perform(from(multipart("/api/v1/public/appeals")
                        .file(new MockMultipartFile("evidence", "big.png", "image/png", big))
                        .param("type", "PHONE")
                        .param("value", phone)
                        .param("appellant", "张某")
                        .param("contact", "13700002222")
                        .param("reason", "号码是我的")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidence[0]"));
        // a malformed body, and an oversized reason
        post(null, "/api/v1/public/appeals", "{\"type\":").andExpect(status().isBadRequest());
        post(null, "/api/v1/public/appeals", """
                        {"type":"PHONE","value":"%s","appellant":"a","contact":"b","reason":"%s"}""".formatted(phone, "长".repeat(4001)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        // none of it was stored: the holder can still file, once
        mvc.perform(from(multipart("/api/v1/public/appeals")
                        .file(new MockMultipartFile("evidence", "ok.png", "image/png", png))
                        .param("type", "PHONE")
                        .param("value", phone)
                        .param("appellant", "张某")
                        .param("contact", "13700002222")
                        .param("reason", "号码是我的")))
                .andExpect(status().isCreated());
        // staff filters are checked too
        mvc.perform(get("/api/v1/appeals").param("kind", "CAR").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        mvc.perform(get("/api/v1/appeals").param("state", "<b>").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/appeals")).andExpect(status().isUnauthorized());
    }

    @Test
    void theHolderOfAFrozenAccountAppealsWithTheNoticeNumberAndTheFreezingUnitReleasesIt() throws Exception {
        String account = "6217" + String.format("%015d", System.nanoTime() % 1_000_000_000_000_000L);
        long caseId = body(post("jinshui", "/api/v1/cases", """
                        {"fraudType":"ORDER_BRUSHING","lossAmount":"3000.00","occurredAt":"2021-06-01T20:15:00+08:00","unitCode":"410105"}""").andExpect(status().isCreated()))
                .get("id")
                .asLong();
        long freeze = body(post("jinshui", "/api/v1/funds/freezes", """
                        {"caseId":%d,"account":"%s","bank":"CCB","amount":"3000","documentNumber":"冻财字〔2026〕71号","approvingOfficer":"王局长"}""".formatted(caseId, account))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
        post(
                        "Bearer demo-bank-token",
                        "/api/v1/funds/requests/" + freeze + "/response",
                        "{\"result\":\"FROZEN\",\"heldAmount\":\"3000\"}")
                .andExpect(status().isOk());
        // the account alone finds nothing: nobody learns of a freeze on someone else's account
        post(null, "/api/v1/public/appeals", """
                        {"type":"FROZEN_ACCOUNT","value":"%s","appellant":"李某","contact":"13700003333","reason":"工资卡"}""".formatted(account))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("proof"));
        post(null, "/api/v1/public/appeals", """
                        {"type":"FROZEN_ACCOUNT","value":"%s","proof":"冻财字〔2026〕1号","appellant":"李某","contact":"13700003333","reason":"工资卡"}""".formatted(account))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        String reference = body(post(null, "/api/v1/public/appeals", """
                                {"type":"FROZEN_ACCOUNT","value":"%s","proof":"冻财字〔2026〕71号","appellant":"李某","contact":"13700003333","reason":"这是我的工资卡，收到的是工资"}""".formatted(account))
                        .andExpect(status().isCreated()))
                .get("reference")
                .asText();
        // decided by the police of the freezing unit's jurisdiction, not another county's
        JsonNode luoyang = body(mvc.perform(
                get("/api/v1/appeals").param("kind", "FREEZE").header("Authorization", api.bearer("luoyang"))));
        assertThat(luoyang.findValuesAsString("reference")).doesNotContain(reference);
        JsonNode jinshui = body(mvc.perform(
                        get("/api/v1/appeals").param("kind", "FREEZE").header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk()));
        long id = -1;
        for (JsonNode a : jinshui) {
            if (a.get("reference").asText().equals(reference)) {
                id = a.get("id").asLong();
            }
        }
        assertThat(id).isPositive();
        post("luoyang", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"LIFT\",\"note\":\"x\"}")
                .andExpect(status().isNotFound());
        post("jinshui", "/api/v1/appeals/" + id + "/decision", "{\"decision\":\"LIFT\",\"note\":\"核实为工资收入，解除冻结\"}")
                .andExpect(status().isOk());
        JsonNode request = body(
                mvc.perform(get("/api/v1/funds/requests/" + freeze).header("Authorization", api.bearer("jinshui"))));
        assertThat(request.get("state").asText()).isEqualTo("RELEASED");
        assertThat(request.get("events").findValuesAsString("kind")).contains("APPEALED", "RELEASED");
    }

    @Test
    void thePublicMayFileOnlySoOftenFromOneAddress() throws Exception {
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status = mvc.perform(MockMvcRequestBuilders.post("/api/v1/public/appeals")
                            .with(r -> {
                                r.setRemoteAddr("198.51.100.77");
                                return r;
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{}"))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(400);
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(10);
    }
}
