package se.kvalitet.testing;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 20 item 1, the growth benchmark's shared part: the same named operations measured in two
 * phases, on a database holding {@code small} existing reports and then grown to {@code large}
 * (default 10 000 and 1 000 000; {@code -Dgrowth.small}, {@code -Dgrowth.large}), side by side in one
 * run.
 *
 * <p>Each operation is repeated after a warm-up; the figure is milliseconds per operation (median and
 * p95 of the timed repetitions). At the end of each phase the used heap is read after a full GC
 * ({@link java.lang.management.MemoryMXBean}). The ratio is {@code median at small / median at large},
 * i.e. throughput at the large size relative to the small one: the goal is ≥ 0.8 for every operation.
 * The heap's ratio is {@code used at small / used at large} with the same goal ("heap flat").
 *
 * <pre>{@code
 * GrowthBench bench = GrowthBench.fromSystemProperties("deviation-service");
 * bench.phase(GrowthBench.SMALL);              // after seeding bench.small() reports
 * bench.measure("intake", 10, 40, () -> post());
 * bench.endPhase();
 * ... grow to bench.large(), VACUUM ANALYZE, phase(LARGE), the same measures, endPhase() ...
 * System.out.println(bench.table());           // lines start with [growth]
 * }</pre>
 */
public final class GrowthBench {

    public static final String SMALL = "small";
    public static final String LARGE = "large";
    public static final double GOAL = 0.8;

    /**
     * Seeds the inbox rows a consumer of the deviation topic holds per report of history (reported, triaged,
     * closed; a track opened for the categories with a track; a notification for the serious ones), for the
     * report- and followup-service benchmarks. Placeholders as in their seed statements: {@code {C}} the consumer,
     * {@code {P}} a two-letter id prefix, {@code {R}} the range of report numbers {@code i}, {@code {B}} the
     * category bucket, {@code {A}} the report's time.
     */
    public static final String DEVIATION_INBOX_SEED = """
            INSERT INTO inbox_event (consumer, event_id, event_type, received_at)
            SELECT '{C}', md5('{P}' || i || '.' || e)::uuid::text,
                   (ARRAY['se.kvalitet.deviation.reported.v1', 'se.kvalitet.deviation.triaged.v1',
                          'se.kvalitet.deviation.closed.v1', 'se.kvalitet.deviation.track-opened.v1',
                          'se.kvalitet.deviation.authority-notified.v1'])[e], {A} + e * interval '1 hour'
            FROM {R}, generate_series(1, 5) e
            WHERE e <= 3 OR (e = 4 AND {B} >= 5) OR (e = 5 AND (({B} >= 5 AND {B} < 30 AND i % 10 = 0)
                  OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0)))""";

    /** One timed operation. */
    @FunctionalInterface
    public interface Op {
        void run() throws Exception;
    }

    /** An operation with an untimed preparation (e.g. a fresh report to triage). */
    @FunctionalInterface
    public interface Prepare<T> {
        T get() throws Exception;
    }

    /** The timed part of a prepared operation. */
    @FunctionalInterface
    public interface Timed<T> {
        void run(T prepared) throws Exception;
    }

    /** Median and p95 of one operation in one phase, in ms per operation. */
    public record Figure(double median, double p95, int runs) {}

    private final String service;
    private final int small;
    private final int large;
    private final Map<String, Map<String, Figure>> figures = new LinkedHashMap<>();
    private final Map<String, Long> heap = new LinkedHashMap<>();
    private final Map<String, Double> seedSeconds = new LinkedHashMap<>();
    private String phase;

    public GrowthBench(String service, int small, int large) {
        if (small <= 0 || large <= small) {
            throw new IllegalArgumentException("need 0 < small < large, got " + small + ", " + large);
        }
        this.service = service;
        this.small = small;
        this.large = large;
    }

    /** Sizes from {@code -Dgrowth.small} (10 000) and {@code -Dgrowth.large} (1 000 000). */
    public static GrowthBench fromSystemProperties(String service) {
        return new GrowthBench(
                service, Integer.getInteger("growth.small", 10_000), Integer.getInteger("growth.large", 1_000_000));
    }

