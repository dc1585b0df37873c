package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every page as every role, following the links each page offers: no link may lead to a 404 or a
 * 403 (a page offers only what its reader may open), and no page's text may show an English
 * sentence, a raw enum name or a missing message ({@code ??key??}) to a Chinese reader.
 */
@IntegrationTest
class PageWalkTest {

    /** Pages per role; ids in paths count as one pattern, of which a few are opened. */
    private static final int MAX_PAGES = 120;

    private static final int PER_PATTERN = 2;

    private static final Pattern MISSING = Pattern.compile("\\?\\?[A-Za-z0-9._-]+\\?\\?");

    /** An enum constant as code writes it: ALREADY_DEFRAUDED, BANK_CARD. */
    private static final Pattern ENUM = Pattern.compile("\\b[A-Z][A-Z0-9]+_[A-Z0-9_]*[A-Z0-9]\\b");

    /** Four or more English words in a row. */
    private static final Pattern SENTENCE = Pattern.compile("\\b[A-Za-z]{2,}(?:[ ,'][ ]?[a-z]{2,}){3,}\\b");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    private static boolean seeded;

    private String send(String as, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                        .header("Authorization", api.bearer(as))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /**
     * What every role's pages show, whatever other tests left: an open red warning, a warning
     * closed as defrauded with its case, a case with identifiers and a suspect, a stop-payment,
     * a blocklist entry waiting for review.
     */
    private void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        long n = System.nanoTime();
        String tail = String.format("%04d", n % 10_000);
        send("duty", "/api/v1/leads", """
                {"source":"POLICE","sourceId":"WALK-A-%d","phone":"1393795%s","name":"王走查","divisionCode":"410105",
                 "fraudType":"IMPERSONATE_POLICE","amountAtRisk":80000,
                 "signals":[{"type":"ACTIVE_CALL_WITH_FRAUD_NUMBER","counterpart":"+85261234567","minutes":12}]}""".formatted(n, tail));
        long closed = json.readTree(send("duty", "/api/v1/leads", """
                        {"source":"BANK","sourceId":"WALK-B-%d","phone":"1393796%s","divisionCode":"410105","fraudType":"INVESTMENT",
                         "amountAtRisk":38000,"signals":[{"type":"TRANSFER_TO_FLAGGED_ACCOUNT","account":"6217001234567890122","amount":"38000"}]}""".formatted(n, tail)))
                .get("warningId")
                .asLong();
        api.warningAction("jinshui", closed, "acknowledge", "{}");
        api.warningAction("jinshui", closed, "close", "{\"outcome\":\"ALREADY_DEFRAUDED\",\"note\":\"已转账\"}");
        long caseId = json.readTree(send("jinshui", "/api/v1/cases", """
                        {"fraudType":"ORDER_BRUSHING","victim":{"name":"李走查","phone":"13703719%s"},"lossAmount":"26000.00",
                         "occurredAt":"2021-06-01T20:15:00+08:00","divisionCode":"410105",
                         "identifiers":[{"type":"PHONE","value":"+86171%s0000"},{"type":"BANK_CARD","value":"6222021001122334458"}]}""".formatted(tail.substring(0, 3), tail)))
                .get("id")
                .asLong();
        send("jinshui", "/api/v1/cases/" + caseId + "/suspects", "{\"name\":\"赵嫌疑\",\"phone\":\"13803710000\"}");
        send("zhengzhou", "/api/v1/funds/stop-payments", """
                {"caseId":%d,"transfers":[{"time":"2021-06-01T20:20:00+08:00","fromAccount":"6222600110022334455",
                 "toAccount":"62170%s00112233","toBank":"CCB","amount":"26000.00","channel":"BANK_TRANSFER"}]}""".formatted(caseId, tail));
        send("analyst", "/api/v1/blocklist/entries", """
                {"value":"walk-%d.example","scope":"DOMAIN","category":"INVESTMENT","source":"POLICE","evidence":"走查"}""".formatted(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "duty", "zhengzhou", "jinshui", "luoyang", "hotline", "analyst", "auditor"})
    void everyPageAndLinkOfTheRoleReadsInChineseAndLeadsSomewhere(String role) throws Exception {
        seed();
        MockHttpSession session = api.session(role);
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> patterns = new HashMap<>();
        Map<String, String> linkedFrom = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int walked = 0;
        while (!queue.isEmpty() && walked < MAX_PAGES) {
            String path = queue.poll();
            MockHttpServletResponse response = mvc.perform(get(URI.create(path)).session(session))
                    .andReturn()
                    .getResponse();
            walked++;
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                String to = response.getRedirectedUrl();
                if (to != null && to.contains("/login")) {
                    problems.add(path + " (linked from " + linkedFrom.get(path) + ") sends to the sign-in page");
                } else if (to != null) {
                    String next = local(to, path);
                    if (next != null && seen.add(next)) {
                        linkedFrom.put(next, path);
                        queue.add(next);
                    }
                }
                continue;
            }
            if (status != 200) {
                problems.add(path + " (linked from " + linkedFrom.get(path) + ") answers " + status);
                continue;
            }
            String type = response.getContentType();
            if (type == null || !type.startsWith("text/html")) {
                continue;
            }
            Document page = Jsoup.parse(response.getContentAsString(), "http://localhost" + path);
            problems.addAll(textProblems(path, page));
            for (Element a : page.select("a[href]")) {
                String href = a.attr("href");
                String next = local(href, path);
                if (next == null || !seen.add(next)) {
                    continue;
                }
                String pattern = next.replaceAll("\\d+", "{n}").replaceAll("\\?.*", "?…");
                if (patterns.merge(pattern, 1, Integer::sum) > PER_PATTERN) {
                    continue;
                }
                linkedFrom.put(next, path);
                queue.add(next);
            }
        }
        assertThat(walked).as("pages walked as " + role).isGreaterThanOrEqualTo(3);
        assertThat(problems).as("pages of " + role).isEmpty();
    }

