package se.kvalitet.registry.sql;

import jakarta.persistence.Tuple;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Typed reads of native query rows by column alias ({@code em.createNativeQuery(sql, Tuple.class)}),
 * whatever JDBC type the driver hands back. Each query maps its rows into its own record with
 * these; no row is read by position.
 */
public final class Columns {

    private Columns() {}

    public static UUID uuid(Tuple row, String column) {
        return (UUID) row.get(column);
    }

    public static String string(Tuple row, String column) {
        return (String) row.get(column);
    }

    public static int integer(Tuple row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    public static long longValue(Tuple row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    public static boolean bool(Tuple row, String column) {
        return (Boolean) row.get(column);
    }

    public static double doubleValue(Tuple row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    /** A text column holding an enum constant's name, or null. */
    public static <E extends Enum<E>> E enumValue(Tuple row, String column, Class<E> type) {
        Object o = row.get(column);
        return o == null ? null : Enum.valueOf(type, o.toString());
    }

    public static LocalDate date(Tuple row, String column) {
        Object o = row.get(column);
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
