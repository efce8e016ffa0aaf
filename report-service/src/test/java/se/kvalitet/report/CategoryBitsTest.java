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
 * The category and flag bit tables exist once, in {@link StatisticsBits}: the database's
 * {@code report_category_bit} (generated from it by the repeatable migration {@link CategoryBitFunction})
 * computes the same bit for every category, its flag functions are the generated ones, and a new category cannot be forgotten (the Java switch
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
    void theDatabasesFlagFunctionsAreTheOnesGeneratedFromTheJavaFlags() {
        // the definitions in force are the generated ones (the flag bits, like the category bits, exist once)
        for (String function : List.of("report_track_flags", "report_deviation_flags")) {
            String generated = CategoryBitFunction.statements().stream()
                    .filter(sql -> sql.contains("FUNCTION " + function + "("))
                    .findFirst()
                    .orElseThrow();
            String body = generated.substring(generated.indexOf("$$") + 2, generated.lastIndexOf("$$"));
            assertThat(Db.value("SELECT prosrc FROM pg_proc WHERE proname = '" + function + "'"))
                    .as(function)
                    .isEqualTo(body);
        }
        for (StatisticsBits.AuthorityTrack t : StatisticsBits.AUTHORITY_TRACKS) {
            assertThat(CategoryBitFunction.sql())
                    .contains(
                            "report_track_flags(d, '%s', '%s', %d)".formatted(t.trackType(), t.authority(), t.shift()));
        }
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
