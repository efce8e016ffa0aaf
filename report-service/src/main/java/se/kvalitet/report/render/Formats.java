package se.kvalitet.report.render;

import java.math.BigDecimal;
import se.kvalitet.report.statistics.SwedishNumbers;

/** A table cell as text: numbers through {@link SwedishNumbers} (as every other figure), text as it is. */
public final class Formats {

    private Formats() {}

    public static String cell(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof BigDecimal b) {
            return SwedishNumbers.format(b);
        }
        if (o instanceof Number n) {
            return SwedishNumbers.format(n.longValue());
        }
        return o.toString();
    }

    public static boolean numeric(Object o) {
        return o instanceof Number;
    }
}
