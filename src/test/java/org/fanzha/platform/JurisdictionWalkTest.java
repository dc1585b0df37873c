package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.divisions.IdNumber;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A county officer (金水区, 410105) walks every GET endpoint of the OpenAPI document and the pages
 * that take an id, with the ids and graph parameters of records held in another county (洛阳市西工区,
 * 410302): a warning, a case with its victim, identifiers and suspect, a fraud card with its owner
 * and recruiter, a stop-payment. No answer may carry a piece of those records' personal data or
 * identifiers — except a value the officer put in the request itself, which an answer may echo.
 */
@IntegrationTest
class JurisdictionWalkTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    /** Pieces of the outside records that must not reach the officer. */
    final Set<String> markers = new LinkedHashSet<>();
    /** Ids and graph parameters to walk with. */
    final Map<String, String> ids = new LinkedHashMap<>();

    @Test
    void aCountyOfficerReadsNothingOfAnotherCountyByIdOrGraphParameter() throws Exception {
        seedAnotherCounty();
        String officer = api.bearer("jinshui");
        MockHttpSession session = api.session("jinshui");
        JsonNode doc = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        List<String> leaks = new ArrayList<>();
        int walked = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            JsonNode op = path.getValue().get("get");
            if (op == null || path.getKey().contains("stream")) {
                continue;
            }
            for (String url : urls(path.getKey(), op)) {
                String body = mvc.perform(get(java.net.URI.create(url)).header("Authorization", officer))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                walked++;
                leaks.addAll(leaksIn(url, body));
            }
        }
        for (String page : pages()) {
            String body = mvc.perform(get(java.net.URI.create(page)).session(session))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            walked++;
            leaks.addAll(leaksIn(page, body));
        }
        org.slf4j.LoggerFactory.getLogger(JurisdictionWalkTest.class)
                .info("walked {} requests as 金水区 with {} outside markers", walked, markers.size());
        assertThat(walked).as("requests walked").isGreaterThan(150);
        assertThat(leaks)
                .as("outside records read as 金水区 (" + walked + " requests)")
                .isEmpty();
    }

    private List<String> leaksIn(String url, String body) {
        List<String> found = new ArrayList<>();
        String asked = java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8);
        for (String marker : markers) {
            if (!asked.contains(marker) && body.contains(marker)) {
                found.add(url + " shows " + marker);
            }
        }
        return found;
    }

    /** The path with each id in turn, and with each of its query parameters set to the outside values. */
    private List<String> urls(String template, JsonNode op) {
        List<String> paths = new ArrayList<>();
        if (template.contains("{")) {
            for (String id : ids.values()) {
                paths.add(fill(template, id));
            }
        } else {
            paths.add(template);
        }
        List<String> urls = new ArrayList<>();
        for (String p : paths) {
            urls.add(p);
            for (JsonNode param : op.path("parameters")) {
                if (!"query".equals(param.path("in").asString())) {
                    continue;
                }
                String name = param.get("name").asString();
                for (String value : valuesFor(name)) {
                    urls.add(p + (p.contains("?") ? "&" : "?") + name + "="
                            + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return urls;
    }

    /** A path's variables: the source and type by name, any other one the id. */
    private String fill(String template, String id) {
        return template.replace("{source}", "POLICE")
                .replace("{kind}", "BANK_CARD")
                .replace("{type}", id.startsWith("+86") ? "PHONE" : "BANK_CARD")
                .replaceAll("\\{[^}]*}", id);
    }

    private List<String> valuesFor(String name) {
        String n = name.toLowerCase();
        if (n.contains("unit") || n.equals("parent")) {
            return List.of("410302", "4103");
        }
        if (n.contains("period")) {
            return List.of("2021-06");
        }
        if (n.equals("from") || n.equals("to")) {
            return List.of("2021-06-01");
        }
        return List.copyOf(new LinkedHashSet<>(ids.values()));
    }

    private List<String> pages() {
        List<String> pages = new ArrayList<>(List.of(
                "/",
                "/board",
                "/board/rows",
                "/cases",
                "/cases/clusters",
                "/cards",
                "/cards/brokers",
                "/cards/outlets",
                "/cards/credit",
                "/hotline",
                "/hotline/visits",
                "/funds",
                "/notices",
                "/performance",
                "/cards/brokers/network.json?recruiter="
                        + java.net.URLEncoder.encode(ids.get("recruiter"), java.nio.charset.StandardCharsets.UTF_8),
                "/funds/trace?account=" + ids.get("account") + "&from=2021-06-01T20:20:00%2B08:00",
                "/units/410302",
                "/divisions/410302/tree"));
        for (String id : ids.values()) {
            for (String t : List.of(
                    "/warnings/%s",
                    "/cases/%s",
                    "/cases/%s/network.json",
                    "/funds/requests/%s",
                    "/funds/returns/%s",
                    "/hotline/tasks/%s",
                    "/hotline/photos/%s")) {
                pages.add(t.formatted(id));
            }
        }
        return pages;
    }

    private void seedAnotherCounty() throws Exception {
        String tag = String.format("%04d", System.nanoTime() % 10_000);
        String phone = "1393790" + tag;
        String victimPhone = "1393791" + tag;
        String suspectPhone = "1393792" + tag;
        String fraudPhone = "+86171" + String.format("%08d", System.nanoTime() % 100_000_000);
        String recruiter = "+861393793" + tag;
        String leadId = "OUT-" + System.nanoTime();
        String name = "欧阳外县" + tag.charAt(0);
        String personId = id("41030219800112" + tag.substring(0, 3));
        String victimId = id("41030219850213" + tag.substring(1, 4));
        String suspectId = id("41030219770314" + tag.substring(0, 3));
        String ownerId = id("41030219900415" + tag.substring(1, 4));
        String address = "河南省洛阳市西工区外县路" + tag + "号";
        String card = luhn("622700" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L));
        String account = "6" + String.format("%019d", System.nanoTime() % 10_000_000_000_000_000L);
        markers.addAll(List.of(
                phone,
                victimPhone,
                suspectPhone,
                fraudPhone.substring(3),
                recruiter.substring(3),
                leadId,
                name,
                personId,
                victimId,
                suspectId,
                ownerId,
                "外县路" + tag,
                card,
                account,
                "卡主外县" + tag,
                "司马外县" + tag));

        long warning = json.readTree(body(post("/api/v1/leads"), "duty", """
                        {"source":"POLICE","sourceId":"%s","phone":"%s","idNumber":"%s","name":"%s","address":"%s",
                         "divisionCode":"410302","signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"%s","minutes":3}]}""".formatted(
                                leadId, phone, personId, name, address, fraudPhone)))
                .get("warningId")
                .asLong();
        String caseNumber = "A410302000000202111" + tag;
        markers.add(caseNumber);
        markers.add(org.fanzha.platform.Masking.cardNumber(card));
        JsonNode fraudCase = json.readTree(body(post("/api/v1/cases"), "luoyang", """
                        {"caseNumber":"%s","fraudType":"INVESTMENT","victim":{"name":"%s","phone":"%s","idNumber":"%s","address":"%s"},
                         "lossAmount":"50000","occurredAt":"2021-06-01T20:15:00+08:00","divisionCode":"410302",
                         "identifiers":[{"type":"PHONE","value":"%s"},{"type":"BANK_CARD","value":"%s"}]}""".formatted(
                        caseNumber, name, victimPhone, victimId, address, fraudPhone, card)));
        long caseId = fraudCase.get("id").asLong();
        // the records themselves, by their ids in answers: a case node, a case or warning referred to
        for (String end : List.of(",", "}")) {
            markers.add("\"caseId\":" + caseId + end);
            markers.add("\"warningId\":" + warning + end);
        }
        markers.add("\"c:" + caseId + "\"");
        JsonNode suspect = json.readTree(body(
                post("/api/v1/cases/" + caseId + "/suspects"), "luoyang", """
                        {"name":"司马外县%s","idNumber":"%s","phone":"%s"}""".formatted(tag, suspectId, suspectPhone)));
        String bank = "Bearer "
                + json.readTree(body(post("/api/v1/tokens"), "admin", """
                                {"name":"洛阳银行-%s","permissions":["cards:register"],"sources":["BANK"]}""".formatted(System.nanoTime())))
                        .get("token")
                        .asString();
        long verification = json.readTree(mvc.perform(put("/api/v1/cards/BANK_CARD/{n}/registration", card)
                                .header("Authorization", bank)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"ownerName":"卡主外县%s","ownerIdNumber":"%s","ownerAddress":"%s","outletCode":"LY-%s",
                                         "outletName":"洛阳银行西工支行","outletKind":"BANK_BRANCH","outletDivision":"410302","openedOn":"2021-05-01"}""".formatted(tag, ownerId, address, tag)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asLong();
        body(post("/api/v1/cards/verifications/" + verification + "/result"), "luoyang", """
                        {"result":"SOLD","note":"卖给他人","recruiter":"%s"}""".formatted(recruiter));
        JsonNode stop =
                json.readTree(body(post("/api/v1/funds/stop-payments"), "luoyang", """
                        {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","fromAccount":"6222020000000000001",
                         "toAccount":"%s","toBank":"CCB","amount":"30000"}]}""".formatted(caseId, account)));

        ids.put("warning", Long.toString(warning));
        ids.put("case", Long.toString(caseId));
        ids.put("suspect", suspect.get("id").asString());
        ids.put("verification", Long.toString(verification));
        ids.put("request", stop.get("requests").get(0).get("id").asString());
        jdbc.sql("SELECT id FROM hotline_task WHERE warning_id = ?")
                .param(warning)
                .query(Long.class)
                .list()
                .forEach(t -> ids.put("task" + t, Long.toString(t)));
        jdbc.sql("SELECT id FROM card WHERE card_number = ?")
                .param(card)
                .query(Long.class)
                .list()
                .forEach(c -> ids.put("card", Long.toString(c)));
        ids.put("recruiter", recruiter);
        ids.put("account", account);
        ids.put("lead", leadId);
        ids.put("phone", fraudPhone);
        ids.put("luoyang", "410302");
    }

    private String body(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String as,
            String content)
            throws Exception {
        var response = mvc.perform(request.header("Authorization", api.bearer(as))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(content))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isLessThan(300);
        return response.getContentAsString();
    }

    /** The digits with their Luhn check digit appended. */
    static String luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int x = digits.charAt(i) - '0';
            if (twice) {
                x *= 2;
                if (x > 9) {
                    x -= 9;
                }
            }
            sum += x;
            twice = !twice;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }
}
