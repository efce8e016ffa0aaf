package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * What a new merged document breaks for a client generated from a released one (the versioning
 * policy of v1, root README): openapi-diff's backward-incompatibility rules (a removed path,
 * operation, parameter, response, media type, header or property; a new required parameter or
 * request property; a narrowed request enum or range; a changed type, pattern or security
 * requirement), completed by {@link #schemas} for what openapi-diff 2.1 misses in a 3.1 document,
 * with one deliberate exception: a response enum may gain values, because the policy
 * asks clients to accept values they do not know.
 */
final class BreakingChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BreakingChanges() {}

    static OpenApiDiffOptions options() {
        return OpenApiDiffOptions.builder()
                // within v1 an enum in a response may grow (clients treat an unknown value as "other")
                .configProperty("incompatible.response.enum.increased", "false")
                .build();
    }

    /** Empty when {@code current} only adds to {@code released}; otherwise what it breaks, one line each (and openapi-diff's report). */
    static List<String> between(String released, String current) throws Exception {
        List<String> out = schemas(JSON.readTree(released), JSON.readTree(current));
        ChangedOpenApi diff = OpenApiCompare.fromContents(released, current, null, options());
        if (!diff.isIncompatible()) {
            return out;
        }
        diff.getMissingEndpoints().forEach(e -> out.add("removed: " + e.getMethod() + " " + e.getPathUrl()));
        diff.getChangedOperations().stream()
                .filter(op -> op.isIncompatible())
                .forEach(op -> out.add("changed incompatibly: " + op.getHttpMethod() + " " + op.getPathUrl()));
        if (out.isEmpty()) {
            out.add("incompatible change outside the operations (security, components)");
        }
        out.add(render(diff));
        return out;
    }

    /**
     * What openapi-diff 2.1 does not see in a 3.1 document (it reads {@code type} where swagger-parser
     * keeps 3.1's {@code types}, and it lets response properties go): a component schema that is gone
     * or renamed (a generated client's class), a property gone from one, a property's or a
     * parameter's type changed (or its reference), and an enum that lost a value.
     */
    static List<String> schemas(JsonNode released, JsonNode current) {
        List<String> out = new ArrayList<>();
        JsonNode oldSchemas = released.path("components").path("schemas");
        JsonNode newSchemas = current.path("components").path("schemas");
        oldSchemas.fieldNames().forEachRemaining(name -> {
            JsonNode before = oldSchemas.get(name);
            JsonNode after = newSchemas.get(name);
            if (after == null) {
                out.add("schema removed or renamed: " + name);
                return;
            }
            compare("schema " + name, before, after, out);
            before.path("properties").fieldNames().forEachRemaining(property -> {
                JsonNode now = after.path("properties").get(property);
                if (now == null) {
                    out.add("property removed: " + name + "." + property);
                } else {
                    compare(
                            "property " + name + "." + property,
                            before.path("properties").get(property),
                            now,
                            out);
                }
            });
        });
        released.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    JsonNode newOperation =
                            current.path("paths").path(path.getKey()).path(method.getKey());
                    for (JsonNode parameter : method.getValue().path("parameters")) {
                        for (JsonNode now : newOperation.path("parameters")) {
                            if (now.path("name").equals(parameter.path("name"))
                                    && now.path("in").equals(parameter.path("in"))) {
                                compare(
                                        "parameter " + parameter.path("name").asText() + " of "
                                                + method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                        parameter.path("schema"),
                                        now.path("schema"),
                                        out);
                            }
                        }
                    }
                }));
        return out;
    }

    private static void compare(String what, JsonNode before, JsonNode after, List<String> out) {
        if (!before.path("type").equals(after.path("type"))) {
            out.add(what + ": type " + before.path("type") + " became " + after.path("type"));
        }
        if (!before.path("$ref").equals(after.path("$ref"))) {
            out.add(what + ": " + before.path("$ref").asText("inline") + " became "
                    + after.path("$ref").asText("inline"));
        }
        if (!before.path("format").equals(after.path("format"))) {
            out.add(what + ": format " + before.path("format") + " became " + after.path("format"));
        }
        JsonNode items = before.path("items");
        if (items.isObject()) {
            compare(what + "[]", items, after.path("items"), out);
        }
        if (before.has("enum")) {
            Set<String> now = new HashSet<>();
            after.path("enum").forEach(v -> now.add(v.asText()));
            before.path("enum").forEach(v -> {
                if (!after.has("enum") || !now.contains(v.asText())) {
                    // an enum that is dropped entirely only widens; a value gone narrows
                    if (after.has("enum")) {
                        out.add(what + ": enum value " + v.asText() + " removed");
                    }
                }
            });
        }
    }

    /** Rewrites every {@code $ref} equal to {@code from} to {@code to} (for the tests). */
    static void rename(JsonNode node, String from, String to) {
        if (node.isObject()) {
            if (node.path("$ref").asText().equals(from)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("$ref", to);
            }
        }
        node.elements().forEachRemaining(child -> rename(child, from, to));
    }

    static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, w);
        } catch (Exception e) {
            return "(the diff could not be rendered: " + e + ")";
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
