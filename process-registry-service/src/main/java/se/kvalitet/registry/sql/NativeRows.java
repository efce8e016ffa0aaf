package se.kvalitet.registry.sql;

import java.time.LocalDate;

/** Column values of native queries, whatever JDBC type the driver hands back. */
public final class NativeRows {

    private NativeRows() {
    }

    public static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }
}
