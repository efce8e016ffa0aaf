package se.kvalitet.registry.domain;

import java.util.EnumMap;
import java.util.Map;
import se.kvalitet.events.registry.RiskMatrixClass;

/**
 * The risk matrix: score = likelihood (1-4) × consequence (1-4), and the class of a score from the
 * configured lower bounds of MEDIUM, HIGH and VERY_HIGH (the rest is LOW). The defaults (4, 8, 12)
 * give the usual 4×4 matrix: 1-3 low, 4-6 medium, 8-9 high, 12-16 very high.
 */
public final class RiskMatrix {

    private final int mediumFrom;
    private final int highFrom;
    private final int veryHighFrom;

    public RiskMatrix(int mediumFrom, int highFrom, int veryHighFrom) {
        if (!(1 < mediumFrom && mediumFrom < highFrom && highFrom < veryHighFrom && veryHighFrom <= 16)) {
            throw new IllegalArgumentException("risk matrix thresholds must rise within 2..16: medium-from="
                    + mediumFrom + ", high-from=" + highFrom + ", very-high-from=" + veryHighFrom);
        }
        this.mediumFrom = mediumFrom;
        this.highFrom = highFrom;
        this.veryHighFrom = veryHighFrom;
    }

    public static int score(int likelihood, int consequence) {
        if (likelihood < 1 || likelihood > 4 || consequence < 1 || consequence > 4) {
            throw new IllegalArgumentException("likelihood and consequence are 1-4");
        }
        return likelihood * consequence;
    }

    public RiskMatrixClass classOf(int score) {
        if (score >= veryHighFrom) {
            return RiskMatrixClass.VERY_HIGH;
        }
        if (score >= highFrom) {
            return RiskMatrixClass.HIGH;
        }
        return score >= mediumFrom ? RiskMatrixClass.MEDIUM : RiskMatrixClass.LOW;
    }

    public RiskMatrixClass classOf(int likelihood, int consequence) {
        return classOf(score(likelihood, consequence));
    }

    /** The lower bound of each class. */
    public Map<RiskMatrixClass, Integer> thresholds() {
        Map<RiskMatrixClass, Integer> m = new EnumMap<>(RiskMatrixClass.class);
        m.put(RiskMatrixClass.LOW, 1);
        m.put(RiskMatrixClass.MEDIUM, mediumFrom);
        m.put(RiskMatrixClass.HIGH, highFrom);
        m.put(RiskMatrixClass.VERY_HIGH, veryHighFrom);
        return m;
    }
}
