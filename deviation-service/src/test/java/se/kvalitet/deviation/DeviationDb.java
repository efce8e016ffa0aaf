package se.kvalitet.deviation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct SQL against the test database, to check what was (not) stored. */
public final class DeviationDb {

    private DeviationDb() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
    }

    public static long count(String sql) {
        try (var c = connect();
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) throws SQLException {
        try (var c = connect();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
