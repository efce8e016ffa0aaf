package se.kvalitet.followup.odata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

/**
 * One property of a feed entity type and the SQL it is read, filtered and sorted by.
 *
 * @param sql the SQL expression over the set's FROM clause
 * @param sqlType the PostgreSQL type a literal is cast to when compared with it
 * @param nullable whether the value may be missing (such a property cannot be sorted by: paging is keyset)
 * @param filterable whether {@code $filter} may name it (translated to SQL)
 * @param range for {@code year} and {@code month}: a comparison becomes a range on {@code rangeColumn}, so
 *     the index on that date column serves it
 */
public record FeedProperty(
        String name,
        EdmPrimitiveTypeKind type,
        String sql,
        String sqlType,
        boolean nullable,
        boolean filterable,
        Range range,
        String rangeColumn) {

    /** How a comparison with a year or month is turned into a date range on another column. */
    public enum Range {
        NONE,
        YEAR,
        MONTH
    }

    static FeedProperty of(String name, EdmPrimitiveTypeKind type, String sql, boolean nullable) {
        return new FeedProperty(name, type, sql, sqlTypeOf(type), nullable, true, Range.NONE, null);
    }

    static FeedProperty ranged(String name, EdmPrimitiveTypeKind type, String sql, Range range, String column) {
        return new FeedProperty(name, type, sql, sqlTypeOf(type), false, true, range, column);
    }

    FeedProperty notFilterable() {
        return new FeedProperty(name, type, sql, sqlType, nullable, false, range, rangeColumn);
    }

    /** Keyset paging needs a value in every row, and an aggregate cannot be compared before grouping. */
    boolean sortable() {
        return !nullable && filterable;
    }

    private static String sqlTypeOf(EdmPrimitiveTypeKind type) {
        return switch (type) {
            case Guid -> "uuid";
            case Date -> "date";
            case DateTimeOffset -> "timestamptz";
            case Decimal -> "numeric";
            case Int32 -> "integer";
            case Int64 -> "bigint";
            case Boolean -> "boolean";
            default -> "text";
        };
    }

    /** The column {@code i} of {@code rs} as the Java value Olingo serialises for this type. */
    Object read(ResultSet rs, int i) throws SQLException {
        Object v = switch (type) {
            case Guid -> rs.getObject(i, UUID.class);
            case Date -> rs.getObject(i, LocalDate.class); // Olingo writes LocalDate and java.sql.Date alike
            case DateTimeOffset -> rs.getTimestamp(i);
            case Decimal -> rs.getBigDecimal(i);
            case Int32 -> rs.getInt(i);
            case Int64 -> rs.getLong(i);
            case Boolean -> rs.getBoolean(i);
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }
}
