package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CaseImportTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aCsvOfCasesIsFiledRowByRowAndBadRowsAreReported() throws Exception {
        String card = CasesApiTest.card("621226" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        String csv = String.join(
                "\n",
                "案件编号,案件类别,被害人姓名,被害人电话,损失金额,发案时间,发案地,涉案要素",
                ",刷单返利,张三,13703710000,\"38,000.00\",2021-06-01 20:15,410105,BANK_CARD " + card + "; PHONE 17100001111",
                ",不知道,李四,13703710001,100,2021-06-02 10:00,410105,",
                ",LOAN,王五,13703710002,200,2021/6/3 9:30,410105,BANK_CARD 6222021001122334459");
        mvc.perform(multipart("/api/v1/cases/imports")
                        .file(new MockMultipartFile(
                                "file", "cases.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(3))
                .andExpect(jsonPath("$.filed").value(1))
                .andExpect(jsonPath("$.rejected").value(2))
                .andExpect(jsonPath("$.results[0].caseId").isNumber())
                .andExpect(jsonPath("$.results[1].row").value(3))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("fraudType"))
                .andExpect(jsonPath("$.results[2].errors[0].field").value("identifiers[0].value"));
    }

    @Test
    void aCsvSavedByExcelOnChineseWindowsIsReadAsGbk() throws Exception {
        String csv = String.join(
                "\n", "案件类别,被害人姓名,被害人电话,损失金额,发案时间,发案地", "刷单返利,欧阳娜娜,13703710003,500,2021-06-04 11:00,410105");
        mvc.perform(multipart("/api/v1/cases/imports")
                        .file(new MockMultipartFile(
                                "file", "cases.csv", "text/csv", csv.getBytes(java.nio.charset.Charset.forName("GBK"))))
                        .header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filed").value(1));
        long id = jdbc.sql("SELECT MAX(id) FROM fraud_case WHERE victim_phone = '13703710003'")
                .query(Long.class)
                .single();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT victim_name FROM fraud_case WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .as("read as GBK, not stored as mojibake")
                .isEqualTo("欧阳娜娜");
    }

    @Test
    void anXlsxAsUnitsExchangeThemIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var book = new XSSFWorkbook()) {
            var sheet = book.createSheet("案件");
            var header = sheet.createRow(0);
            String[] names = {"案件类别", "被害人姓名", "损失金额", "发案时间", "受案单位", "涉案要素"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            for (int r = 1; r <= 2; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue(r == 1 ? "虚假网络贷款" : "INVESTMENT");
                row.createCell(1).setCellValue("赵" + r);
                row.createCell(2).setCellValue(1234.5 * r);
                var at = row.createCell(3);
                at.setCellValue(LocalDateTime.of(2021, 6, r, 9, 30));
                at.setCellStyle(dateStyle);
                row.createCell(4).setCellValue("4101");
                row.createCell(5).setCellValue("DOMAIN xlsx-" + System.nanoTime() + ".example");
            }
            book.write(bytes);
        }
        mvc.perform(multipart("/api/v1/cases/imports")
                        .file(new MockMultipartFile(
                                "file",
                                "案件.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                bytes.toByteArray()))
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filed").value(2))
                .andExpect(jsonPath("$.rejected").value(0));
        mvc.perform(multipart("/api/v1/cases/imports")
                        .file(new MockMultipartFile(
                                "file", "fake.xlsx", "application/octet-stream", "not a workbook".getBytes()))
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/v1/cases/imports")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", "a,b\n1,2".getBytes()))
                        .header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isBadRequest());
    }
}
