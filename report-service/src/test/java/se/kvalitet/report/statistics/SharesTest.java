package se.kvalitet.report.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Shares and tertials as the statistics print them (the organisation history's tests are in platform/orgcopy). */
class SharesTest {

    @Test
    void sharesKeepNumeratorAndDenominator() {
        assertThat(Share.of(109, 391).percent()).hasToString("27.9");
        // rounded once, to one decimal, and printed as rounded (seed 003 printed "28 %")
        assertThat(Share.of(109, 391).text()).isEqualTo("27,9 %");
        assertThat(Share.of(1, 0).percent()).isNull();
        assertThat(Share.of(1, 0).text()).isEqualTo("–");
        assertThat(StatisticsService.tertial("2025-04")).isEqualTo("2025-T1");
        assertThat(StatisticsService.tertial("2025-05")).isEqualTo("2025-T2");
        assertThat(StatisticsService.tertial("2025-12")).isEqualTo("2025-T3");
    }
}
