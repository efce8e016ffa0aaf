package se.kvalitet.report.render;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as Swedish readers expect them: decimal comma, a space between thousands. */
public final class Formats {

    private static final ThreadLocal<DecimalFormat> DECIMAL = ThreadLocal.withInitial(() -> {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("sv-SE"));
        symbols.setGroupingSeparator('\u00a0');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('−');
        DecimalFormat f = new DecimalFormat("#,##0.#", symbols);
        f.setMaximumFractionDigits(2);
        return f;
    });

    private Formats() {
    }

    public static String cell(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof BigDecimal b) {
            return DECIMAL.get().format(b);
        }
        if (o instanceof Number n) {
            return DECIMAL.get().format(n.longValue());
        }
        return o.toString();
    }

    public static boolean numeric(Object o) {
        return o instanceof Number;
    }
}
