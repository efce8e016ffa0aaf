package se.kvalitet.followup.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.SchemaEnums;
import se.kvalitet.followup.domain.Enums;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.initiative.QualityInitiative;

/**
 * The values followup-service publishes as strings (its events carry them by name) are exactly the
 * enum lists of the event JSON Schemas, so a new constant here cannot be published with a schema
 * that refuses it. Together with platform/events' {@code SchemaEnumsTest} (which fails on a schema
 * enum nobody checks) every schema enum stands for one Java enum.
 */
class PublishedValuesTest {

    private static final String FOLLOWUP = "se.kvalitet.followup.";

    /** Each entry of {@link SchemaEnums#CARRIED_AS_STRING} that followup-service owns, with the values it publishes there. */
    private static final Map<String, List<String>> OWNED = Map.ofEntries(
            Map.entry(FOLLOWUP + "egenkontroll.executed.v1 result", names(Enums.EgenkontrollResult.values())),
            Map.entry(FOLLOWUP + "indicator.changed.v1 unitOfMeasure", names(Enums.UnitOfMeasure.values())),
            Map.entry(FOLLOWUP + "indicator.changed.v1 method", names(Enums.Method.values())),
            Map.entry(FOLLOWUP + "indicator.changed.v1 frequency", names(Enums.Frequency.values())),
            Map.entry(FOLLOWUP + "indicator.changed.v1 derivedMetric", names(Enums.DerivedMetric.values())),
            Map.entry(FOLLOWUP + "indicator.evaluated.v1 gender", names(Enums.Gender.values())),
            Map.entry(FOLLOWUP + "indicator.evaluated.v1 status", names(Enums.Status.values())),
            Map.entry(FOLLOWUP + "indicator.evaluated.v1 basis", names(Evaluator.Basis.values())),
            Map.entry(FOLLOWUP + "indicator.evaluated.v1 missingReason", names(Enums.MissingReason.values())),
            Map.entry(FOLLOWUP + "indicator.evaluated.v1 trend", names(Enums.Trend.values())),
            // an initiative is published when it ends: the final statuses, those without a next one
            Map.entry(
                    FOLLOWUP + "initiative.completed.v1 outcome",
                    names(Arrays.stream(QualityInitiative.Status.values())
                            .filter(s -> s.next().isEmpty())
                            .toArray(Enum[]::new))),
            Map.entry(FOLLOWUP + "initiative.completed.v1 origin", names(QualityInitiative.Origin.values())),
            Map.entry(FOLLOWUP + "initiative.overdue.v1 origin", names(QualityInitiative.Origin.values())),
            Map.entry(FOLLOWUP + "measurement.recorded.v1 gender", names(Enums.Gender.values())),
            Map.entry(FOLLOWUP + "measurement.recorded.v1 missingReason", names(Enums.MissingReason.values())),
            Map.entry(FOLLOWUP + "target.missed.v1 gender", names(Enums.Gender.values())));

    @Test
    void everyValuePublishedAsAStringIsExactlyItsSchemaEnum() {
        for (Map.Entry<String, List<String>> e : OWNED.entrySet()) {
            String type = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            assertThat(SchemaEnums.values(type, path)).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
        }
    }

    @Test
    void everyFollowupSchemaEnumCarriedAsAStringIsCheckedHere() {
        assertThat(OWNED.keySet())
                .containsExactlyInAnyOrderElementsOf(SchemaEnums.CARRIED_AS_STRING.keySet().stream()
                        .filter(k -> k.startsWith(FOLLOWUP))
                        .collect(Collectors.toSet()));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
