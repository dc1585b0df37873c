package org.fanzha.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class NumberSegmentApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void importedSegmentsTakePrecedenceOverTheGeocoderAndBadLinesAreReportedByNumber() throws Exception {
        String csv = """
                prefix,city
                1710000,4103
                1710001,110100
                1710002,4199
                17100x3,4101
                1710004
                1370371,4102
                """;
        mvc.perform(post("/api/v1/number-segments")
                        .header("Authorization", api.bearer("admin"))
                        .contentType("text/csv")
                        .content(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(3))
                .andExpect(jsonPath("$.rejected.length()").value(3))
                .andExpect(jsonPath("$.rejected[0].line").value(4))
                .andExpect(jsonPath("$.rejected[0].reason").value(org.hamcrest.Matchers.containsString("4199")))
                .andExpect(jsonPath("$.rejected[1].line").value(5))
                .andExpect(jsonPath("$.rejected[2].line").value(6));
        try {
            // 171 is a segment the geocoder knows only as "中国"
            mvc.perform(get("/api/v1/divisions/resolve")
                            .param("phone", "17100001111")
                            .header("Authorization", api.bearer("hotline")))
                    .andExpect(jsonPath("$.status").value("RESOLVED"))
                    .andExpect(jsonPath("$.unit.code").value("4103"))
                    .andExpect(jsonPath("$.basis").value("number segment 1710000"));
            mvc.perform(get("/api/v1/divisions/resolve")
                            .param("phone", "17100011111")
                            .header("Authorization", api.bearer("hotline")))
                    .andExpect(jsonPath("$.status").value("OUT_OF_PROVINCE"))
                    .andExpect(jsonPath("$.province").value("北京市"));
            // the table wins over the geocoder, which says 郑州 for 1370371
            mvc.perform(get("/api/v1/divisions/resolve")
                            .param("phone", "13703710000")
                            .header("Authorization", api.bearer("hotline")))
                    .andExpect(jsonPath("$.unit.code").value("4102"));
            assertThat(jdbc.sql(
                                    "SELECT COUNT(*) FROM audit_record WHERE entity = 'number-segment' AND action = 'IMPORT'")
                            .query(Long.class)
                            .single())
                    .isPositive();
        } finally {
            jdbc.sql("DELETE FROM number_segment WHERE prefix IN ('1710000', '1710001', '1370371')")
                    .update();
        }
    }

    @Test
    void reimportingASegmentReplacesItsCity() throws Exception {
        try {
            mvc.perform(post("/api/v1/number-segments")
                            .header("Authorization", api.bearer("admin"))
                            .contentType("text/csv")
                            .content("1740000,4101\n"))
                    .andExpect(jsonPath("$.imported").value(1));
            mvc.perform(post("/api/v1/number-segments")
                            .header("Authorization", api.bearer("admin"))
                            .contentType("text/csv")
                            .content("1740000,4117\n"))
                    .andExpect(jsonPath("$.imported").value(1));
            assertThat(jdbc.sql("SELECT division_code FROM number_segment WHERE prefix = '1740000'")
                            .query(String.class)
                            .single())
                    .isEqualTo("4117");
        } finally {
            jdbc.sql("DELETE FROM number_segment WHERE prefix = '1740000'").update();
        }
    }

    @Test
    void onlyAdminsImportSegments() throws Exception {
        mvc.perform(post("/api/v1/number-segments")
                        .header("Authorization", api.bearer("duty"))
                        .contentType("text/csv")
                        .content("1710000,4103\n"))
                .andExpect(status().isForbidden());
    }
}
