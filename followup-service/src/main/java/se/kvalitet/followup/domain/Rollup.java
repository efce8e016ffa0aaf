package se.kvalitet.followup.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;

/**
 * Rolls measurements of several org units up into one value without ever averaging percentages:
 * shares and ratios from summed numerators and denominators, scales, indexes and days as means
 * weighted by their number of responses, counts as sums. A value that cannot be weighted is left
 * out and counted in {@link Result#excludedUnits()}.
 */
public final class Rollup {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rollup() {
    }

    /** One unit's measurement as input to a roll-up. */
    public record Input(UUID orgUnitId, BigDecimal value, BigDecimal numerator, BigDecimal denominator, Integer responses) {
    }

    /** The rolled-up value (unrounded), the summed parts it came from and how many units counted. */
    public record Result(BigDecimal value, BigDecimal numerator, BigDecimal denominator, Long responses,
            int contributingUnits, int excludedUnits) {
    }

    public static Result of(UnitOfMeasure unit, List<Input> inputs) {
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal sum = BigDecimal.ZERO;
        long responses = 0;
        boolean anyResponses = false;
        int used = 0;
        int excluded = 0;
        for (Input in : inputs) {
            if (in.responses() != null) {
                anyResponses = true;
            }
            switch (unit) {
                case PERCENT, RATIO -> {
                    BigDecimal n = in.numerator();
                    BigDecimal d = in.denominator();
                    if ((n == null || d == null) && unit == UnitOfMeasure.PERCENT && in.value() != null
                            && in.responses() != null && in.responses() > 0) {
                        // a share reported as a percentage of its answers: the count behind it is exact
                        d = BigDecimal.valueOf(in.responses());
                        n = in.value().multiply(d, MC).divide(HUNDRED, MC);
                    }
                    if (n == null || d == null || d.signum() == 0) {
                        excluded++;
                        continue;
                    }
                    num = num.add(n);
                    den = den.add(d);
                }
                case COUNT -> {
                    if (in.value() == null) {
                        excluded++;
                        continue;
                    }
                    sum = sum.add(in.value());
                }
                case SCALE_1_5, INDEX, DAYS -> {
                    if (in.value() == null || in.responses() == null || in.responses() <= 0) {
                        excluded++;
                        continue;
                    }
                    weighted = weighted.add(in.value().multiply(BigDecimal.valueOf(in.responses()), MC));
                }
            }
            if (in.responses() != null) {
                responses += in.responses();
            }
            used++;
        }
        Long resp = anyResponses ? responses : null;
        if (used == 0) {
            return new Result(null, null, null, resp, 0, excluded);
        }
        return switch (unit) {
            case PERCENT -> new Result(den.signum() == 0 ? null : num.multiply(HUNDRED, MC).divide(den, MC), num, den, resp, used, excluded);
            case RATIO -> new Result(den.signum() == 0 ? null : num.divide(den, MC), num, den, resp, used, excluded);
            case COUNT -> new Result(sum, null, null, resp, used, excluded);
            case SCALE_1_5, INDEX, DAYS -> new Result(weighted.divide(BigDecimal.valueOf(responses), MC), null, null, resp, used, excluded);
        };
    }

    /** The value of a single measurement: the stated value, else numerator/denominator. */
    public static BigDecimal valueOf(UnitOfMeasure unit, BigDecimal value, BigDecimal numerator, BigDecimal denominator) {
        if (value != null) {
            return value;
        }
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        BigDecimal q = numerator.divide(denominator, MC);
        return unit == UnitOfMeasure.PERCENT ? q.multiply(HUNDRED, MC) : q;
    }

    public static BigDecimal round(BigDecimal v, int decimals) {
        return v == null ? null : v.setScale(decimals, RoundingMode.HALF_UP);
    }
}
