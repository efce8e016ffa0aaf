package se.kvalitet.followup.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.export.MeasurementExport;
import se.kvalitet.testing.ConsumerBench;
import se.kvalitet.testing.GrowthBench;

/**
 * Issue 20 item 1, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl followup-service -am verify -Pbench -Dtest=GrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dgrowth.small=10000 -Dgrowth.large=1000000}).
 *
 * <p>The same workload on followup-service's database holding {@code growth.small} and then
 * {@code growth.large} reports' worth of rows, side by side in one run ({@link GrowthBench}): a batch of
 * deviation events consumed (Kafka → inbox → deviation facts), a bulk upload of a fresh indicator's
 * measurements at 90 units and their evaluation (flat and as a tree), the measurement list, and the BI
 * exports (a first page of measurements, the cursor pull after it, the evaluations of an indicator).
 *
 * <p>Seeded with set-based SQL: the deviation facts the consumer writes (a fact, its unit and category
 * per report, a track for 95 %, an action for a fifth of the tracks, 3–5 inbox rows per report, over
 * 2016–2025) and, proportionately, one measurement (with its first revision) per report: indicators of
 * 90 units × 11 years (2015–2025), 10 of them at 10 000 reports and 1 010 at 1 000 000.
 */
@QuarkusTest
@Tag("bench")
class GrowthBenchmark {

    static final int BATCH = 2_000;
    static final String CONSUMED = "consume " + BATCH + " deviation events (Kafka → inbox → facts)";
    static final String CONSUMER = "followup.deviation-facts";
    static final String B = "((i * 31) % 100)";
    static final String AT =
            "(timestamptz '2016-01-01 07:00+00' + ((i * 7919) % 3652) * interval '1 day' + ((i * 13) % 600) * interval '1 minute')";

    long stream = 300;
    int indicatorNo;

    @Test
    void theSameWorkloadOnTenThousandAndOnAMillionReports() throws Exception {
        GrowthBench bench = GrowthBench.fromSystemProperties("followup-service");
        String jdbc = System.getProperty("kvalitet.test.jdbc-url");
        List<UUID> tree = BenchData.tree();
        List<UUID> leaves = new ArrayList<>(); // the 90 units (tree: the board, then each department and its 10 units)
        for (int i = 1; i < tree.size(); i++) {
            if ((i - 1) % 11 != 0) {
                leaves.add(tree.get(i));
            }
        }

        long t = System.nanoTime();
        GrowthBench.execute(jdbc, "postgres", "postgres", deviations(leaves, 0, bench.small()));
        BenchData.indicators("G1", bench.small() / 1000);
        BenchData.measurements("G1", 2015, 2025);
        revisions("G1");
        bench.seeded(GrowthBench.SMALL, (System.nanoTime() - t) / 1e9);
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        phase(bench, GrowthBench.SMALL, tree, leaves);

        t = System.nanoTime();
        GrowthBench.execute(jdbc, "postgres", "postgres", deviations(leaves, bench.small(), bench.large()));
        BenchData.indicators("G2", (bench.large() - bench.small()) / 1000);
        BenchData.measurements("G2", 2015, 2025);
        revisions("G2");
        bench.seeded(GrowthBench.LARGE, (System.nanoTime() - t) / 1e9);
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        phase(bench, GrowthBench.LARGE, tree, leaves);

        System.out.println("\n" + bench.table());
        System.out.println("[growth] below the goal: " + bench.belowGoal());
        // issue 20 item 4: after a burst the consumer catches up at least as fast as the intake produced
        System.out.println(bench.catchUp(
                CONSUMED,
                BATCH,
                Double.parseDouble(System.getProperty("growth.intake-rate", "267")),
                "deviation-service intake direct, -Dgrowth.intake-rate"));
    }

