package se.kvalitet.report.rows;

/** Maps one {@link Row} to a record. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