    /** A link to a page of this server worth opening, as a path; null for the rest. */
    static String local(String href, String from) {
        if (href.isBlank()
                || href.startsWith("#")
                || href.startsWith("tel:")
                || href.startsWith("mailto:")
                || href.startsWith("javascript:")) {
            return null;
        }
        URI uri = URI.create("http://localhost" + from).resolve(href.replace(" ", "%20"));
        if (!"localhost".equals(uri.getHost())) {
            return null;
        }
        String path = uri.getRawPath();
        if (path.startsWith("/api/")
                || path.startsWith("/v3/")
                || path.startsWith("/swagger")
                || path.equals("/logout")
                || path.startsWith("/webjars/")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/actuator")
                || path.endsWith(".pdf")
                || path.endsWith(".xlsx")
                || path.endsWith(".json")
                || path.endsWith(".csv")
                || path.endsWith(".txt")
                || path.endsWith(".zone")) {
            return null;
        }
        String query = uri.getRawQuery();
        if (query != null && query.contains("lang=")) {
            return null; // the English page is another walk's business
        }
        return query == null ? path : path + "?" + query;
    }

    /** What a Chinese reader must not meet in the page's text (values in code, inputs and scripts aside). */
    static List<String> textProblems(String path, Document page) {
        page.select("script, style, code, pre, textarea, input, select option[value=''], .watermark, .lang")
                .remove();
        String text = page.body() == null ? "" : page.body().text();
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(MISSING, ENUM, SENTENCE)) {
            Matcher m = p.matcher(text);
            Set<String> met = new java.util.HashSet<>();
            while (m.find()) {
                if (!met.add(m.group())) {
                    continue;
                }
                int from = Math.max(0, m.start() - 30);
                out.add(path + ": \"" + m.group() + "\" in …"
                        + text.substring(from, Math.min(text.length(), m.end() + 30)) + "…");
            }
        }
        return out;
    }
}
