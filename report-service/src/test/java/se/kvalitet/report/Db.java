package se.kvalitet.report;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct SQL against the test database (assertions on stored state). */
final class Db {

    private Db() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
    }

    static long count(String sql) {
        return Long.parseLong(value(sql));
    }

    static String value(String sql) {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(String sql) throws SQLException {
        try (Connection c = connect()) {
            return c.createStatement().executeUpdate(sql);
        }
    }
}
