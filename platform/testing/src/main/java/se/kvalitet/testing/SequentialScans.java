package se.kvalitet.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Issue 20 item 2: proves that a workload reads the tables that grow with history only through an index
 * or a bounded range, never by scanning the whole table.
 *
 * <p>How: while the workload runs, the service's database plans with {@code enable_seqscan = off}, so
 * PostgreSQL chooses a sequential scan only where no index can answer the query; the sequential scans
 * per table are read from {@code pg_stat_user_tables} before and after. This does not depend on how many
 * rows the test happens to have seeded (on small tables the planner rightly prefers a sequential scan,
 * and a count of those would say nothing about a table of a million rows). The service's pooled
 * connections are closed at each end ({@code closeConnections}, e.g. Agroal's {@code flush(ALL)}): new
 * sessions take the setting, and a backend that exits has flushed its statistics, so the figures are
 * complete when they are read.
 *
 * <pre>{@code
 * SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
 * ... the hot endpoints and a batch of events ...
 * SequentialScans.Result r = scans.end(BOUNDED); // growing tables -> sequential scans, and the statements
 * }</pre>
 */
public final class SequentialScans {

    /**
     * The tables every service has that do not grow with history: Flyway's, the copy of the registry's
     * organisation ({@code platform/orgcopy}) and the outbox relay's lease.
     */
    public static final Set<String> SHARED_BOUNDED = Set.of(
            "flyway_schema_history",
            "org_unit_copy",
            "org_unit_version",
            "org_unit_closure",
            "orgcopy_version",
            "outbox_relay_lease");

    private final String jdbcUrl;
    private final Runnable closeConnections;
    private final Map<String, Long> before;
    private final boolean statements;

    private SequentialScans(String jdbcUrl, Runnable closeConnections) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.closeConnections = closeConnections;
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE \"" + database(c) + "\" SET enable_seqscan = off");
            }
            restartSessions(c);
            this.statements = resetStatements(c);
            this.before = counts(c);
        }
    }

    /**
     * Starts watching the database of this test JVM's {@link PostgresTestResource} ({@code kvalitet.test.jdbc-url}).
     *
     * @param closeConnections closes the service's pooled connections (they reopen on demand)
     */
    public static SequentialScans begin(Runnable closeConnections) throws SQLException {
        String url = System.getProperty("kvalitet.test.jdbc-url");
        if (url == null) {
            throw new IllegalStateException("no kvalitet.test.jdbc-url: the test does not run on PostgresTestResource");
        }
        return new SequentialScans(url, closeConnections);
    }

    /** What a workload scanned: growing tables with their sequential scans, and the statements that did it. */
    public record Result(Map<String, Long> scanned, List<String> statements) {

        /** Fails, naming the tables and the statements, when a growing table was scanned sequentially. */
        public void assertNone() {
            if (!scanned.isEmpty()) {
                throw new AssertionError("growing tables read by a sequential scan (no index could answer):\n" + this);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("sequential scans per table: ").append(scanned);
            if (!statements.isEmpty()) {
                sb.append(
                        "\nstatements whose plan scans one of them (EXPLAIN GENERIC_PLAN under enable_seqscan = off):");
                statements.forEach(q -> sb.append("\n  ").append(q));
            }
            return sb.toString();
        }
    }

    /**
     * Stops watching, restores normal planning and returns the sequential scans since {@link #begin} of every
     * table not in {@code bounded} (the small tables that do not grow with history), with the statements
     * whose plans scan them (where {@code pg_stat_statements} is loaded, as in {@link PostgresServer}'s test mode).
     */
    public Result end(Set<String> bounded) throws SQLException {
        try (Connection c = connect()) {
            restartSessions(c);
            Map<String, Long> after = counts(c);
            Map<String, Long> scanned = new TreeMap<>();
            after.forEach((table, n) -> {
                long delta = n - before.getOrDefault(table, 0L);
                if (delta > 0 && !bounded.contains(table)) {
                    scanned.put(table, delta);
                }
            });
            List<String> culprits = scanned.isEmpty() || !statements ? List.of() : culprits(c, scanned.keySet());
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE \"" + database(c) + "\" RESET enable_seqscan");
            }
            restartSessions(c);
            return new Result(scanned, culprits);
        }
    }

    private static boolean resetStatements(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false; // not preloaded: the counts alone
        }
    }

    /** The statements run since the start whose generic plan, without sequential scans wherever possible, scans a table. */
    private static List<String> culprits(Connection c, Set<String> tables) throws SQLException {
        List<String> queries = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT query FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rs.next()) {
                queries.add(rs.getString(1));
            }
        }
        List<String> out = new ArrayList<>();
        int explained = 0;
        try (Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            for (String q : queries) {
                String head = q.stripLeading().toLowerCase(Locale.ROOT);
                if (!(head.startsWith("select")
                        || head.startsWith("with")
                        || head.startsWith("update")
                        || head.startsWith("delete")
                        || head.startsWith("insert"))) {
                    continue;
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN (GENERIC_PLAN) " + q)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                } catch (SQLException e) {
                    continue; // a statement the generic plan cannot take (types of its parameters unknown)
                }
                explained++;
                for (String table : tables) {
                    if (plan.indexOf("Seq Scan on " + table + " ") >= 0
                            || plan.indexOf("Seq Scan on " + table + "\n") >= 0) {
                        out.add(table + ": " + q.replaceAll("\\s+", " "));
                    }
                }
            }
            s.execute("RESET enable_seqscan");
        }
        if (out.isEmpty()) {
            out.add("(none of the " + queries.size() + " statements recorded, " + explained
                    + " of them explained, scans them in its generic plan: look for one whose custom plan does)");
        }
        return out;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static String database(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Closes the service's sessions and waits until their backends have exited (and so flushed their statistics). */
    private void restartSessions(Connection c) throws SQLException {
        Set<Integer> open = backends(c);
        closeConnections.run();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            Set<Integer> still = backends(c);
            still.retainAll(open);
            if (still.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        still.size() + " sessions of the service did not close (a transaction left open?)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Set<Integer> backends(Connection c) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                                + " AND backend_type = 'client backend'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT relname, seq_scan FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
