package se.kvalitet.report.content.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.report.content.ReadModels;

/** Every målvärde comparator has its own Swedish text (the switch has no default: a new one fails compilation). */
class IndicatorTablesTest {

    @Test
    void everyComparatorPrintsItsOwnTextNeverItsName() {
        Map<TargetComparison, String> expected = new EnumMap<>(Map.of(
                TargetComparison.AT_LEAST, "≥ 90,5 %",
                TargetComparison.AT_MOST, "≤ 90,5 %",
                TargetComparison.EXACTLY, "= 90,5 %",
                TargetComparison.BETWEEN, "90,5–95 %",
                TargetComparison.AT_LEAST_PER_GROUP, "≥ 90,5 per grupp"));
        assertThat(expected.keySet()).containsExactly(TargetComparison.values());
        for (TargetComparison c : TargetComparison.values()) {
            BigDecimal upper = c == TargetComparison.BETWEEN ? new BigDecimal("95") : null;
            String text =
                    IndicatorTables.targetText(new ReadModels.Target(c, new BigDecimal("90.5"), upper), "PERCENT");
            assertThat(text).as(c.name()).isEqualTo(expected.get(c)).doesNotContain(c.name());
        }
        assertThat(IndicatorTables.targetText(null, "PERCENT")).isEqualTo("..");
    }
}
