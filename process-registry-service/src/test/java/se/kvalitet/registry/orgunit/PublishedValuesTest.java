package se.kvalitet.registry.orgunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.SchemaEnums;

/**
 * The values process-registry-service publishes as strings are exactly the enum lists of the event
 * JSON Schemas (with platform/events' {@code SchemaEnumsTest}, every schema enum stands for one Java enum).
 */
class PublishedValuesTest {

    private static final String REGISTRY = "se.kvalitet.registry.";

    private static final Map<String, Enum<?>[]> OWNED =
            Map.of(REGISTRY + "org-unit.changed.v1 change", OrgUnitVersion.Change.values());

    @Test
    void everyValuePublishedAsAStringIsExactlyItsSchemaEnum() {
        OWNED.forEach((key, values) -> {
            String type = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1);
            assertThat(SchemaEnums.values(type, path))
                    .as(key)
                    .containsExactlyInAnyOrderElementsOf(
                            Arrays.stream(values).map(Enum::name).toList());
        });
    }

    @Test
    void everyRegistrySchemaEnumCarriedAsAStringIsCheckedHere() {
        assertThat(OWNED.keySet())
                .containsExactlyInAnyOrderElementsOf(SchemaEnums.CARRIED_AS_STRING.keySet().stream()
                        .filter(k -> k.startsWith(REGISTRY))
                        .collect(Collectors.toSet()));
    }
}
