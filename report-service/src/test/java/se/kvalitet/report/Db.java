package se.kvalitet.report;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct SQL against the test database (assertions on stored state). */
final class Db {

    private Db() {}

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
    }

    static long count(String sql) {
        return Long.parseLong(value(sql));
    }

    static String value(String sql) {
        try (Connection c = connect();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
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

    /**
     * Cells of {@code deviation_day_cell} that disagree with a recount of the single-unit reports in
     * {@code deviation_fact} (missing, extra or with another count); 0 when the triggers kept them right.
     */
    static long dayCellMismatches() {
        return count("""
                SELECT count(*) FROM deviation_day_cell c
                FULL JOIN (SELECT org_unit_id, occurred_on, category_mask, channel, flags, count(*) AS reports
                           FROM deviation_fact WHERE NOT multi_unit GROUP BY 1, 2, 3, 4, 5) f
                  ON f.org_unit_id = c.org_unit_id AND f.occurred_on = c.occurred_on AND f.category_mask = c.category_mask
                 AND f.channel = c.channel AND f.flags = c.flags
                WHERE c.reports IS DISTINCT FROM f.reports""");
    }
}
