package se.kvalitet.followup.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Objects;
import se.kvalitet.events.followup.TargetComparison;

/**
 * A målvärde (target) and its evaluation rule. Pure domain logic: exact decimal arithmetic, no doubles.
 *
 * @param comparator how values are compared
 * @param value      the target, or the lower bound for {@link TargetComparison#BETWEEN}
 * @param upper      the upper bound for {@link TargetComparison#BETWEEN}, else null
 */
public record Target(TargetComparison comparator, BigDecimal value, BigDecimal upper) {

    public Target {
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(value, "value");
        if (comparator == TargetComparison.BETWEEN) {
            if (upper == null || upper.compareTo(value) < 0) {
                throw new IllegalArgumentException("BETWEEN needs an upper bound not below the lower bound");
            }
        } else if (upper != null) {
            throw new IllegalArgumentException("only BETWEEN takes an upper bound");
        }
    }

    /** Whether {@code v} meets the target. */
    public boolean isMet(BigDecimal v) {
        return distance(v).signum() == 0;
    }

    /**
     * How far {@code v} is from the nearest acceptable value: 0 when met, negative when below, positive
     * when above.
     */
    public BigDecimal distance(BigDecimal v) {
        return switch (comparator) {
            case AT_LEAST, AT_LEAST_PER_GROUP -> v.compareTo(value) >= 0 ? BigDecimal.ZERO : v.subtract(value);
            case AT_MOST -> v.compareTo(value) <= 0 ? BigDecimal.ZERO : v.subtract(value);
            case EXACTLY -> v.subtract(value);
            case BETWEEN ->
                v.compareTo(value) < 0
                        ? v.subtract(value)
                        : v.compareTo(upper) > 0 ? v.subtract(upper) : BigDecimal.ZERO;
        };
    }

    /** For AT_LEAST_PER_GROUP over several groups: the smallest group decides. */
    public BigDecimal perGroupValue(Collection<BigDecimal> groupValues) {
        return groupValues.stream().min(BigDecimal::compareTo).orElse(null);
    }

    /** +1 when higher values are better, -1 when lower are, 0 when closeness to a band or point matters. */
    public int direction() {
        return switch (comparator) {
            case AT_LEAST, AT_LEAST_PER_GROUP -> 1;
            case AT_MOST -> -1;
            case EXACTLY, BETWEEN -> 0;
        };
    }
}
