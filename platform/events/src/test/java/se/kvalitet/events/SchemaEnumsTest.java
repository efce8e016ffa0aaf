package se.kvalitet.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.followup.IndicatorChangedV1;

/**
 * The enum lists of the JSON Schemas cannot drift from the Java enums: for every schema and every
 * property carrying an {@code enum}, the Java enum it stands for is found through the event record's
 * component (nested records and lists followed) and the two must list the same values. A published
 * enum is written once, in {@code schemas/enums/<Enum>.json} named after the Java enum, and every
 * property of that enum type refers to it. A schema enum without a Java enum behind it fails unless
 * it is listed below (or, for values a service owns, in {@link SchemaEnums#CARRIED_AS_STRING}); an
 * enum component whose schema property has no {@code enum} fails too (the schema would accept any
 * string).
 */
class SchemaEnumsTest {

    /** Schema enums that list part of their Java enum on purpose, each with the part it must be. */
    static final Map<String, Set<String>> INTENDED_SUBSETS = Map.of(
            key(DeviationAuthorityNotifiedV1.TYPE, "trackType"),
            Set.of("LEX_SARAH", "LEX_MARIA", "PERSONAL_DATA_BREACH"));

    /** String components whose values are those of an enum of this module. */
    static final Map<String, Class<? extends Enum<?>>> STRING_OF_ENUM =
            Map.of(key(IndicatorChangedV1.TYPE, "derivedCategory"), DeviationCategory.class);

