package org.fanzha.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CasesApiTest {

    static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 5000));

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    static String number(String organ) {
        return "A" + organ + "000000202106" + String.format("%04d", SERIAL.incrementAndGet() % 10_000);
    }

    ResultActions post(String as, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", api.bearer(as))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long id(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString())
                .get("id")
                .asLong();
    }

    static String card(String prefix15) {
        // append the Luhn check digit to 18 digits
        for (int d = 0; d <= 9; d++) {
            String c = prefix15 + d;
            int sum = 0;
            boolean twice = false;
            for (int i = c.length() - 1; i >= 0; i--) {
                int x = c.charAt(i) - '0';
                if (twice) {
                    x = x * 2 > 9 ? x * 2 - 9 : x * 2;
                }
                sum += x;
                twice = !twice;
            }
            if (sum % 10 == 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    @Test
    void theContractExampleIsFiledAndCasesSharingAnIdentifierAreLinkedAcrossUnits() throws Exception {
        String card = card("622202" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        String phone = "171" + String.format("%08d", System.nanoTime() % 100_000_000);
        String first = number("410105");
        long a = id(post("jinshui", "/api/v1/cases", """
                        {"caseNumber":"%s","fraudType":"ORDER_BRUSHING","victim":{"name":"张三",
                        "phone":"13703710000","idNumber":"41010519900307123X"},"lossAmount":"38000.00",
                        "occurredAt":"2021-06-01T20:15:00+08:00","divisionCode":"410105","identifiers":[
                        {"type":"BANK_CARD","value":"%s"},{"type":"PHONE","value":"%s"}]}""".formatted(first, card, phone))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.caseNumber").value(first))
                .andExpect(jsonPath("$.status").value("FILED"))
                .andExpect(jsonPath("$.unitCode").value("410105"))
                .andExpect(jsonPath("$.lossAmount").value(38000.00))
                .andExpect(jsonPath("$.victim.phone").value("137****0000"))
                .andExpect(jsonPath("$.victim.idNumber").value(org.hamcrest.Matchers.not("41010519900307123X")))
                .andExpect(jsonPath("$.identifiers[?(@.type == 'PHONE')].value").value("+86" + phone))
                .andExpect(jsonPath("$.identifiers[?(@.type == 'BANK_CARD')].detail")
                        .value("中国工商银行")));

        long b = id(post("luoyang", "/api/v1/cases", """
                        {"fraudType":"INVESTMENT","victim":{"name":"李四"},"lossAmount":120000,
                        "occurredAt":"2021-06-03T10:00:00+08:00","divisionCode":"410302",
                        "identifiers":[{"type":"BANK_CARD","value":"%s"},{"type":"PHONE","value":"+86 %s"},
                        {"type":"DOMAIN","value":"Invest-Fast.example."}]}""".formatted(card, phone))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.unitCode").value("410302")));

        // jinshui sees that a Luoyang case is linked, and which unit holds it, but not the case itself
        mvc.perform(get("/api/v1/cases/{id}/related", a).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].caseId").doesNotExist())
                .andExpect(jsonPath("$[0].caseNumber").doesNotExist())
                .andExpect(jsonPath("$[0].unitCode").value("410302"))
                .andExpect(jsonPath("$[0].shared.length()").value(2));
        mvc.perform(get("/api/v1/cases/{id}", b).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases/{id}", a).header("Authorization", api.bearer("jinshui")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.related").value(1))
                .andExpect(jsonPath("$.fraudCase.caseNumber").value(first))
                .andExpect(jsonPath("$.timeline[0].kind").value("FILED"));
        // the full victim data only through the audited reveal, and only in the jurisdiction
        post(
                        "jinshui",
                        "/api/v1/reveal",
                        "{\"entity\":\"case\",\"id\":\"%d\",\"field\":\"victimPhone\",\"reason\":\"回访被害人\"}"
                                .formatted(a))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("13703710000"));
        post(
                        "jinshui",
                        "/api/v1/reveal",
                        "{\"entity\":\"case\",\"id\":\"%d\",\"field\":\"victimName\",\"reason\":\"核对被害人身份\"}"
                                .formatted(b))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/identifiers/BANK_CARD/{value}", card).header("Authorization", api.bearer("analyst")))
                .andExpect(jsonPath("$.cases").value(2))
                .andExpect(jsonPath("$.carriedBy.length()").value(2));

        // the phone turns out to be too common: marked non-linking, it links no more
        post("analyst", "/api/v1/identifiers/PHONE/+86" + phone + "/non-linking", "{\"reason\":\"某平台客服号码\"}")
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/cases/{id}/related", a).header("Authorization", api.bearer("jinshui")))
                .andExpect(jsonPath("$[0].shared.length()").value(1))
                .andExpect(jsonPath("$[0].shared[0].type").value("BANK_CARD"));
        post("jinshui", "/api/v1/identifiers/PHONE/+86" + phone + "/non-linking", "{\"reason\":\"x\"}")
                .andExpect(status().isForbidden());

        // an identifier added later links at once
        long c = id(post("zhengzhou", "/api/v1/cases", """
                        {"fraudType":"LOAN","lossAmount":"500","occurredAt":"2021-06-05T10:00:00+08:00","unitCode":"4101"}"""));
        post("zhengzhou", "/api/v1/cases/" + c + "/identifiers", """
                        {"identifiers":[{"type":"DOMAIN","value":"www.invest-fast.example"},{"type":"DOMAIN","value":"invest-fast.example"}]}""").andExpect(status().isOk());
        mvc.perform(get("/api/v1/cases/{id}/related", c).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(jsonPath("$[0].caseId").doesNotExist())
                .andExpect(jsonPath("$[0].unitCode").value("410302"))
                .andExpect(jsonPath("$[0].shared[0].value").value("invest-fast.example"));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void linkedCasesFormAClusterWithItsTotalLossAndNetwork() throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        String card = card("621700" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        long a = id(post("zhengzhou", "/api/v1/cases", """
                        {"fraudType":"LOAN","lossAmount":"1000","occurredAt":"2021-06-01T10:00:00+08:00","unitCode":"4101",
                         "identifiers":[{"type":"BANK_CARD","value":"%s"}]}""".formatted(card)));
        long b = id(post("luoyang", "/api/v1/cases", """
                        {"fraudType":"LOAN","lossAmount":"2000","occurredAt":"2021-06-02T10:00:00+08:00","unitCode":"4103",
                         "identifiers":[{"type":"BANK_CARD","value":"%s"},{"type":"DOMAIN","value":"cl-%s.example"}]}""".formatted(card, tag)));
        long c = id(post("luoyang", "/api/v1/cases", """
                        {"fraudType":"LOAN","lossAmount":"4000","occurredAt":"2021-06-03T10:00:00+08:00","unitCode":"4103",
                         "identifiers":[{"type":"DOMAIN","value":"cl-%s.example"}]}""".formatted(tag)));
        mvc.perform(get("/api/v1/cases/clusters").param("limit", "500").header("Authorization", api.bearer("duty")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + a + ")].cases").value(3))
                .andExpect(jsonPath("$[?(@.id == " + a + ")].totalLoss").value(7000.00))
                .andExpect(jsonPath("$[?(@.id == " + a + ")].units[*]")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("4101", "4103")));
        mvc.perform(get("/api/v1/cases/{id}/network", a).header("Authorization", api.bearer("duty")))
                .andExpect(jsonPath("$.nodes[?(@.category == 'CASE')].id")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("c:" + a, "c:" + b, "c:" + c)))
                .andExpect(jsonPath("$.nodes[?(@.category != 'CASE')].id", org.hamcrest.Matchers.hasSize(2)))
                .andExpect(jsonPath("$.links.length()").value(4));
        // 郑州 sees its own case; 洛阳's two by their unit only, the domain only they carry masked, ids opaque
        String network = mvc.perform(
                        get("/api/v1/cases/{id}/network", a).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(jsonPath("$.nodes[?(@.category == 'CASE')].id", org.hamcrest.Matchers.hasItem("c:" + a)))
                .andExpect(jsonPath("$.nodes[?(@.category == 'CASE' && @.unit == '4103')].name")
                        .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(""))))
                .andExpect(
                        jsonPath("$.nodes[?(@.category == 'BANK_CARD')].name").value(card))
                .andExpect(jsonPath("$.links.length()").value(4))
                .andReturn()
                .getResponse()
                .getContentAsString();
        org.assertj.core.api.Assertions.assertThat(network)
                .doesNotContain("c:" + b, "c:" + c, "cl-" + tag, "BANK_CARD:");
        mvc.perform(get("/api/v1/cases/clusters").param("limit", "500").header("Authorization", api.bearer("luoyang")))
                .andExpect(jsonPath("$[?(@.id == " + b + ")].caseIds[*]")
                        .value(org.hamcrest.Matchers.containsInAnyOrder((int) b, (int) c)));
        mvc.perform(get("/api/v1/cases/{id}/network", b).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aWarningClosedAlreadyDefraudedOpensAnAcceptedCasePrefilledFromIt() throws Exception {
        // 1370371 3xxx: a range no other test's warnings use (a random 4-digit tail once met another's)
        String phone = "13703713" + String.format("%03d", System.nanoTime() % 1_000);
        long warning = json.readTree(post("duty", "/api/v1/leads", """
                                {"source":"BANK","sourceId":"CASE-%d","phone":"%s","fraudType":"INVESTMENT","amountAtRisk":66000,
                                 "signals":[{"type":"TRANSFER_TO_FLAGGED_ACCOUNT","account":"6217001234567890122","amount":"66000"}]}""".formatted(System.nanoTime(), phone))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("warningId")
                .asLong();
        api.warningAction("zhengzhou", warning, "acknowledge", "{}").andExpect(status().isOk());
        api.warningAction("zhengzhou", warning, "close", "{\"outcome\":\"ALREADY_DEFRAUDED\",\"note\":\"已转账\"}")
                .andExpect(status().isOk());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM fraud_case WHERE warning_id = ?")
                                .param(warning)
                                .query(Long.class)
                                .single()
                        == 1);
        long id = jdbc.sql("SELECT id FROM fraud_case WHERE warning_id = ?")
                .param(warning)
                .query(Long.class)
                .single();
        mvc.perform(get("/api/v1/cases/{id}", id).header("Authorization", api.bearer("zhengzhou")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fraudCase.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.fraudCase.fraudType").value("INVESTMENT"))
                .andExpect(jsonPath("$.fraudCase.lossAmount").value(66000.00))
                .andExpect(jsonPath("$.fraudCase.warningId").value(warning))
                .andExpect(jsonPath("$.fraudCase.identifiers[*].value")
                        .value(org.hamcrest.Matchers.hasItem("6217001234567890122")))
                .andExpect(jsonPath("$.fraudCase.victim.phone")
                        .value(phone.substring(0, 3) + "****" + phone.substring(7)));
    }

    @Test
    void statusChangesAreExplicitActionsAndIllegalOnesAreRefused() throws Exception {
        long id = id(post("jinshui", "/api/v1/cases", """
                        {"fraudType":"IMPERSONATE_POLICE","lossAmount":"1000.5","occurredAt":"2021-06-01T09:00:00+08:00"}""")
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.unitCode").value("410105")));
        post("jinshui", "/api/v1/cases/" + id + "/file", "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseNumber"));
        post("jinshui", "/api/v1/cases/" + id + "/file", "{\"caseNumber\":\"B123\"}")
                .andExpect(status().isBadRequest());
        post("jinshui", "/api/v1/cases/" + id + "/file", "{\"caseNumber\":\"%s\"}".formatted(number("410105")))
                .andExpect(jsonPath("$.status").value("FILED"));
        post("jinshui", "/api/v1/cases/" + id + "/prosecute", "{}").andExpect(status().isConflict());
        post("jinshui", "/api/v1/cases/" + id + "/solve", "{\"solvingUnit\":\"4103\"}")
                .andExpect(jsonPath("$.status").value("SOLVED"))
                .andExpect(jsonPath("$.solvingUnit").value("4103"));
        post("jinshui", "/api/v1/cases/" + id + "/withdraw", "{\"note\":\"x\"}").andExpect(status().isConflict());
        post("jinshui", "/api/v1/cases/" + id + "/suspects", """
                        {"name":"王五","idNumber":"41010519900307123X","phone":"13703719876","arrestedAt":"2021-06-10T08:00:00+08:00","arrestingUnit":"4103"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.arrestingUnit").value("4103"))
                .andExpect(jsonPath("$.idNumber").value("410105********123X"));
        long suspect = json.readTree(mvc.perform(
                                get("/api/v1/cases/{id}", id).header("Authorization", api.bearer("jinshui")))
                        .andExpect(jsonPath("$.timeline[*].kind")
                                .value(org.hamcrest.Matchers.contains("ACCEPTED", "FILED", "SOLVED", "SUSPECT")))
                        .andExpect(jsonPath("$.suspects[0].name").value("王五"))
                        .andExpect(jsonPath("$.suspects[0].idNumber").value("410105********123X"))
                        .andExpect(jsonPath("$.suspects[0].phone").value("137****9876"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("suspects")
                .get(0)
                .get("id")
                .asLong();
        // in full only through the audited reveal, in the case's jurisdiction
        post("jinshui", "/api/v1/reveal", """
                        {"entity":"caseSuspect","id":"%d","field":"idNumber","reason":"布控抓捕嫌疑人"}""".formatted(suspect))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("41010519900307123X"));
        post("luoyang", "/api/v1/reveal", """
                        {"entity":"caseSuspect","id":"%d","field":"phone","reason":"布控抓捕嫌疑人"}""".formatted(suspect)).andExpect(status().isNotFound());
    }

    @Test
    void badCasesAreRefusedFieldByFieldAndNumbersAreUnique() throws Exception {
        post("jinshui", "/api/v1/cases", """
                        {"caseNumber":"A41","fraudType":"NOPE","lossAmount":"-5","occurredAt":"yesterday","unitCode":"4103",
                         "victim":{"phone":"abc","idNumber":"410105199003071230"},
                         "identifiers":[{"type":"BANK_CARD","value":"6222021001122334459"},{"type":"COLOUR","value":"red"},null]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "caseNumber",
                                "fraudType",
                                "lossAmount",
                                "occurredAt",
                                "victim.phone",
                                "victim.idNumber",
                                "unitCode",
                                "identifiers[0].value",
                                "identifiers[1].type",
                                "identifiers[2]")));
        String n = number("410105");
        String body = "{\"caseNumber\":\"%s\",\"fraudType\":\"LOAN\",\"occurredAt\":\"2021-06-01T09:00:00+08:00\"}"
                .formatted(n);
        post("jinshui", "/api/v1/cases", body).andExpect(status().isCreated());
        post("jinshui", "/api/v1/cases", body).andExpect(status().isConflict());
        post("hotline", "/api/v1/cases", body).andExpect(status().isForbidden());
        post(
                        "jinshui",
                        "/api/v1/cases",
                        "{\"fraudType\":\"LOAN\",\"occurredAt\":\"2021-06-01T09:00:00+08:00\",\"x\":1}")
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/identifiers/COLOUR/red").header("Authorization", api.bearer("analyst")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/cases").param("size", "100000").header("Authorization", api.bearer("analyst")))
                .andExpect(status().isBadRequest());
    }
}
