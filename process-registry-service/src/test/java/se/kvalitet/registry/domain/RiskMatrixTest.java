package se.kvalitet.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import se.kvalitet.events.registry.RiskMatrixClass;

class RiskMatrixTest {

    @Test
    void theDefaultFourByFourMatrix() {
        RiskMatrix m = new RiskMatrix(4, 8, 12);
        assertThat(m.classOf(1, 3)).isEqualTo(RiskMatrixClass.LOW);
        assertThat(m.classOf(2, 2)).isEqualTo(RiskMatrixClass.MEDIUM);
        assertThat(m.classOf(3, 2)).isEqualTo(RiskMatrixClass.MEDIUM);
        assertThat(m.classOf(2, 4)).isEqualTo(RiskMatrixClass.HIGH);
        assertThat(m.classOf(3, 3)).isEqualTo(RiskMatrixClass.HIGH);
        assertThat(m.classOf(3, 4)).isEqualTo(RiskMatrixClass.VERY_HIGH);
        assertThat(m.classOf(4, 4)).isEqualTo(RiskMatrixClass.VERY_HIGH);
        assertThat(m.thresholds()).containsEntry(RiskMatrixClass.HIGH, 8).containsEntry(RiskMatrixClass.LOW, 1);
    }

    @Test
    void thresholdsAreConfigurableButMustRise() {
        RiskMatrix strict = new RiskMatrix(3, 6, 9);
        assertThat(strict.classOf(1, 3)).isEqualTo(RiskMatrixClass.MEDIUM);
        assertThat(strict.classOf(3, 3)).isEqualTo(RiskMatrixClass.VERY_HIGH);
        assertThatThrownBy(() -> new RiskMatrix(8, 4, 12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskMatrix(4, 8, 17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskMatrix(1, 8, 12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskMatrix.score(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskMatrix.score(4, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
