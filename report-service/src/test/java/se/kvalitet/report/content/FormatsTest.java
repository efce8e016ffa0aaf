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
        assertThat(Formats.cell(new BigDecimal("-1.50"))).isEqualTo("−1,5");
        assertThat(Formats.cell("..")).isEqualTo("..");
        assertThat(Formats.cell(null)).isEmpty();
    }

    @Test
    void sheetNamesExcelAccepts() {
        Set<String> taken = new HashSet<>();
        String a = se.kvalitet.report.render.XlsxRendererAccess.name("5 Antal avvikelser per typ: avdelning/enhet [2025]", taken);
        assertThat(a).hasSizeLessThanOrEqualTo(31).doesNotContain(":", "/", "[", "]");
        String b = se.kvalitet.report.render.XlsxRendererAccess.name("5 Antal avvikelser per typ: avdelning/enhet [2025]", taken);
        assertThat(b).isNotEqualTo(a).hasSizeLessThanOrEqualTo(31).endsWith("(2)");
    }
}
