package se.kvalitet.report.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exact share: numerator over denominator, with the percentage rounded to one decimal for display. */
@Schema(name = "Share", description = "A share kept as numerator/denominator; percent is null when the denominator is 0")
public record Share(long numerator, long denominator, BigDecimal percent) {

    public static Share of(long numerator, long denominator) {
        BigDecimal percent = denominator == 0 ? null
                : BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
        return new Share(numerator, denominator, percent);
    }

    /** "28 %" as Swedish text ("–" without a denominator); whole percent as the seeds print them. */
    public String text() {
        if (percent == null) {
            return "–";
        }
        return percent.setScale(0, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
