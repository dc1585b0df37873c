package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every POST, PUT and PATCH operation of the OpenAPI document gets malformed, wrong-typed,
 * over-long, NUL-bearing and unicode-edge bodies, as a province commander and as a partner with
 * every partner permission: none may answer 5xx. Bodies follow the operation's schema (every
 * property present, each string the hostile text), so they reach the validation behind the JSON
 * parser. Path ids name no record (987654321), so no fuzz body changes what other tests use.
 */
@IntegrationTest
class FuzzTest {

    static final String NO_RECORD = "987654321";
    static final List<String> HOSTILE_TEXT = List.of(
            "a\u0000b",
            "x".repeat(5_000),
            "y".repeat(70_000),
            "\ud800 lone surrogate",
            "𠮷😀\u202e\u200b\u0301\uFFFF\uFEFF",
            "'; DROP TABLE lead; --",
            "../../../../etc/passwd",
            "<script>alert(1)</script>",
            "");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Test
    void noBodyOfAnyWriteOperationGetsA5xx() throws Exception {
        JsonNode doc = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        String partner = partnerToken();
        String[] callers = {api.bearer("duty"), partner};
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!List.of("POST", "PUT", "PATCH").contains(method)) {
                    continue;
                }
                String url = url(path.getKey(), op.getValue());
                JsonNode schema = op.getValue().at("/requestBody/content/application~1json/schema");
                for (String body : bodies(schema.isMissingNode() ? null : schema, doc)) {
                    for (String caller : callers) {
                        // from an address of its own: the fuzz's failed sign-ins must not throttle other tests
                        var response = mvc.perform(request(HttpMethod.valueOf(method), url)
                                        .with(r -> {
                                            r.setRemoteAddr("10.250.0.1");
                                            return r;
                                        })
                                        .header("Authorization", caller)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(body))
                                .andReturn()
                                .getResponse();
                        sent++;
                        statuses.merge(response.getStatus(), 1, Integer::sum);
                        if (response.getStatus() >= 500) {
                            failures.add(method + " " + url + " → " + response.getStatus() + " for " + clip(body) + ": "
                                    + clip(response.getContentAsString()));
                        }
                    }
                }
            }
        }
        org.slf4j.LoggerFactory.getLogger(FuzzTest.class)
                .info("fuzz: {} requests, answers by status {}", sent, statuses);
        assertThat(sent).as("requests sent").isGreaterThan(500);
        // the bodies reach validation (400), not only the parser or the door
        assertThat(statuses).as("answers by status " + statuses).containsKeys(400, 404);
        assertThat(failures).as("5xx answers out of " + sent + " requests").isEmpty();
    }

    private String partnerToken() throws Exception {
        String body = """
                {"name":"fuzz-partner-%d","permissions":["leads:submit","blocklist:check","blocklist:submit",
                 "blocklist:export","cards:register","funds:respond","credit:query","divisions:read"],
                 "sources":["BANK","TELECOM","NATIONAL_CENTRE"],"bank":"CCB"}""".formatted(System.nanoTime());
        String created = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/tokens")
                                .header("Authorization", api.bearer("admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return "Bearer " + json.readTree(created).get("token").asString();
    }

    /** The path with its variables named by no record, and its required query parameters given. */
    private static String url(String template, JsonNode operation) {
        String url = template.replaceAll("\\{[^}]*}", NO_RECORD);
        List<String> query = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            if ("query".equals(p.path("in").asString()) && p.path("required").asBoolean()) {
                query.add(p.get("name").asString() + "=1");
            }
        }
        return query.isEmpty() ? url : url + "?" + String.join("&", query);
    }

    /** Malformed and wrong-typed bodies, then the schema's body with each hostile text, then with wrong types. */
    private List<String> bodies(JsonNode schema, JsonNode doc) {
        List<String> bodies =
                new ArrayList<>(List.of("{\"a\":", "[]", "\"text\"", "12", "{}", "null", "{\"\u0000\":1}"));
        if (schema != null) {
            for (String text : HOSTILE_TEXT) {
                bodies.add(json.writeValueAsString(sample(schema, doc, text, false, 0)));
            }
            bodies.add(json.writeValueAsString(sample(schema, doc, "x", true, 0)));
        }
        return bodies;
    }

    /** A value of the schema: strings are the text; with {@code wrong}, every scalar has the wrong type. */
    private JsonNode sample(JsonNode schema, JsonNode doc, String text, boolean wrong, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            return depth > 6
                    ? nodes.nullNode()
                    : sample(doc.at("/components/schemas/" + name), doc, text, wrong, depth + 1);
        }
        for (String combined : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(combined) && !schema.get(combined).isEmpty()) {
                return sample(schema.get(combined).get(0), doc, text, wrong, depth + 1);
            }
        }
        String type = schema.path("type").asString("object");
        switch (type) {
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                array.add(sample(schema.path("items"), doc, text, wrong, depth + 1));
                return array;
            }
            case "string" -> {
                return wrong ? nodes.numberNode(12345) : nodes.stringNode(text);
            }
            case "integer", "number" -> {
                return wrong ? nodes.stringNode(text + "x") : nodes.numberNode(-1);
            }
            case "boolean" -> {
                return wrong ? nodes.stringNode("maybe") : nodes.booleanNode(true);
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                Map<String, JsonNode> properties = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").properties().iterator();
                while (it.hasNext()) {
                    var p = it.next();
                    properties.put(p.getKey(), p.getValue());
                }
                if (wrong && properties.isEmpty()) {
                    return nodes.stringNode(text);
                }
                properties.forEach((name, s) ->
                        object.set(name, depth > 6 ? nodes.nullNode() : sample(s, doc, text, wrong, depth + 1)));
                return object;
            }
        }
    }

    private static String clip(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
