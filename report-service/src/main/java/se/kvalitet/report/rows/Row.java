package se.kvalitet.report.rows;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One row of a native query, read by column name with typed getters (never by position): the
 * common view of a JDBC {@link java.sql.ResultSet} and a JPA {@link jakarta.persistence.Tuple}, so
 * every query of the service maps its rows to a record the same way ({@link RowMapper}).
 */
public interface Row {

    /** The raw value of the column (its label in the SELECT), null for SQL NULL. */
    Object get(String column);

    default String string(String column) {
        Object o = get(column);
        return o == null ? null : o.toString();
    }

    default UUID uuid(String column) {
        Object o = get(column);
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    default LocalDate date(String column) {
        Object o = get(column);
        if (o == null || o instanceof LocalDate) {
            return (LocalDate) o;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    default Instant instant(String column) {
        Object o = get(column);
        if (o == null || o instanceof Instant) {
            return (Instant) o;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return Instant.parse(o.toString());
    }

    /** A non-null integer column. */
    default long longValue(String column) {
        return ((Number) get(column)).longValue();
    }

    default int intValue(String column) {
        return ((Number) get(column)).intValue();
    }

    default Long nullableLong(String column) {
        Object o = get(column);
        return o == null ? null : ((Number) o).longValue();
    }

    default BigDecimal decimal(String column) {
        Object o = get(column);
        if (o == null || o instanceof BigDecimal) {
            return (BigDecimal) o;
        }
        return new BigDecimal(o.toString());
    }

    /** True only for SQL TRUE (NULL and FALSE are false). */
    default boolean isTrue(String column) {
        return Boolean.TRUE.equals(get(column));
    }

    default byte[] bytes(String column) {
        return (byte[]) get(column);
    }

    /** A uuid[] column, without its NULL elements. */
    default List<UUID> uuids(String column) {
        Object o = get(column);
        List<UUID> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        Object[] values;
        try {
            values = o instanceof java.sql.Array a ? (Object[]) a.getArray() : (Object[]) o;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read array column " + column, e);
        }
        for (Object v : values) {
            if (v != null) {
                out.add((UUID) v);
            }
        }
        return out;
    }
}
