package se.kvalitet.report.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An exact share: numerator over denominator. The percentage is rounded <em>once</em>, here, to one
 * decimal (half up) from the exact fraction, and every output prints that value: the JSON, the
 * tables of HTML, PDF and XLSX and the sentences (37 of 391 is 9,5 % everywhere, never 9,5 in a
 * table and 10 % in the text).
 */
@Schema(
        name = "Share",
        description = "A share kept as numerator/denominator; percent (one decimal, rounded once from "
                + "the exact fraction) is null when the denominator is 0")
public record Share(long numerator, long denominator, BigDecimal percent) {

    public static final int DECIMALS = 1;

    public static Share of(long numerator, long denominator) {
        return new Share(numerator, denominator, percent(numerator, denominator));
    }

    static BigDecimal percent(long numerator, long denominator) {
        return denominator == 0
                ? null
                : BigDecimal.valueOf(numerator)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(denominator), DECIMALS, RoundingMode.HALF_UP);
    }

    /** "9,5 %" ("–" without a denominator): the rounded percentage as it is, in Swedish. */
    public String text() {
        return percent == null ? "–" : SwedishNumbers.format(percent) + " %";
    }

    /**
     * The change in percentage points since {@code before}, computed from the two exact fractions
     * and rounded once (null when either has no denominator).
     */
    public BigDecimal pointsSince(Share before) {
        if (denominator == 0 || before == null || before.denominator == 0) {
            return null;
        }
        // (a/b - c/d) * 100 = (a*d - c*b) * 100 / (b*d)
        BigDecimal num = BigDecimal.valueOf(numerator)
                .multiply(BigDecimal.valueOf(before.denominator))
                .subtract(BigDecimal.valueOf(before.numerator).multiply(BigDecimal.valueOf(denominator)))
                .multiply(BigDecimal.valueOf(100));
        return num.divide(
                BigDecimal.valueOf(denominator).multiply(BigDecimal.valueOf(before.denominator)),
                DECIMALS,
                RoundingMode.HALF_UP);
    }
}
