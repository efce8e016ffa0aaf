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

    static final MathContext MC = MathContext.DECIMAL128;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rollup() {}

    /** One unit's measurement as input to a roll-up. */
    public record Input(
            UUID orgUnitId, BigDecimal value, BigDecimal numerator, BigDecimal denominator, Long responses) {}

    /** The rolled-up value (unrounded), the summed parts it came from and how many units counted. */
    public record Result(
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            Long responses,
            int contributingUnits,
            int excludedUnits) {}

    /** Whether {@code in} can take part in a roll-up of {@code unit}: it has the parts the unit's rule needs. */
    public static boolean usable(UnitOfMeasure unit, Input in) {
        return switch (unit) {
            case PERCENT -> hasShare(in) || (in.value() != null && in.responses() != null && in.responses() > 0);
            case RATIO -> hasShare(in);
            case COUNT -> in.value() != null;
            case SCALE_1_5, INDEX, DAYS -> in.value() != null && in.responses() != null && in.responses() > 0;
        };
    }

    private static boolean hasShare(Input in) {
        return in.numerator() != null
                && in.denominator() != null
                && in.denominator().signum() != 0;
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
            if (!usable(unit, in)) {
                excluded++;
                continue;
            }
            switch (unit) {
                case PERCENT, RATIO -> {
                    if (hasShare(in)) {
                        num = num.add(in.numerator());
                        den = den.add(in.denominator());
                    } else {
                        // a share reported as a percentage of its answers: the count behind it is exact
                        BigDecimal d = BigDecimal.valueOf(in.responses());
                        num = num.add(in.value().multiply(d, MC).divide(HUNDRED, MC));
                        den = den.add(d);
                    }
                }
                case COUNT -> sum = sum.add(in.value());
                case SCALE_1_5, INDEX, DAYS ->
                    weighted = weighted.add(in.value().multiply(BigDecimal.valueOf(in.responses()), MC));
            }
            if (in.responses() != null) {
                anyResponses = true;
                responses += in.responses();
            }
            used++;
        }
        Long resp = anyResponses ? responses : null;
        if (used == 0) {
            return new Result(null, null, null, resp, 0, excluded);
        }
        return switch (unit) {
            case PERCENT ->
                new Result(
                        den.signum() == 0 ? null : num.multiply(HUNDRED, MC).divide(den, MC),
                        num,
                        den,
                        resp,
                        used,
                        excluded);
            case RATIO -> new Result(num.divide(den, MC), num, den, resp, used, excluded);
            case COUNT -> new Result(sum, null, null, resp, used, excluded);
            case SCALE_1_5, INDEX, DAYS ->
                new Result(weighted.divide(BigDecimal.valueOf(responses), MC), null, null, resp, used, excluded);
        };
    }

    /** The value of a single measurement: the stated value, else numerator/denominator. */
    public static BigDecimal valueOf(
            UnitOfMeasure unit, BigDecimal value, BigDecimal numerator, BigDecimal denominator) {
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
