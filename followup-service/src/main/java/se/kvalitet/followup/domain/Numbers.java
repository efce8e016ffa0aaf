package se.kvalitet.followup.domain;

import java.math.BigDecimal;

/** Exact numbers as shown to clients: no trailing zeros, never in exponent notation (100, not 1E+2). */
public final class Numbers {

    private Numbers() {}

    public static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
