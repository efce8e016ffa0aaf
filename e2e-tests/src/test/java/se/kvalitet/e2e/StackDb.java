package se.kvalitet.e2e;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.testing.PostgresServer;

/**
 * Read-only SQL against a service's own database in the running stack: the chaos test and the
 * recovery drill check what was stored, not only what the API says. Parameters are bound; a
 * {@code String[]} or {@code java.util.UUID[]} becomes a PostgreSQL array (for {@code = ANY(?)}).
 */
public final class StackDb {

    private StackDb() {}

    public static long count(LocalStack stack, String database, String sql, Object... params) {
        List<List<Object>> rows = rows(stack, database, sql, params);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    public static List<List<Object>> rows(LocalStack stack, String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(
                        stack.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, bind(c, params[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + sql, e);
        }
    }

    /** First column → second column (as long), e.g. {@code SELECT consumer, count(*) ... GROUP BY consumer}. */
    public static Map<String, Long> counts(LocalStack stack, String database, String sql, Object... params) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (List<Object> row : rows(stack, database, sql, params)) {
            out.put(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue());
        }
        return out;
    }

    private static Object bind(Connection c, Object value) throws SQLException {
        if (value instanceof java.util.UUID[] ids) {
            Array a = c.createArrayOf("uuid", ids);
            return a;
        }
        if (value instanceof String[] texts) {
            return c.createArrayOf("varchar", texts);
        }
        return value;
    }
}
