package se.kvalitet.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void periodsKnowTheirDaysNeighboursAndCodes() {
        assertThat(Period.parse("2025-T2").start()).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(Period.parse("2025-T2").end()).isEqualTo(LocalDate.of(2025, 8, 31));
        assertThat(Period.parse("2025-T1").previous().code()).isEqualTo("2024-T3");
        assertThat(Period.parse("2024-Q4").next().code()).isEqualTo("2025-Q1");
        assertThat(Period.parse("2025-12").next().code()).isEqualTo("2026-01");
        assertThat(Period.parse("2025").previous().code()).isEqualTo("2024");
        assertThat(Period.containing(Period.Type.HALF, LocalDate.of(2025, 7, 1)).code())
                .isEqualTo("2025-H2");
        assertThat(Period.parse("2025-H1").contains(LocalDate.of(2025, 6, 30))).isTrue();
        assertThatThrownBy(() -> Period.parse("2025-T4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("1800")).isInstanceOf(IllegalArgumentException.class);
    }
}
