package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the whole suite, merged from every service's own: paths (each service's
 * already carry its prefix), tags, and components. Schemas of the same name that differ between
 * services are renamed {@code <service>_<Name>} in that service's part, references included.
 * Cached for {@code kvalitet.gateway.openapi-cache-for}; a service that cannot be reached is left
 * out and named in {@code x-unavailable-services}.
 */
@ApplicationScoped
public class SuiteOpenApi {

    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] COMPONENT_KINDS = {
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes"
    };

    @Inject
    GatewayConfig config;

    @Inject
    ProxyRoutes routes;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock = Clock.systemUTC();
    private volatile ObjectNode cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public synchronized ObjectNode document() {
        if (cached != null && cachedAt.plus(config.openapiCacheFor()).isAfter(clock.instant())) {
            return cached;
        }
        Map<String, ProxyRoutes.Downstream> services = routes.downstreams();
        List<String> unavailable = new ArrayList<>();
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (ProxyRoutes.Downstream d : services.values()) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(d.route().url() + d.route().openapiPath()))
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
                docs.put(d.name(), (ObjectNode) JSON.readTree(r.body()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warnf("OpenAPI document of %s not available: %s", d.name(), e.toString());
                unavailable.add(d.name());
            }
        }
        ObjectNode merged = mergeAll(docs);
        config.publicBaseUrl()
                .ifPresent(base -> ((ObjectNode) merged.get("servers").get(0))
                        .put("url", base)
                        .put("description", "The suite's gateway"));
        ArrayNode missing = merged.putArray("x-unavailable-services");
        unavailable.forEach(missing::add);
        if (unavailable.isEmpty()) {
            cached = merged;
            cachedAt = clock.instant();
        }
        return merged;
    }

    static ObjectNode skeleton() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kvalitet: systematic quality work in Swedish social services (SOSFS 2011:9)");
        info.put("version", "1.0.0");
        info.put(
                "description",
                "The whole suite behind one gateway: deviations (avvikelser), lex Sarah, lex Maria, "
                        + "personal data breaches and complaints; the process registry; follow-up (indicators, egenkontroll); "
                        + "reports (kvalitetsberättelse). Every operation needs a bearer token from the kvalitet realm.");
        doc.putArray("servers").addObject().put("url", "/").put("description", "The suite's gateway (this host)");
        doc.putObject("paths");
        doc.putArray("tags");
        ObjectNode components = doc.putObject("components");
        for (String kind : COMPONENT_KINDS) {
            components.putObject(kind);
        }
        doc.putArray("security").addObject().putArray("SecurityScheme");
        return doc;
    }

    /**
     * Merges the services' documents. A component name that two services define differently is
     * renamed {@code <service>_<Name>} in every service that defines it (references included), so
     * no service's meaning wins by accident; identical definitions are kept once.
     */
    static ObjectNode mergeAll(Map<String, ObjectNode> docs) {
        ObjectNode merged = skeleton();
        ObjectNode mergedComponents = (ObjectNode) merged.get("components");
        for (String kind : COMPONENT_KINDS) {
            Map<String, Set<JsonNode>> definitions = new HashMap<>();
            docs.values()
                    .forEach(doc -> doc.path("components")
                            .path(kind)
                            .fields()
                            .forEachRemaining(e -> definitions
                                    .computeIfAbsent(e.getKey(), k -> new HashSet<>())
                                    .add(e.getValue())));
            docs.forEach((service, doc) -> {
                JsonNode own = doc.path("components").path(kind);
                if (!own.isObject()) {
                    return;
                }
                List<String> names = new ArrayList<>();
                own.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode definition = own.get(name);
                    if (definitions.get(name).size() > 1) {
                        String renamed = service + "_" + name;
                        rename(doc, "#/components/" + kind + "/" + name, "#/components/" + kind + "/" + renamed);
                        ((ObjectNode) mergedComponents.get(kind)).set(renamed, definition);
                    } else {
                        ((ObjectNode) mergedComponents.get(kind)).set(name, definition);
                    }
                }
            });
        }
        ObjectNode paths = (ObjectNode) merged.get("paths");
        ArrayNode tags = (ArrayNode) merged.get("tags");
        Set<String> tagNames = new HashSet<>();
        Set<String> operationIds = new HashSet<>();
        docs.forEach((service, doc) -> {
            doc.path("paths").fields().forEachRemaining(e -> {
                uniqueOperationIds(service, e.getValue(), operationIds);
                paths.set(e.getKey(), e.getValue());
            });
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        });
        GatewayContract.complete(merged);
        return merged;
    }

    /**
     * Keeps operation ids unique in the merged document: a service's id that another service took
     * first is prefixed with the service's name ({@code followupGetThing}). The suite's own ids do not
     * collide ({@code SuiteContractIT} checks it); this only keeps a generated client compilable.
     */
    static void uniqueOperationIds(String service, JsonNode pathItem, Set<String> taken) {
        pathItem.fields().forEachRemaining(m -> {
            if (m.getValue() instanceof ObjectNode op && op.hasNonNull("operationId")) {
                String id = op.get("operationId").asText();
                if (!taken.add(id)) {
                    String prefixed = service.replaceAll("[^A-Za-z0-9]", "")
                            + Character.toUpperCase(id.charAt(0))
                            + id.substring(1);
                    LOG.warnf("operationId %s of %s is taken by another service: %s", id, service, prefixed);
                    op.put("operationId", prefixed);
                    taken.add(prefixed);
                }
            }
        });
    }

    /** Rewrites every {@code $ref} equal to {@code from} in the tree to {@code to}. */
    static void rename(JsonNode node, String from, String to) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                o.set("$ref", TextNode.valueOf(to));
            }
            o.elements().forEachRemaining(child -> rename(child, from, to));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rename(child, from, to));
        }
    }
}