    public int small() {
        return small;
    }

    public int large() {
        return large;
    }

    /** Reports in the given phase. */
    public int reports(String phase) {
        return SMALL.equals(phase) ? small : large;
    }

    /** How long seeding up to the phase's size took (printed with the table). */
    public void seeded(String phase, double seconds) {
        seedSeconds.put(phase, seconds);
        System.out.printf(
                Locale.ROOT,
                "[growth] %s: seeded %,d reports' worth of rows in %.1f s%n",
                service,
                reports(phase),
                seconds);
    }

    public void phase(String name) {
        if (!SMALL.equals(name) && !LARGE.equals(name)) {
            throw new IllegalArgumentException(name);
        }
        this.phase = name;
    }

    public Figure measure(String operation, int warmups, int runs, Op op) throws Exception {
        return measure(operation, warmups, runs, () -> null, ignored -> op.run());
    }

    public <T> Figure measure(String operation, int warmups, int runs, Prepare<T> prepare, Timed<T> timed)
            throws Exception {
        if (phase == null) {
            throw new IllegalStateException("phase(...) first");
        }
        for (int i = 0; i < warmups; i++) {
            timed.run(prepare.get());
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            T prepared = prepare.get();
            long t = System.nanoTime();
            timed.run(prepared);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        Figure f =
                new Figure(ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.95) - 1)], runs);
        figures.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(phase, f);
        System.out.printf(
                Locale.ROOT,
                "[growth] %s %s (%,d reports): %s: median %.2f ms, p95 %.2f ms (%d runs)%n",
                service,
                phase,
                reports(phase),
                operation,
                f.median(),
                f.p95(),
                runs);
        return f;
    }

    /** Ends the phase: used heap after a full GC. */
    public long endPhase() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // System.gc() is a request; take the lowest of three
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        heap.put(phase, used);
        System.out.printf(
                Locale.ROOT, "[growth] %s %s: used heap after full GC %.1f MB%n", service, phase, used / 1048576.0);
        return used;
    }

    /** The operations whose ratio is below the goal (the heap counts as "heap after full GC"). */
    public List<String> belowGoal() {
        List<String> below = new ArrayList<>();
        for (var e : figures.entrySet()) {
            Figure s = e.getValue().get(SMALL);
            Figure l = e.getValue().get(LARGE);
            if (s != null && l != null && s.median() / l.median() < GOAL) {
                below.add(e.getKey());
            }
        }
        if (heap.containsKey(SMALL) && heap.containsKey(LARGE) && (double) heap.get(SMALL) / heap.get(LARGE) < GOAL) {
            below.add("heap after full GC");
        }
        return below;
    }

    /** The table (Markdown), every line prefixed with {@code [growth] }. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "| %s: operation (ms per op, median / p95) | at %,d | at %,d | ratio | goal ≥ %.1f |%n",
                service,
                small,
                large,
                GOAL));
        sb.append("|---|---|---|---|---|\n");
        for (var e : figures.entrySet()) {
            Figure s = e.getValue().get(SMALL);
            Figure l = e.getValue().get(LARGE);
            sb.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(cell(s))
                    .append(" | ")
                    .append(cell(l))
                    .append(" | ");
            if (s != null && l != null) {
                double ratio = s.median() / l.median();
                sb.append(String.format(Locale.ROOT, "%.2f | %s |", ratio, ratio >= GOAL ? "yes" : "**no**"));
            } else {
                sb.append("– | – |");
            }
            sb.append('\n');
        }
        if (heap.containsKey(SMALL) && heap.containsKey(LARGE)) {
            double ratio = (double) heap.get(SMALL) / heap.get(LARGE);
            sb.append(String.format(
                    Locale.ROOT,
                    "| used heap after full GC (MB) | %.0f | %.0f | %.2f | %s |%n",
                    heap.get(SMALL) / 1048576.0,
                    heap.get(LARGE) / 1048576.0,
                    ratio,
                    ratio >= GOAL ? "yes" : "**no**"));
        }
        if (seedSeconds.containsKey(SMALL) && seedSeconds.containsKey(LARGE)) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| (seeding, s) | %.1f | +%.1f | | |%n",
                    seedSeconds.get(SMALL),
                    seedSeconds.get(LARGE)));
        }
        StringBuilder out = new StringBuilder();
        sb.toString()
                .lines()
                .forEach(line -> out.append("[growth] ").append(line).append('\n'));
        return out.toString();
    }

    private static String cell(Figure f) {
        return f == null ? "–" : String.format(Locale.ROOT, "%.2f / %.2f", f.median(), f.p95());
    }

    /** {@code VACUUM ANALYZE} of the whole database, as after a load (autovacuum would do it later). */
    public static void vacuumAnalyze(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
        }
    }

    /**
     * Resets {@code pg_stat_statements} (loaded by {@link PostgresServer} in tests): call after seeding, so
     * {@link #statements} shows what the measured workload ran.
     */
    public static void resetStatements(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * The statements with the highest mean time since {@link #resetStatements} (calls, mean ms, rows per
     * call, shared blocks read+hit per call), each line prefixed with {@code [growth] sql}: where a ratio
     * falls, the statement whose cost grows with history is near the top of the large phase's list.
     */
    public String statements(String jdbcUrl, String user, String password, int limit) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement();
                var rs = s.executeQuery("""
                        SELECT calls, mean_exec_time, rows::float8 / calls, (shared_blks_hit + shared_blks_read)::float8 / calls,
                               regexp_replace(query, '\\s+', ' ', 'g')
                        FROM pg_stat_statements WHERE calls >= 3 AND query !~* '^(begin|commit|set|show|select 1$)'
                        ORDER BY mean_exec_time DESC LIMIT %d""".formatted(limit))) {
            while (rs.next()) {
                String q = rs.getString(5);
                sb.append(String.format(
                        Locale.ROOT,
                        "[growth] sql %s %s: %6d calls, mean %8.2f ms, %8.1f rows, %9.0f blocks | %s%n",
                        service,
                        phase,
                        rs.getLong(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        q.length() > 400 ? q.substring(0, 400) + "…" : q));
            }
        }
        return sb.toString();
    }

    /**
     * Item 4 of issue 20 (idle after a burst): the events per second the consumer applied in an operation that
     * applies {@code eventsPerOp} events (from its median), at both sizes, against the rate the intake produces
     * them ({@code intakePerSecond}, named by {@code intakeSource}); printed as {@code [growth] catch-up} lines and
     * returned as a Markdown table.
     */
    public String catchUp(String operation, int eventsPerOp, double intakePerSecond, String intakeSource) {
        Map<String, Figure> f = figures.get(operation);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "| %s: catching up after a burst | at %,d | at %,d | goal |%n|---|---|---|---|%n",
                service,
                small,
                large));
        double[] rates = new double[2];
        String[] phases = {SMALL, LARGE};
        for (int i = 0; i < 2; i++) {
            Figure figure = f == null ? null : f.get(phases[i]);
            rates[i] = figure == null ? Double.NaN : eventsPerOp / (figure.median() / 1000.0);
        }
        sb.append(String.format(
                Locale.ROOT,
                "| events/s applied through the consumer (%s) | %.0f | %.0f | ≥ intake |%n",
                operation,
                rates[0],
                rates[1]));
        sb.append(String.format(
                Locale.ROOT,
                "| events/s the intake produces (%s) | %.0f | %.0f | |%n",
                intakeSource,
                intakePerSecond,
                intakePerSecond));
        sb.append(String.format(
                Locale.ROOT,
                "| consumer ÷ intake | %.2f | %.2f | %s |%n",
                rates[0] / intakePerSecond,
                rates[1] / intakePerSecond,
                rates[0] >= intakePerSecond && rates[1] >= intakePerSecond ? "≥ 1: yes" : "≥ 1: **no**"));
        StringBuilder out = new StringBuilder();
        sb.toString()
                .lines()
                .forEach(line -> out.append("[growth] catch-up ").append(line).append('\n'));
        return out.toString();
    }

    /** Runs set-based seeding statements in one autocommit session; returns the seconds taken. */
    public static double execute(String jdbcUrl, String user, String password, List<String> statements)
            throws SQLException {
        long t = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
