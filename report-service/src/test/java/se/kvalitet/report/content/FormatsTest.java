package se.kvalitet.report.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.kvalitet.report.render.Formats;

/** Swedish number formatting and Excel sheet names. */
class FormatsTest {

    @Test
    void swedishNumbers() {
        assertThat(Formats.cell(new BigDecimal("27.9"))).isEqualTo("27,9");
        assertThat(Formats.cell(12345L)).isEqualTo("12\u00a0345");
        assertThat(Formats.cell(new BigDecimal("-1.50"))).isEqualTo("−1,50");
        assertThat(Formats.cell(new BigDecimal("9.5"))).isEqualTo("9,5");
        assertThat(Formats.cell(new BigDecimal("50.0"))).isEqualTo("50,0");
        assertThat(Formats.cell("..")).isEqualTo("..");
        assertThat(Formats.cell(null)).isEmpty();
    }

    @Test
    void aShareIsRoundedOnceFromItsExactFraction() {
        // seed 003: 37 personal data breaches of 391 deviations
        se.kvalitet.report.statistics.Share s = se.kvalitet.report.statistics.Share.of(37, 391);
        assertThat(s.percent()).isEqualByComparingTo("9.5");
        assertThat(s.text()).isEqualTo("9,5 %");
        assertThat(Formats.cell(s.percent())).isEqualTo("9,5");
        // 9.46 → 9.5, never 9.5 → 10: a share near a half rounds from the fraction, not from a rounded value
        assertThat(se.kvalitet.report.statistics.Share.of(1, 8).text()).isEqualTo("12,5 %");
        assertThat(se.kvalitet.report.statistics.Share.of(0, 0).text()).isEqualTo("–");
        // the change in percentage points from the two exact fractions: 37/391 - 30/360 = 1.13 points
        assertThat(s.pointsSince(se.kvalitet.report.statistics.Share.of(30, 360)))
                .isEqualByComparingTo("1.1");
    }

    @Test
    void sheetNamesExcelAccepts() {
        Set<String> taken = new HashSet<>();
        String a = se.kvalitet.report.render.XlsxRendererAccess.name(
                "5 Antal avvikelser per typ: avdelning/enhet [2025]", taken);
        assertThat(a).hasSizeLessThanOrEqualTo(31).doesNotContain(":", "/", "[", "]");
        String b = se.kvalitet.report.render.XlsxRendererAccess.name(
                "5 Antal avvikelser per typ: avdelning/enhet [2025]", taken);
        assertThat(b).isNotEqualTo(a).hasSizeLessThanOrEqualTo(31).endsWith("(2)");
    }
}
