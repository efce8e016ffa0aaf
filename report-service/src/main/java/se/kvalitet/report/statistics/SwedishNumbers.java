package se.kvalitet.report.statistics;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as Swedish readers expect them (decimal comma, a no-break space between thousands, a
 * real minus sign): the one formatter of every figure in the HTML, the PDF and the verdict texts.
 * It never rounds a value that {@link Share} or the read models have already rounded: a value's
 * decimals (up to two) are printed as it carries them.
 */
public final class SwedishNumbers {

    private static final ThreadLocal<DecimalFormat> FORMAT = ThreadLocal.withInitial(() -> {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("sv-SE"));
        symbols.setGroupingSeparator('\u00a0');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('−');
        DecimalFormat f = new DecimalFormat("#,##0.##", symbols);
        f.setMaximumFractionDigits(2);
        return f;
    });

    private SwedishNumbers() {}

    /** With the decimals the value carries (at most two): 9,5 and 50,0 from shares rounded to one decimal. */
    public static String format(BigDecimal v) {
        DecimalFormat f = FORMAT.get();
        f.setMinimumFractionDigits(Math.max(0, Math.min(2, v.scale())));
        try {
            return f.format(v);
        } finally {
            f.setMinimumFractionDigits(0);
        }
    }

    public static String format(long v) {
        return FORMAT.get().format(v);
    }

    /** A signed change: "+3", "−1,5", "0". */
    public static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + format(v);
    }
}
