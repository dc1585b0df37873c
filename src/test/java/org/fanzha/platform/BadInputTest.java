package org.fanzha.platform;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Hostile and broken requests get a clear 4xx problem detail, never a 500 or a stack trace. */
@IntegrationTest
class BadInputTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Test
    void malformedJsonIsA400ThatSaysSo() throws Exception {
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"x\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:malformed-json"))
                .andExpect(content().string(not(containsString("at org."))));
    }

    @Test
    void anUnknownFieldIsNamed() throws Exception {
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"a\",\"password\":\"b\",\"isAdmin\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("isAdmin")));
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        mvc.perform(
                        post("/api/v1/staff")
                                .header("Authorization", api.bearer("admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"username\":\"abc\",\"displayName\":\"x\",\"unitCode\":\"41\",\"roles\":[\"KING\"],\"password\":\"0123456789ab\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("roles[0]"));
    }

    @Test
    void aWrongContentTypeIs415() throws Exception {
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.TEXT_PLAIN).content("username=a"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String huge = "{\"username\":\"" + "a".repeat(1_100_000) + "\",\"password\":\"b\"}";
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:fanzha:problem:payload-too-large"));
    }

    @Test
    void aWrongMethodIs405() throws Exception {
        mvc.perform(delete("/api/v1/divisions/41").header("Authorization", api.bearer("duty")))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void injectionAttemptsAreJustText() throws Exception {
        mvc.perform(get("/api/v1/divisions")
                        .param("q", "'; DROP TABLE division; --")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/staff").param("q", "%' OR '1'='1").header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/divisions/41").header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$.childCount").value(18));
    }

    @Test
    void aNonNumericPathIdIs400() throws Exception {
        mvc.perform(get("/api/v1/staff/{id}", "1 OR 1=1").header("Authorization", api.bearer("admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void aUrlTheFirewallRejectsIsStillAProblem() throws Exception {
        mvc.perform(get("/api/v1/divisions/41%2F..%2F..").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anOverlongSearchIs400() throws Exception {
        mvc.perform(get("/api/v1/divisions").param("q", "区".repeat(60)).header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    static final String BROKEN_CSV = "a,b,c\n\"unterminated,1,2\n3,4,5\n";

    /** A file named .xlsx that is a zip of nothing an .xlsx holds, and one that is no zip at all. */
    static byte[] notAWorkbook() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.write("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void brokenCsvAndMalformedWorkbooksAre400Everywhere() throws Exception {
        for (String path : new String[] {"/api/v1/cases/imports", "/api/v1/funds/statements"}) {
            for (var file : new org.springframework.mock.web.MockMultipartFile[] {
                new org.springframework.mock.web.MockMultipartFile(
                        "file", "broken.csv", "text/csv", BROKEN_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new org.springframework.mock.web.MockMultipartFile(
                        "file", "hostile.xlsx", "application/octet-stream", notAWorkbook()),
                new org.springframework.mock.web.MockMultipartFile(
                        "file", "garbage.xlsx", "application/octet-stream", "not a zip".getBytes())
            }) {
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(path)
                                .file(file)
                                .header("Authorization", api.bearer("zhengzhou")))
                        .andExpect(status().is4xxClientError())
                        .andExpect(content().string(not(containsString("root:"))));
            }
        }
        mvc.perform(post("/api/v1/blocklist/imports")
                        .param("format", "csv")
                        .header("Authorization", api.bearer("duty"))
                        .contentType("text/csv")
                        .content(BROKEN_CSV))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void nulInJsonTextOrAParameterIsRefusedFieldByField() throws Exception {
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"POLICE\",\"sourceId\":\"nul\\u0000id\",\"phone\":\"13937900000\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sourceId"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("NUL")));
        mvc.perform(get("/api/v1/cases").param("q", "a\u0000b").header("Authorization", api.bearer("duty")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    @Test
    void theErrorPathWithoutSignInIsA404() throws Exception {
        mvc.perform(get("/error")).andExpect(status().isNotFound());
    }
}
