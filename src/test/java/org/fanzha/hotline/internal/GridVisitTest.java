package org.fanzha.hotline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** 一村一警: officers and grid members assigned by page and roster; a visit goes to the village's officer, up when overdue. */
@IntegrationTest
class GridVisitTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    VisitRouting routing;

    void officerAccount(String username, String unit, String phone) throws Exception {
        mvc.perform(post("/api/v1/staff")
                        .header("Authorization", api.bearer("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"%s","displayName":"%s民警","unitCode":"%s","roles":["OFFICER"],"phone":"%s","password":"grid-visit-pass-99"}""".formatted(username, username, unit, phone)))
                .andExpect(status().isCreated());
    }

    MvcResult form(MockHttpSession session, String path, String... params) throws Exception {
        var request = post(path).session(session).with(csrf());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
    }

    Document page(MockHttpSession session, String unit, MvcResult after) throws Exception {
        var request = get("/admin/grid").param("unit", unit).session(session);
        if (after != null) {
            request = request.flashAttrs(after.getFlashMap());
        }
        return Jsoup.parse(mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void officersAndGridMembersAreAssignedByPageAndRosterAndBadRowsAreNamed() throws Exception {
        officerAccount("huayuan-village", "410105002", "13803710101");
        officerAccount("huayuan-station", "410105002", "13803710102");
        var admin = api.session("admin");

        form(
                admin,
                "/admin/grid/officer",
                "unit",
                "410105002",
                "divisionCode",
                "410105002001",
                "officer",
                "huayuan-village");
        form(
                admin,
                "/admin/grid/officer",
                "unit",
                "410105002",
                "divisionCode",
                "410105002",
                "officer",
                "huayuan-station");
        Document shown = page(
                admin,
                "410105002",
                form(
                        admin,
                        "/admin/grid/members",
                        "unit",
                        "410105002",
                        "divisionCode",
                        "410105002001",
                        "memberName",
                        "张网格",
                        "memberPhone",
                        "139 0371 0201"));
        assertThat(shown.select("#saved").text()).contains("410105002001");
        assertThat(shown.select("#post-410105002001").text())
                .contains("huayuan-village", "张网格", "139****0201")
                .doesNotContain("13903710201");
        assertThat(shown.select("#post-410105002").text()).contains("huayuan-station");
        assertThat(shown.select("#posts tr[id^=post-]").size()).isGreaterThan(5);

        // a county is no village, a commander of another city is no officer here, an unknown code is unknown
        Document refused = page(
                admin,
                "410105002",
                form(
                        admin,
                        "/admin/grid/officer",
                        "unit",
                        "410105002",
                        "divisionCode",
                        "410105",
                        "officer",
                        "luoyang"));
        assertThat(refused.select("#errors").text()).contains("410105", "luoyang");
        assertThat(page(
                                admin,
                                "410105002",
                                form(
                                        admin,
                                        "/admin/grid/officer",
                                        "divisionCode",
                                        "999999999999",
                                        "officer",
                                        "huayuan-village"))
                        .select("#errors")
                        .text())
                .contains("999999999999");
        assertThat(page(
                                admin,
                                "410105002",
                                form(
                                        admin,
                                        "/admin/grid/members",
                                        "divisionCode",
                                        "410105002003",
                                        "memberName",
                                        "王",
                                        "memberPhone",
                                        "0371-66666666"))
                        .select("#errors")
                        .text())
                .isNotBlank();

        // the roster: a numeric code cell stays the code; a county row and an empty row are refused by line
        var book = new XSSFWorkbook();
        var sheet = book.createSheet("名册");
        var header = sheet.createRow(0);
        String[] columns = {"区划代码", "社区民警", "网格员", "网格员手机"};
        for (int i = 0; i < columns.length; i++) {
            header.createCell(i).setCellValue(columns[i]);
        }
        var r1 = sheet.createRow(1);
        r1.createCell(0).setCellValue(410105002003d);
        r1.createCell(1).setCellValue("huayuan-village");
        r1.createCell(2).setCellValue("李网格");
        r1.createCell(3).setCellValue("13903710202");
        var r2 = sheet.createRow(2);
        r2.createCell(0).setCellValue("410105");
        r2.createCell(1).setCellValue("huayuan-village");
        var r3 = sheet.createRow(3);
        r3.createCell(0).setCellValue("410105002004");
        var r4 = sheet.createRow(4);
        r4.createCell(0).setCellValue("410105002004");
        r4.createCell(2).setCellValue("赵网格");
        r4.createCell(3).setCellValue("13903710203");
        var bytes = new ByteArrayOutputStream();
        book.write(bytes);
        book.close();
        MvcResult imported = mvc.perform(multipart("/admin/grid/import")
                        .file(new MockMultipartFile("file", "名册.xlsx", "application/octet-stream", bytes.toByteArray()))
                        .param("unit", "410105002")
                        .session(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        Document report = page(admin, "410105002", imported);
        assertThat(report.select("#import-report p").text()).contains("2");
        assertThat(report.select("#import-report li").eachText())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("3"))
                .anySatisfy(line -> assertThat(line).contains("4"));
        assertThat(report.select("#post-410105002003").text()).contains("huayuan-village", "李网格");
        assertThat(report.select("#post-410105002004").text()).contains("赵网格");
        // a file that is no workbook is refused as such
        MvcResult junk = mvc.perform(multipart("/admin/grid/import")
                        .file(new MockMultipartFile(
                                "file", "x.xlsx", "application/octet-stream", "PK\u0003\u0004junk".getBytes()))
                        .session(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(page(admin, "410105002", junk).select("#problem").text()).contains(".xlsx");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_record WHERE entity IN ('grid-officer', 'grid-member') AND entity_id LIKE '410105002%'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(6);

        // a commander elsewhere does not see Zhengzhou's grid; an officer has no grid page
        mvc.perform(get("/admin/grid").param("unit", "410105002").session(api.session("luoyang")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/grid").session(api.session("jinshui"))).andExpect(status().isForbidden());
    }

    long redWarningAt(String division, String phone) throws Exception {
        String body = """
                {"source":"NATIONAL_CENTRE","sourceId":"GRID-%d","phone":"%s","divisionCode":"%s","amountAtRisk":80000}""".formatted(System.nanoTime(), phone, division);
        return json.readTree(mvc.perform(post("/api/v1/leads")
                                .header("Authorization", api.bearer("duty"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
    }

    String visit(long warning) {
        return jdbc.sql("""
                        SELECT COALESCE(assigned_to, '-') || ' ' || COALESCE(route_division, '-') FROM hotline_task
                        WHERE warning_id = ? AND kind = 'VISIT' AND state = 'OPEN'""").param(warning).query(String.class).optional().orElse("none");
    }

    List<String> texts(String phone) {
        return jdbc.sql("SELECT body FROM sms_message WHERE recipient = ? AND purpose = 'STAFF' ORDER BY id")
                .param(phone)
                .query(String.class)
                .list();
    }

    void persists(long warning) throws Exception {
        api.warningAction("duty", warning, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("duty", warning, "close", "{\"outcome\":\"PERSISTS\",\"note\":\"坚持要转账\"}")
                .andExpect(status().isOk());
    }

    @Test
    void aVisitGoesToTheVillagesOfficerWhoIsTextedAndGoesUpALevelWhenNotMadeInTime() throws Exception {
        officerAccount("renmin-village", "410105003", "13803710111");
        officerAccount("renmin-station", "410105003", "13803710112");
        var admin = api.session("admin");
        form(admin, "/admin/grid/officer", "divisionCode", "410105003001", "officer", "renmin-village");
        form(admin, "/admin/grid/officer", "divisionCode", "410105003", "officer", "renmin-station");

        long w = redWarningAt("410105003001", "13903710301");
        persists(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> visit(w).equals("renmin-village 410105003001"));
        Instant due = jdbc.sql("SELECT due_at FROM hotline_task WHERE warning_id = ? AND kind = 'VISIT'")
                .param(w)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
        assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofMinutes(115), Duration.ofMinutes(121));
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("13803710111").size() == 1);
        assertThat(texts("13803710111").get(0))
                .contains("见面劝阻", "预警 " + w, "人民路社区")
                .doesNotContain("13903710301");

        // not made in time: to the township's station, then to the county
        jdbc.sql("UPDATE hotline_task SET due_at = ? WHERE warning_id = ? AND kind = 'VISIT'")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), w)
                .update();
        routing.escalate();
        assertThat(visit(w)).isEqualTo("renmin-station 410105003");
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("13803710112").size() == 1);
        jdbc.sql("UPDATE hotline_task SET due_at = ? WHERE warning_id = ? AND kind = 'VISIT'")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), w)
                .update();
        routing.escalate();
        assertThat(visit(w)).isEqualTo("- -");
        String unit = jdbc.sql("SELECT unit_code FROM warning WHERE id = ?")
                .param(w)
                .query(String.class)
                .single();
        // the station's officer was told personally, then the county's staff on duty
        List<String> told = jdbc.sql(
                        "SELECT recipients FROM notice WHERE unit_code = ? AND kind = 'VISIT_OVERDUE' AND subject = ? ORDER BY id")
                .params(unit, "warning " + w)
                .query(String.class)
                .list();
        assertThat(told).hasSize(2);
        assertThat(told.get(0)).isEqualTo("renmin-station");
        assertThat(told.get(1)).isNotEqualTo("renmin-station").doesNotContain("renmin-village");

        // a person of a village without an officer: the township's station takes the visit
        long other = redWarningAt("410105003002", "13903710302");
        persists(other);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(visit(other)).isEqualTo("renmin-station 410105003"));
    }
}
