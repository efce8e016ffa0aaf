package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway adds to the merged OpenAPI document, because the gateway answers it for every
 * operation (issue 14): 429 with {@code Retry-After} (rate limit for callers without a valid token),
 * 502 and 504 (the request was delivered and its outcome is unknown: retry with the same
 * {@code Idempotency-Key}), 503 (not delivered: safe to retry), 414 and 431 (request line or headers
 * too long); and its own operations, {@code /api-info} and {@code /openapi}.
 */
final class GatewayContract {

    static final String PROBLEM = "#/components/schemas/Problem";
    /** The operations the gateway answers itself. */
    static final Set<String> GATEWAY_PATHS = Set.of("/api-info", "/openapi");

    private GatewayContract() {}

    static void complete(ObjectNode merged) {
        ObjectNode schemas = (ObjectNode) merged.with("components").with("schemas");
        if (!schemas.has("Problem")) {
            schemas.set(
                    "Problem",
                    SuiteOpenApi.JSON.valueToTree(Map.of(
                            "type",
                            "object",
                            "additionalProperties",
                            true,
                            "description",
                            "A problem (RFC 9457): what went wrong, never the offending value",
                            "required",
                            java.util.List.of("type", "title", "status"),
                            "properties",
                            Map.of(
                                    "type",
                                    Map.of("type", "string", "format", "uri"),
                                    "title",
                                    Map.of("type", "string"),
                                    "status",
                                    Map.of("type", "integer", "format", "int32"),
                                    "detail",
                                    Map.of("type", "string"),
                                    "correlationId",
                                    Map.of("type", "string")))));
        }
        ObjectNode headers = (ObjectNode) merged.with("components").with("headers");
        headers.set(
                "Retry-After",
                SuiteOpenApi.JSON.valueToTree(Map.of(
                        "description",
                        "Seconds to wait before retrying",
                        "schema",
                        Map.of("type", "integer", "format", "int32", "minimum", 0))));
        gatewayOperations((ObjectNode) merged.get("paths"));
        ArrayNode tags = merged.withArray("tags");
        tags.addObject()
                .put("name", "API")
                .put("description", "About this API: DIGG's api-info and this OpenAPI document");
        for (Iterator<Map.Entry<String, JsonNode>> paths = merged.with("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!(op.getValue() instanceof ObjectNode operation) || !operation.has("responses")) {
                    continue;
                }
                ObjectNode responses = (ObjectNode) operation.get("responses");
                boolean ownOperation = GATEWAY_PATHS.contains(path.getKey());
                add(responses, "414", "The request line is too long", false);
                add(responses, "431", "The request headers are too large", false);
                add(
                        responses,
                        "429",
                        "Too many requests without a valid token from this address: retry after Retry-After "
                                + "seconds",
                        true);
                if (ownOperation) {
                    continue; // answered by the gateway itself: nothing is forwarded, no outcome is unknown
                }
                add(
                        responses,
                        "502",
                        "The service's answer was lost after the request reached it: the outcome is unknown. "
                                + "Retry with the same Idempotency-Key (a create) or read the resource first",
                        false);
                add(
                        responses,
                        "503",
                        "Not delivered (the service is unavailable or a dependency is): nothing was done, retry "
                                + "after Retry-After seconds",
                        true);
                add(
                        responses,
                        "504",
                        "The service did not answer in time after the request reached it: the outcome is "
                                + "unknown. Retry with the same Idempotency-Key (a create) or read the resource first",
                        false);
            }
        }
        dropUnusedSchemas(merged);
    }

    /**
     * Leaves out schemas nothing in the paths refers to, directly or through other components (a
     * service may register a type only for its own use, e.g. a generic wrapper): a generated client
     * would otherwise get classes that nothing returns.
     */
    static void dropUnusedSchemas(ObjectNode merged) {
        ObjectNode components = (ObjectNode) merged.get("components");
        Set<String> reached = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(merged.get("paths"));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null
                        && ref.isTextual()
                        && ref.asText().startsWith("#/components/")
                        && reached.add(ref.asText())) {
                    String[] parts =
                            ref.asText().substring("#/components/".length()).split("/", 2);
                    JsonNode target =
                            parts.length == 2 ? components.path(parts[0]).path(parts[1]) : null;
                    if (target != null && !target.isMissingNode()) {
                        todo.push(target);
                    }
                }
            }
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(todo::push);
            }
        }
        ObjectNode schemas = (ObjectNode) components.get("schemas");
        List<String> unused = new ArrayList<>();
        schemas.fieldNames().forEachRemaining(name -> {
            if (!reached.contains("#/components/schemas/" + name)) {
                unused.add(name);
            }
        });
        schemas.remove(unused);
    }

    private static void add(ObjectNode responses, String code, String description, boolean retryAfter) {
        if (responses.has(code)) {
            return;
        }
        ObjectNode r = responses.putObject(code);
        r.put("description", description);
        r.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", PROBLEM);
        if (retryAfter) {
            r.putObject("headers").putObject("Retry-After").put("$ref", "#/components/headers/Retry-After");
        }
    }

    private static void gatewayOperations(ObjectNode paths) {
        ObjectNode info = paths.putObject("/api-info").putObject("get");
        info.put("operationId", "getApiInfo")
                .put("summary", "What this API is (DIGG REST API profile, api-info)")
                .put(
                        "description",
                        "Name, version, release day, status and where the documentation is, as DIGG's REST API "
                                + "profile asks every public API to publish. No token needed.");
        info.putArray("tags").add("API");
        info.putArray("security");
        ObjectNode infoSchema = info.putObject("responses")
                .putObject("200")
                .put("description", "The API's name, version, " + "status and documentation")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema");
        infoSchema.put("type", "object");
        ObjectNode props = infoSchema.putObject("properties");
        for (String name :
                new String[] {"apiName", "apiVersion", "apiReleased", "apiDocumentation", "apiStatus", "description"}) {
            props.putObject(name).put("type", "string");
        }
        ((ObjectNode) props.get("apiReleased")).put("format", "date");
        ((ObjectNode) props.get("apiStatus"))
                .putArray("enum")
                .add("active")
                .add("deprecated")
                .add("retired");
        infoSchema
                .putArray("required")
                .add("apiName")
                .add("apiVersion")
                .add("apiStatus")
                .add("apiDocumentation");

        ObjectNode doc = paths.putObject("/openapi").putObject("get");
        doc.put("operationId", "getOpenApiDocument")
                .put("summary", "This document (JSON; YAML with Accept: application/yaml " + "or ?format=yaml)")
                .put(
                        "description",
                        "The merged OpenAPI document of every service behind the gateway, with "
                                + "the answers the gateway gives itself. Generate clients from it; no token needed.");
        doc.putArray("tags").add("API");
        doc.putArray("security");
        ObjectNode fmt = doc.putArray("parameters").addObject();
        fmt.put("name", "format").put("in", "query").put("description", "json (default) or yaml");
        fmt.putObject("schema")
                .put("type", "string")
                .putArray("enum")
                .add("json")
                .add("yaml");
        ObjectNode content = doc.putObject("responses")
                .putObject("200")
                .put("description", "The merged OpenAPI document")
                .putObject("content");
        content.putObject("application/json").putObject("schema").put("type", "object");
        content.putObject("application/yaml").putObject("schema").put("type", "string");
    }
}
