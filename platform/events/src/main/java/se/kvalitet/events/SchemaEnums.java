package se.kvalitet.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code enum} lists of the event JSON Schemas, read from the schemas themselves, so tests can
 * hold them against the Java enums they stand for ({@code SchemaEnumsTest} in this module for
 * enum-typed record components; the producing service's test for the few values carried as a
 * String, listed in {@link #CARRIED_AS_STRING}).
 *
 * <p>A property is named by its path in the event's data: {@code trackType}, {@code categories[]} (the
 * items of an array), {@code targets[].comparator} (a property of the objects in an array). A
 * published enum is written once, in {@code schemas/enums/<Enum>.json}, and an event schema refers to
 * it ({@code {"$ref": "enums/DeviationCategory.json"}}, or inside {@code anyOf} with {@code null}
 * when optional); {@link #of} follows those references, {@link #refs} names them.
 */
public final class SchemaEnums {

    /**
     * Schema enums whose record component is a {@code String}: their values are owned by an enum of the
     * producing service (named here), whose test checks them against {@link #values}. Any other schema
     * enum must stand for a Java enum of this module.
     */
    public static final Map<String, String> CARRIED_AS_STRING = Map.ofEntries(
            Map.entry("se.kvalitet.deviation.reported.v1 channel", "deviation-service Deviation.Channel"),
            Map.entry(
                    "se.kvalitet.registry.org-unit.changed.v1 change",
                    "process-registry-service OrgUnitVersion.Change"),
            Map.entry(
                    "se.kvalitet.followup.egenkontroll.executed.v1 result",
                    "followup-service Enums.EgenkontrollResult"),
            Map.entry(
                    "se.kvalitet.followup.indicator.changed.v1 unitOfMeasure", "followup-service Enums.UnitOfMeasure"),
            Map.entry("se.kvalitet.followup.indicator.changed.v1 method", "followup-service Enums.Method"),
            Map.entry("se.kvalitet.followup.indicator.changed.v1 frequency", "followup-service Enums.Frequency"),
            Map.entry(
                    "se.kvalitet.followup.indicator.changed.v1 derivedMetric", "followup-service Enums.DerivedMetric"),
            Map.entry("se.kvalitet.followup.indicator.evaluated.v1 gender", "followup-service Enums.Gender"),
            Map.entry("se.kvalitet.followup.indicator.evaluated.v1 status", "followup-service Enums.Status"),
            Map.entry("se.kvalitet.followup.indicator.evaluated.v1 basis", "followup-service Evaluator.Basis"),
            Map.entry(
                    "se.kvalitet.followup.indicator.evaluated.v1 missingReason",
                    "followup-service Enums.MissingReason"),
            Map.entry("se.kvalitet.followup.indicator.evaluated.v1 trend", "followup-service Enums.Trend"),
            Map.entry(
                    "se.kvalitet.followup.initiative.completed.v1 outcome",
                    "followup-service QualityInitiative.Status (DONE, NOT_DONE)"),
            Map.entry(
                    "se.kvalitet.followup.initiative.completed.v1 origin", "followup-service QualityInitiative.Origin"),
            Map.entry("se.kvalitet.followup.initiative.overdue.v1 origin", "followup-service QualityInitiative.Origin"),
            Map.entry("se.kvalitet.followup.measurement.recorded.v1 gender", "followup-service Enums.Gender"),
            Map.entry(
                    "se.kvalitet.followup.measurement.recorded.v1 missingReason",
                    "followup-service Enums.MissingReason"),
            Map.entry("se.kvalitet.followup.target.missed.v1 gender", "followup-service Enums.Gender"));

    /** Where the shared enums live, relative to the event schemas. */
    public static final String ENUMS = "enums/";

    private SchemaEnums() {}

    /**
     * Every enum of the schema of {@code type}, by property path, each list as written (a {@code null}
     * entry kept, also for an optional reference to a shared enum).
     */
    public static Map<String, List<String>> of(String type) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        collect(schema(EventSchemas.resourcePath(type)).path("properties"), "", out, new LinkedHashMap<>());
        return out;
    }

    /** The shared enum each property of the schema of {@code type} refers to ({@code DeviationCategory}, ...), by property path. */
    public static Map<String, String> refs(String type) {
        Map<String, String> refs = new LinkedHashMap<>();
        collect(schema(EventSchemas.resourcePath(type)).path("properties"), "", new LinkedHashMap<>(), refs);
        return refs;
    }

    /** The non-null values of the enum at {@code path} in the schema of {@code type}; fails when there is none. */
    public static List<String> values(String type, String path) {
        List<String> values = of(type).get(path);
        if (values == null) {
            throw new IllegalArgumentException("the schema of " + type + " has no enum at " + path);
        }
        return values.stream().filter(v -> v != null).toList();
    }

    private static void collect(
            JsonNode properties, String prefix, Map<String, List<String>> out, Map<String, String> refs) {
        properties.fields().forEachRemaining(p -> property(p.getValue(), prefix + p.getKey(), out, refs));
    }

    private static void property(JsonNode node, String path, Map<String, List<String>> out, Map<String, String> refs) {
        if (node.has("enum")) {
            out.put(path, values(node.get("enum"), false));
        }
        if (node.has("$ref")) {
            shared(node.get("$ref").asText(), path, false, out, refs);
        }
        if (node.has("anyOf")) {
            boolean nullable = false;
            for (JsonNode option : node.get("anyOf")) {
                nullable |= "null".equals(option.path("type").asText());
            }
            for (JsonNode option : node.get("anyOf")) {
                if (option.has("$ref")) {
                    shared(option.get("$ref").asText(), path, nullable, out, refs);
                }
            }
        }
        if (node.has("properties")) {
            collect(node.get("properties"), path + ".", out, refs);
        }
        if (node.has("items")) {
            property(node.get("items"), path + "[]", out, refs);
        }
    }

    private static void shared(
            String ref, String path, boolean nullable, Map<String, List<String>> out, Map<String, String> refs) {
        if (!ref.startsWith(ENUMS) || !ref.endsWith(".json")) {
            throw new IllegalStateException(
                    "an event schema refers to " + ref + " at " + path + "; only " + ENUMS + "<Enum>.json is known");
        }
        refs.put(path, ref.substring(ENUMS.length(), ref.length() - ".json".length()));
        out.put(path, values(schema("schemas/" + ref).get("enum"), nullable));
    }

    private static List<String> values(JsonNode enumNode, boolean withNull) {
        List<String> values = new ArrayList<>();
        if (withNull) {
            values.add(null);
        }
        enumNode.forEach(v -> values.add(v.isNull() ? null : v.asText()));
        return values;
    }

    private static JsonNode schema(String resource) {
        try (InputStream in = SchemaEnums.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema " + resource);
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