    @Test
    void everySchemaEnumListsExactlyTheValuesOfTheJavaEnumItStandsFor() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            String type = EventCatalog.typeOf(event);
            SchemaEnums.of(type).forEach((path, schemaValues) -> {
                String key = key(type, path);
                Set<String> schema = new LinkedHashSet<>(
                        schemaValues.stream().filter(Objects::nonNull).toList());
                Class<?> javaType = componentType(event, path);
                if (javaType == null) {
                    problems.add(key + ": no record component " + path + " in " + event.getSimpleName());
                } else if (javaType.isEnum()) {
                    Set<String> expected = INTENDED_SUBSETS.getOrDefault(key, names(javaType));
                    if (INTENDED_SUBSETS.containsKey(key) && !names(javaType).containsAll(expected)) {
                        problems.add(key + ": the intended subset " + expected + " is not part of "
                                + javaType.getSimpleName());
                    }
                    if (!INTENDED_SUBSETS.containsKey(key)) {
                        sharedFile(key, javaType, SchemaEnums.refs(type).get(path), problems);
                    }
                    compare(key, javaType.getSimpleName(), schema, expected, problems);
                } else if (javaType == String.class && STRING_OF_ENUM.containsKey(key)) {
                    sharedFile(
                            key, STRING_OF_ENUM.get(key), SchemaEnums.refs(type).get(path), problems);
                    compare(
                            key,
                            STRING_OF_ENUM.get(key).getSimpleName(),
                            schema,
                            names(STRING_OF_ENUM.get(key)),
                            problems);
                } else if (!SchemaEnums.CARRIED_AS_STRING.containsKey(key)) {
                    problems.add(key + ": a schema enum " + schema + " with no Java enum behind it (component type "
                            + javaType.getSimpleName()
                            + "); type the component with a platform/events enum or list it as intended");
                }
            });
        }
        assertThat(problems)
                .as("schema enums that differ from their Java enums")
                .isEmpty();
    }

    @Test
    void everyEnumComponentIsAnEnumInItsSchema() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            String type = EventCatalog.typeOf(event);
            Map<String, List<String>> enums = SchemaEnums.of(type);
            for (String path : enumComponentPaths(event, "")) {
                if (!enums.containsKey(path)) {
                    problems.add(key(type, path) + " is a Java enum but its schema property has no enum");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theListOfValuesCarriedAsStringsNamesOnlySchemaEnumsOfStringComponents() {
        for (String key : SchemaEnums.CARRIED_AS_STRING.keySet()) {
            String type = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1);
            Class<? extends DomainEvent> event = EventCatalog.byType(type).orElseThrow();
            assertThat(SchemaEnums.of(type)).as(key).containsKey(path);
            assertThat(componentType(event, path)).as(key).isEqualTo(String.class);
        }
    }

    @Test
    void everySharedEnumFileIsNamedAfterItsJavaEnumAndReferredTo() throws Exception {
        Set<String> referred = new java.util.TreeSet<>();
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            referred.addAll(SchemaEnums.refs(EventCatalog.typeOf(event)).values());
        }
        java.net.URL dir = getClass().getClassLoader().getResource("schemas/" + SchemaEnums.ENUMS);
        assertThat(dir).isNotNull();
        Set<String> files = new java.util.TreeSet<>();
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
            list.forEach(f -> files.add(f.getFileName().toString().replaceFirst("\\.json$", "")));
        }
        assertThat(files)
                .as("shared enum files, each referred to by an event schema")
                .isEqualTo(referred);
        for (String name : files) {
            var node = EventCodec.mapper()
                    .readTree(getClass().getClassLoader().getResource("schemas/" + SchemaEnums.ENUMS + name + ".json"));
            assertThat(node.path("$id").asText())
                    .isEqualTo(EventCodec.SCHEMA_BASE + SchemaEnums.ENUMS + name + ".json");
        }
    }

    @Test
    void aDifferenceIsNamedWithSchemaPropertyAndTheMissingAndExtraValues() {
        List<String> problems = new ArrayList<>();
        compare("t p", "E", Set.of("A", "C"), Set.of("A", "B"), problems);
        assertThat(problems)
                .containsExactly("t p: schema and E differ; missing in the schema [B], extra in the schema [C]");
        assertThat(SchemaEnums.values(DeviationAuthorityNotifiedV1.TYPE, "trackType"))
                .containsExactly("LEX_SARAH", "LEX_MARIA", "PERSONAL_DATA_BREACH");
        assertThat(SchemaEnums.of(IndicatorChangedV1.TYPE)).containsKey("targets[].comparator");
    }

    /** The property must refer to {@code enums/<Enum>.json} of exactly its Java enum. */
    private static void sharedFile(String key, Class<?> enumType, String ref, List<String> problems) {
        String name = enumName(enumType);
        if (!name.equals(ref)) {
            problems.add(key + ": should refer to the one list of " + name + " ({\"$ref\": \"" + SchemaEnums.ENUMS
                    + name + ".json\"}), " + (ref == null ? "has its own copy" : "refers to " + ref));
        }
    }

    /** The enum's name inside its package: {@code DeviationCategory}, {@code DeviationTrackClosedV1.Closure}. */
    static String enumName(Class<?> enumType) {
        return enumType.getName()
                .substring(enumType.getPackageName().length() + 1)
                .replace('$', '.');
    }

    private static void compare(
            String key, String javaName, Set<String> schema, Set<String> java, List<String> problems) {
        if (!schema.equals(java)) {
            Set<String> missing = new LinkedHashSet<>(java);
            missing.removeAll(schema);
            Set<String> extra = new LinkedHashSet<>(schema);
            extra.removeAll(java);
            problems.add(key + ": schema and " + javaName + " differ; missing in the schema "
                    + missing.stream().sorted().toList() + ", extra in the schema "
                    + extra.stream().sorted().toList());
        }
    }

    /** The (element) type of the component at {@code path} ({@code a}, {@code a[]}, {@code a[].b}), or null. */
    static Class<?> componentType(Class<?> record, String path) {
        Class<?> current = record;
        for (String segment : path.split("\\.")) {
            boolean items = segment.endsWith("[]");
            String name = items ? segment.substring(0, segment.length() - 2) : segment;
            RecordComponent rc = current.isRecord() ? component(current, name) : null;
            if (rc == null) {
                return null;
            }
            current = items ? elementType(rc) : rc.getType();
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static List<String> enumComponentPaths(Class<?> record, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent rc : record.getRecordComponents()) {
            boolean list = rc.getType() == List.class || rc.getType() == Set.class;
            Class<?> t = list ? elementType(rc) : rc.getType();
            String path = prefix + rc.getName() + (list ? "[]" : "");
            if (t == null) {
                continue;
            }
            if (t.isEnum()) {
                out.add(path);
            } else if (t.isRecord()) {
                out.addAll(enumComponentPaths(t, path + "."));
            }
        }
        return out;
    }

    private static RecordComponent component(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static Class<?> elementType(RecordComponent rc) {
        if (rc.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> item) {
            return item;
        }
        return null;
    }

    private static Set<String> names(Class<?> enumType) {
        Set<String> names = new LinkedHashSet<>();
        for (Object constant : enumType.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return names;
    }

    private static String key(String type, String path) {
        return type + " " + path;
    }
}