    void phase(GrowthBench bench, String phase, List<UUID> tree, List<UUID> leaves) throws Exception {
        bench.phase(phase);
        String bootstrap = System.getProperty("kvalitet.test.kafka.bootstrap-servers");
        bench.measure(CONSUMED, 1, 5, () -> ConsumerBench.deviationStream(BATCH, stream++), events -> {
            ConsumerBench.Published published = ConsumerBench.publish(bootstrap, Topics.DEVIATION, events);
            ConsumerBench.awaitDrained(
                    "followup-service",
                    published,
                    events.size(),
                    () -> Fixtures.inboxed(CONSUMER, events),
                    events.size(),
                    Duration.ofMinutes(5));
        });
        String[] last = new String[1];
        bench.measure(
                "bulk upload of 90 measurements (JSON, a fresh indicator)",
                3,
                15,
                () -> freshIndicator(phase),
                indicator -> {
                    given().header("Authorization", Fixtures.karin())
                            .contentType(ContentType.JSON)
                            .body(bulk(indicator, leaves))
                            .post("/followup/v1/measurements/bulk")
                            .then()
                            .statusCode(200);
                    last[0] = indicator;
                });
        String indicator = last[0];
        bench.measure(
                "evaluation of an indicator, flat (GET evaluations)",
                5,
                30,
                () -> given().header("Authorization", Fixtures.viewer())
                        .queryParam("period", "2025")
                        .queryParam("indicatorId", indicator)
                        .get("/followup/v1/evaluations")
                        .then()
                        .statusCode(200));
        bench.measure(
                "evaluation of an indicator, the tree (depth 3)",
                5,
                30,
                () -> given().header("Authorization", Fixtures.viewer())
                        .queryParam("period", "2025")
                        .queryParam("indicatorId", indicator)
                        .queryParam("orgUnitId", tree.get(0).toString())
                        .queryParam("depth", 3)
                        .get("/followup/v1/evaluations")
                        .then()
                        .statusCode(200));
        bench.measure(
                "measurement list of an indicator",
                5,
                30,
                () -> given().header("Authorization", Fixtures.karin())
                        .queryParam("indicatorId", indicator)
                        .get("/followup/v1/measurements")
                        .then()
                        .statusCode(200));
        String[] cursor = new String[1];
        bench.measure(
                "BI export of measurements, first page of 1 000",
                3,
                20,
                () -> cursor[0] = given().header("Authorization", Fixtures.bi())
                        .queryParam("limit", 1000)
                        .get("/followup/v1/export/measurements")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("X-Next-Cursor"));
        String next = cursor[0];
        bench.measure(
                "BI export of measurements, the cursor pull after it",
                3,
                20,
                () -> given().header("Authorization", Fixtures.bi())
                        .queryParam("limit", 1000)
                        .queryParam("cursor", next)
                        .get("/followup/v1/export/measurements")
                        .then()
                        .statusCode(200));
        bench.measure(
                "BI export of an indicator's evaluations (2025)",
                3,
                20,
                () -> given().header("Authorization", Fixtures.bi())
                        .queryParam("period", "2025")
                        .queryParam("indicatorId", indicator)
                        .get("/followup/v1/export/evaluations")
                        .then()
                        .statusCode(200));
        plans(phase, cursor[0]);
        System.out.print(bench.statements(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres", 12));
        bench.endPhase();
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the BI export's statements as its first page runs them (the plan of the pull
     * with {@code limit}, then the streamed SELECT up to the cursor it handed out), printed as {@code [growth] plan}
     * lines: whether a figure that grows comes from the database is read here, not guessed.
     */
    static void plans(String phase, String firstCursor) throws Exception {
        MeasurementExport.Cursor to = MeasurementExport.Cursor.decode(firstCursor);
        String range = "(m.change_xid, m.id) > (CAST('0' AS xid8), '00000000-0000-0000-0000-000000000000') "
                + "AND (m.change_xid, m.id) %s (CAST('" + to.xid() + "' AS xid8), '" + to.id() + "')";
        List<String> statements = List.of(
                "SELECT change_xid::text, id FROM measurement m WHERE " + range.formatted("<")
                        + " ORDER BY m.change_xid, m.id OFFSET 999 LIMIT 2",
                MeasurementExport.MEASUREMENT_SELECT + " WHERE " + range.formatted("<=")
                        + " ORDER BY m.change_xid, m.id");
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    while (rs.next()) {
                        System.out.println("[growth] plan " + phase + ": " + rs.getString(1));
                    }
                }
            }
        }
    }

    String freshIndicator(String phase) {
        return Fixtures.indicator(
                "GROWTH-" + phase.toUpperCase(java.util.Locale.ROOT) + "-" + (++indicatorNo),
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":50}]",
                null);
    }

    static String bulk(String indicator, List<UUID> units) {
        StringBuilder sb = new StringBuilder("{\"rows\":[");
        for (int u = 0; u < units.size(); u++) {
            if (u > 0) {
                sb.append(',');
            }
            sb.append("{\"indicatorId\":\"")
                    .append(indicator)
                    .append("\",\"orgUnitId\":\"")
                    .append(units.get(u))
                    .append("\",\"period\":\"2025\",\"gender\":\"T\",\"numerator\":")
                    .append(20 + u % 20)
                    .append(",\"denominator\":40}");
        }
        return sb.append("]}").toString();
    }

    /** The first revision of every measurement of the BENCH-prefix indicators (what a recorded value has). */
    static void revisions(String prefix) throws Exception {
        GrowthBench.execute(
                System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres", List.of("""
                        INSERT INTO measurement_revision (measurement_id, revision, numerator, denominator, responses, response_rate,
                                                          source, recorded_at, recorded_by)
                        SELECT m.id, 1, m.numerator, m.denominator, m.responses, m.response_rate, m.source, m.created_at, 'bench'
                        FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.code LIKE 'BENCH-%s-%%'
                        ON CONFLICT DO NOTHING""".formatted(prefix)));
    }

    /** The deviation facts of reports lo+1 … hi, as the consumer writes them. */
    static List<String> deviations(List<UUID> units, int lo, int hi) {
        String array = "(ARRAY[" + units.stream().map(u -> "'" + u + "'::uuid").collect(Collectors.joining(",")) + "])";
        String n = Integer.toString(units.size());
        String range = "generate_series(" + (lo + 1) + "::bigint, " + hi + ") i";
        String track = "CASE WHEN {B} < 30 THEN 'LEX_SARAH' WHEN {B} < 35 THEN 'LEX_MARIA' WHEN {B} < 40 THEN"
                + " 'PERSONAL_DATA_BREACH' WHEN {B} < 48 THEN 'COMPLAINT' ELSE 'OTHER_DEVIATION' END";
        List<String> sql = List.of("""
                INSERT INTO deviation_fact (deviation_id, org_unit_id, channel, reported_at, reported_on, units_at, categories_at,
                                            closed_on, days_to_close)
                SELECT md5('ff' || i)::uuid, {U}[1 + (i * 7) % {N}], CASE WHEN i % 5 = 0 THEN 'CASE_SYSTEM' ELSE 'STAFF' END,
                       {A}, {A}::date, {A}, {A} + interval '1 hour',
                       CASE WHEN i % 50 <> 0 THEN ({A} + interval '20 days')::date END, CASE WHEN i % 50 <> 0 THEN 20 END
                FROM {R}""", """
                INSERT INTO deviation_fact_unit (deviation_id, org_unit_id)
                SELECT md5('ff' || i)::uuid, {U}[1 + (i * 7) % {N}] FROM {R}
                UNION ALL
                SELECT md5('ff' || i)::uuid, {U}[1 + (i * 7 + 1) % {N}] FROM {R} WHERE i % 50 = 7""", """
                INSERT INTO deviation_fact_category (deviation_id, category)
                SELECT md5('ff' || i)::uuid, CASE WHEN {B} < 5 THEN 'NOT_A_DEVIATION' ELSE {TT} END FROM {R}""", """
                INSERT INTO deviation_track_fact (track_id, deviation_id, track_type, completed, serious, reportable, notified,
                                                  notified_on_time)
                SELECT md5('ft' || i)::uuid, md5('ff' || i)::uuid, {TT}, i % 50 <> 0,
                       CASE WHEN {B} < 30 THEN i % 10 = 0 END, CASE WHEN {B} < 40 THEN ({B} < 30 AND i % 10 = 0) OR i % 3 = 0 END,
                       ({B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0),
                       CASE WHEN ({B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0) THEN TRUE END
                FROM {R} WHERE {B} >= 5""", """
                INSERT INTO deviation_action_fact (action_id, deviation_id, org_unit_id, due_date, done_date, on_time)
                SELECT md5('fa' || i)::uuid, md5('ff' || i)::uuid, {U}[1 + (i * 7) % {N}], ({A} + interval '60 days')::date,
                       CASE WHEN i % 50 <> 0 THEN ({A} + interval '50 days')::date END, i % 50 <> 0
                FROM {R} WHERE {B} >= 5 AND i % 5 = 1""", GrowthBench.DEVIATION_INBOX_SEED.replace("{P}", "fe"));
        List<String> statements = new ArrayList<>();
        for (String s : sql) {
            statements.add(s.replace("{TT}", track)
                    .replace("{B}", B)
                    .replace("{A}", AT)
                    .replace("{U}", array)
                    .replace("{N}", n)
                    .replace("{C}", CONSUMER)
                    .replace("{R}", range));
        }
        return statements;
    }
}
