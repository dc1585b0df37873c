package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LeadUploadTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCsvOfLeadsIsAnsweredLineByLineAndTheGoodLinesAreKept() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .param("username", "zhengzhou")
                        .param("password", "fanzha-demo")
                        .with(csrf()))
                .andExpect(redirectedUrl("/"));
        String run = Long.toString(System.nanoTime());
        String csv = """
                source,sourceId,phone,fraudType,signals,amountAtRisk,divisionCode
                HOTLINE_REPORT,UP-%1$s-1,13703717701,ROMANCE,ACTIVE_CALL_WITH_FRAUD_NUMBER,20000,410105
                HOTLINE_REPORT,UP-%1$s-2,not-a-phone,ROMANCE,,,
                POLICE,UP-%1$s-3,13703717703,,,,
                """.formatted(run);
        mvc.perform(multipart("/leads/upload")
                        .file(new MockMultipartFile(
                                "file", "leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("电话：不是电话号码")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE source_id LIKE ?")
                        .param("UP-" + run + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT urgency FROM lead WHERE source_id = ?")
                        .param("UP-" + run + "-1")
                        .query(String.class)
                        .single())
                .isEqualTo("RED");
    }
}
