package se.kvalitet.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema of every event type ({@code schemas/<type>.json} on the classpath). The published
 * enums live once, in {@code schemas/enums/<Enum>.json}, which the event schemas refer to by a
 * relative {@code $ref}; their {@code $id}s ({@value EventCodec#SCHEMA_BASE}...) are mapped onto
 * the classpath, so validation never fetches anything over the network.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                    builder.schemaMappers(mappers -> mappers.mapPrefix(EventCodec.SCHEMA_BASE, "classpath:schemas/")));
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {}

    public static String resourcePath(String type) {
        return "schemas/" + type + ".json";
    }

    public static boolean exists(String type) {
        return EventSchemas.class.getClassLoader().getResource(resourcePath(type)) != null;
    }

    /** Validation messages for {@code json} against the schema of {@code type}; empty when valid. */
    public static List<String> validate(String type, byte[] json) {
        try {
            JsonNode node = EventCodec.mapper().readTree(json);
            return schema(type).validate(node).stream()
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static JsonSchema schema(String type) {
        return CACHE.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourcePath(t))) {
                if (in == null) {
                    throw new IllegalArgumentException("no JSON Schema for event type " + t);
                }
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
