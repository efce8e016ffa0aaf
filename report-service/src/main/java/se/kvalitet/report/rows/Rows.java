package se.kvalitet.report.rows;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Runs native queries and maps their rows by column name: over JDBC for the read-model queries
 * (outside any transaction, streamed with a fetch size) and over JPA tuples inside the lifecycle's
 * transactions.
 */
public final class Rows {

    private Rows() {}

    /** A JDBC result set row (valid while the cursor is on it). */
    public static Row of(ResultSet rs) {
        return column -> {
            try {
                return rs.getObject(column);
            } catch (SQLException e) {
                throw new IllegalStateException("no column " + column, e);
            }
        };
    }

    /** A JPA tuple (native query created with {@code Tuple.class}). */
    public static Row of(Tuple t) {
        return t::get;
    }

    /** Every row of {@code sql} with its parameters (in order), mapped. */
    public static <T> List<T> list(DataSource ds, String sql, RowMapper<T> mapper, Object... params) {
        List<T> out = new ArrayList<>();
        each(ds, sql, row -> out.add(mapper.map(row)), params);
        return out;
    }

    /** Calls {@code consumer} with each row of {@code sql}, streamed (fetch size 10 000). */
    public static void each(DataSource ds, String sql, Consumer<Row> consumer, Object... params) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                Row row = of(rs);
                while (rs.next()) {
                    consumer.accept(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read " + sql.strip().lines().findFirst().orElse(sql), e);
        }
    }

    /** A native query created for tuples, so its rows can be read by column label. */
    public static Query tuples(EntityManager em, String sql) {
        return em.createNativeQuery(sql, Tuple.class);
    }

    /** Every row of a tuple query, mapped. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Query tupleQuery, RowMapper<T> mapper) {
        return ((List<Tuple>) tupleQuery.getResultList())
                .stream().map(t -> mapper.map(of(t))).toList();
    }

    /** The first row of a tuple query, mapped. */
    public static <T> Optional<T> first(Query tupleQuery, RowMapper<T> mapper) {
        return list(tupleQuery, mapper).stream().findFirst();
    }
}
