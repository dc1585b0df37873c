package org.fanzha.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fanzha.performance.internal.Bulletins;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class BulletinTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    Bulletins bulletins;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    MvcResult fetch(String user, String name) throws Exception {
        return mvc.perform(get("/api/v1/performance/bulletins/" + name).header("Authorization", api.bearer(user)))
                .andExpect(status().isOk())
                .andReturn();
    }

    @Test
    void thePdfPrintsRankArrowsAndLatinWithEmbeddedFonts() throws Exception {
        byte[] pdf = bulletins.pdf("""
                <html><head><style>body { font-family: FanzhaLatin, FanzhaCJK, sans-serif; }</style></head>
                <body><p>郑州市 ↑4 · 洛阳市 ↓14 — 72.9 %</p></body></html>""");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("郑州市", "↑4", "↓14", "72.9 %");
            java.util.Set<String> embedded = new java.util.HashSet<>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                if (font.isEmbedded()) {
                    embedded.add(font.getName().replaceAll("^[A-Z]{6}\\+", ""));
                }
            }
            assertThat(embedded).anyMatch(n -> n.contains("DejaVuSans")).anyMatch(n -> n.contains("DroidSansFallback"));
        }
    }

    @Test
    void aWeeklyBulletinIsIssuedAsHtmlA4PdfWithTheChineseFontAndXlsxAndStaysAsIssued() throws Exception {
        String week = "2014-W10";
        String draft = fetch("duty", week).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(draft).contains("每周战果通报", "草稿");

        mvc.perform(post("/api/v1/performance/bulletins/" + week + "/issue")
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/performance/bulletins/" + week + "/issue")
                        .header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_record WHERE action = 'ISSUE' AND entity = 'bulletin' AND entity_id = ?",
                        Long.class,
                        week))
                .as("issuing is audited")
                .isEqualTo(1);

        MvcResult html = fetch("zhengzhou", week);
        assertThat(html.getResponse().getHeader("Fanzha-Bulletin")).startsWith("issued ");
        assertThat(html.getResponse().getContentType()).startsWith("text/html");
        String page = html.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("每周战果通报（2014-W10）", "2014-03-03", "2014-03-09", "郑州市", "济源市", "考评方案", "已于");
        assertThat(page).doesNotContain("<script");

        byte[] pdf = fetch("duty", week + ".pdf").getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle size = doc.getPage(0).getMediaBox();
            assertThat(Math.round(size.getWidth())).isEqualTo(Math.round(PDRectangle.A4.getWidth()));
            assertThat(Math.round(size.getHeight())).isEqualTo(Math.round(PDRectangle.A4.getHeight()));
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("每周战果通报", "郑州市", "驻马店市", "综合得分");
            boolean embedded = false;
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                if (font.getName().contains("DroidSansFallback")) {
                    embedded |= font.isEmbedded();
                }
            }
            assertThat(embedded).as("the CJK font is embedded").isTrue();
        }

        byte[] xlsx = fetch("duty", week + ".xlsx").getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(wb.getSheetAt(1).getLastRowNum()).isEqualTo(18); // header + 18 city-level units
            assertThat(wb.getSheetAt(2).getRow(0).getCell(2).getStringCellValue())
                    .isEqualTo("接收预警");
        }

        // an adjustment in that week changes a draft, not what was issued
        mvc.perform(post("/api/v1/performance/adjustments")
                        .header("Authorization", api.bearer("duty"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"unitCode":"4117","effectiveOn":"2014-03-05","points":"-3","reason":"发生重大案件","evidence":"豫公反〔2014〕3号"}"""))
                .andExpect(status().isCreated());
        assertThat(fetch("duty", week).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(page);
        assertThat(bulletins.content(org.fanzha.performance.Period.parse(week)).ranking().rows().stream()
                        .filter(r -> r.unitCode().equals("4117"))
                        .findFirst()
                        .orElseThrow()
                        .adjustments())
                .isEqualByComparingTo("-3");
    }

    @Test
    void theMonthlyReviewPackAndBadNames() throws Exception {
        MvcResult month = fetch("duty", "2014-02");
        assertThat(month.getResponse().getHeader("Fanzha-Bulletin")).isEqualTo("draft");
        assertThat(month.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("月度考评通报（2014-02）");
        for (String bad :
                new String[] {"2014-02-01", "2014-W60", "2014-W10.doc", "2014", "..%2F..%2Fetc", "x".repeat(80) + ".pdf"
                }) {
            mvc.perform(get("/api/v1/performance/bulletins/" + bad).header("Authorization", api.bearer("duty")))
                    .andExpect(status().is4xxClientError());
        }
        mvc.perform(get("/api/v1/performance/bulletins/2014-W10").header("Authorization", api.bearer("hotline")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theScheduleIssuesLastWeeksBulletin() throws Exception {
        var method = Bulletins.class.getDeclaredMethod("weekly");
        method.setAccessible(true);
        method.invoke(bulletins);
        String lastWeek = org.fanzha.performance.Period.weekOf(
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                .minusWeeks(1))
                .label();
        assertThat(bulletins.list()).anyMatch(b -> b.period().equals(lastWeek));
        mvc.perform(get("/api/v1/performance/bulletins").header("Authorization", api.bearer("analyst")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("json")));
    }
}
