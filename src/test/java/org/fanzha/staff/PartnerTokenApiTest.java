package org.fanzha.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class PartnerTokenApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void aBankTokenActsForBankLeadsOnlyIsStoredHashedAndCanBeRevoked() throws Exception {
        String created = mvc.perform(
                        post("/api/v1/tokens")
                                .header("Authorization", api.bearer("admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"name\":\"建设银行河南分行\",\"permissions\":[\"leads:submit\",\"funds:respond\"],\"sources\":[\"BANK\"],\"bank\":\"CCB\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.details.permissions.length()").value(2))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var node = json.readTree(created);
        String secret = node.get("token").asText();
        long id = node.get("details").get("id").asLong();
        assertThat(secret).startsWith("fzp_");

        String stored = jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored)
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));

        mvc.perform(get("/api/v1/staff/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("PARTNER"))
                .andExpect(jsonPath("$.sources[0]").value("BANK"))
                .andExpect(jsonPath("$.sources.length()").value(1));
        mvc.perform(get("/api/v1/staff").header("Authorization", "Bearer " + secret))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/divisions/41").header("Authorization", "Bearer " + secret))
                .andExpect(status().isForbidden());

        mvc.perform(delete("/api/v1/tokens/" + id).header("Authorization", api.bearer("admin")))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/staff/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity = 'api-token' AND entity_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void staffPermissionsCannotBeGrantedToPartnersAndLeadTokensNeedSources() throws Exception {
        mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"permissions\":[\"staff:manage\",\"leads:submit\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("permissions"))
                .andExpect(jsonPath("$.errors[1].field").value("sources"));
    }

    @Test
    void onlyAdminsManageTokens() throws Exception {
        mvc.perform(get("/api/v1/tokens").header("Authorization", api.bearer("duty")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aMadeUpTokenIsRefused() throws Exception {
        mvc.perform(get("/api/v1/staff/me").header("Authorization", "Bearer fzp_madeup"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
    }
}
