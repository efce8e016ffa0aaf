package se.kvalitet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.report.statistics.CategoryBitFunction;
import se.kvalitet.report.statistics.StatisticsBits;

/**
 * The category bit table exists once, in {@link StatisticsBits}: the database's
 * {@code report_category_bit} (generated from it by the repeatable migration {@link CategoryBitFunction})
 * computes the same bit for every category, and a new category cannot be forgotten (the Java switch
 * has no default, the columns list every category).
 */
@QuarkusTest
class CategoryBitsTest {

    @Test
    void theDatabaseComputesTheJavaBitOfEveryCategory() {
        for (DeviationCategory c : DeviationCategory.values()) {
            assertThat(Db.count("SELECT report_category_bit('" + c.name() + "')"))
                    .as(c.name())
                    .isEqualTo(StatisticsBits.bit(c));
        }
        assertThat(Db.count("SELECT report_category_bit('" + StatisticsBits.UNCLASSIFIED + "')"))
                .isEqualTo(StatisticsBits.UNCLASSIFIED_BIT);
        assertThat(Db.count("SELECT report_category_bit('SOMETHING_ELSE')")).isEqualTo(StatisticsBits.UNCLASSIFIED_BIT);
        assertThat(Db.value("SELECT provolatile FROM pg_proc WHERE proname = 'report_category_bit'"))
                .as("still immutable")
                .isEqualTo("i");
    }

    @Test
    void flywayRecordedTheGeneratedFunctionWithTheChecksumOfItsText() {
        assertThat(Db.count(
                        "SELECT count(*) FROM flyway_schema_history WHERE version IS NULL AND success AND checksum = "
                                + new CategoryBitFunction().getChecksum()))
                .isEqualTo(1);
    }

    @Test
    void everyCategoryHasItsOwnBitItsColumnAndItsLabel() {
        List<Integer> bits = new ArrayList<>(Arrays.stream(DeviationCategory.values())
                .map(StatisticsBits::bit)
                .toList());
        bits.add(StatisticsBits.UNCLASSIFIED_BIT);
        assertThat(bits)
                .doesNotHaveDuplicates()
                .allSatisfy(b -> assertThat(Integer.bitCount(b)).isEqualTo(1));
        List<String> all = new ArrayList<>(
                Arrays.stream(DeviationCategory.values()).map(Enum::name).toList());
        all.add(StatisticsBits.UNCLASSIFIED);
        assertThat(StatisticsBits.CATEGORIES).containsExactlyInAnyOrderElementsOf(all);
        assertThat(StatisticsBits.CATEGORIES.stream().map(StatisticsBits::label))
                .doesNotHaveDuplicates();
    }
}
