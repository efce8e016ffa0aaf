package se.kvalitet.report;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.report.readmodel.DeviationProjection;
import se.kvalitet.testing.ConsumerBench;
import se.kvalitet.testing.GrowthBench;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 20 item 1, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl report-service -am verify -Pbench -Dtest=GrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dgrowth.small=10000 -Dgrowth.large=1000000}).
 *
 * <p>The same workload on report-service's database holding the read model of {@code growth.small} and
 * then {@code growth.large} existing reports, side by side in one run ({@link GrowthBench}): a batch of
 * deviation events applied through the live consumer (Kafka → inbox → read model, measured until every
 * event is in the inbox), the statistics of a year (the board, a department), the counts, and a
 * kvalitetsberättelse version generated (request to DRAFT with PDF/HTML/XLSX).
 *
 * <p>History is seeded with set-based SQL into the rows the deviation projection writes
 * ({@code deviation_fact} with its categories, involved units, triage, tracks, IVO/IMY notifications,
 * actions; the day cells follow through the table's own statement triggers) and into the consumer's
 * inbox (3–5 events per report, as applied): reports spread over 2015–2024 across a board, 10
 * departments and 100 units. The measured year, 2025, holds the same fixed 20 000 reports in both
 * phases plus what the workload adds, so both phases measure the same year's work against different
 * amounts of history.
 */
@QuarkusTest
@Tag("bench")
class GrowthBenchmark {

    static final int CURRENT_YEAR_REPORTS = 20_000;
    static final int BATCH = 2_000;
    static final String CONSUMED = "apply " + BATCH + " deviation events (Kafka → inbox → read model)";

    /** When history report i occurred: 2015–2024 (3 653 days). */
    static final String DAY = "(DATE '2015-01-01' + ((i * 7919) % 3653)::int)";

    static final String B = "((i * 31) % 100)";

    /** Category bits: 1 not a deviation, 2 other, 4 lex Sarah, 8 lex Maria, 16 breach, 32 complaint. */
    static final String MASK =
            "CASE WHEN {B} < 5 THEN 1 WHEN {B} < 30 THEN 4 WHEN {B} < 35 THEN 8 WHEN {B} < 40 THEN 16"
                    + " WHEN {B} < 48 THEN 32 ELSE 2 END";

    final String token = TestTokens.user("karin").roles("quality-team").bearer();
    final UUID board = UUID.randomUUID();
    final UUID admin = UUID.randomUUID();
    final List<UUID> departments = new ArrayList<>();
    final List<UUID> units = new ArrayList<>();
    long stream = 100;

    @Test
    void theSameWorkloadOnTenThousandAndOnAMillionReports() throws Exception {
        GrowthBench bench = GrowthBench.fromSystemProperties("report-service");
        String jdbc = System.getProperty("kvalitet.test.jdbc-url");
        organisation();

        double current = GrowthBench.execute(
                jdbc,
                "postgres",
                "postgres",
                seed(
                        bench.large(),
                        bench.large() + CURRENT_YEAR_REPORTS,
                        "(DATE '2025-01-01' + ((i * 7919) % 365)::int)"));
        bench.seeded(
                GrowthBench.SMALL,
                current + GrowthBench.execute(jdbc, "postgres", "postgres", seed(0, bench.small(), DAY)));
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        String report = given().header("Authorization", token)
                .contentType("application/json")
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + board + "\"}")
                .when()
                .post("/report/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        phase(bench, GrowthBench.SMALL, report);

        bench.seeded(
                GrowthBench.LARGE,
                GrowthBench.execute(jdbc, "postgres", "postgres", seed(bench.small(), bench.large(), DAY)));
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        phase(bench, GrowthBench.LARGE, report);

        System.out.println("\n" + bench.table());
        System.out.println("[growth] below the goal: " + bench.belowGoal());
        // issue 20 item 4: after a burst the consumer catches up at least as fast as the intake produced
        System.out.println(bench.catchUp(
                CONSUMED,
                BATCH,
                Double.parseDouble(System.getProperty("growth.intake-rate", "267")),
                "deviation-service intake direct, -Dgrowth.intake-rate"));
    }

    void phase(GrowthBench bench, String phase, String report) throws Exception {
        bench.phase(phase);
        String bootstrap = System.getProperty("kvalitet.test.kafka.bootstrap-servers");
        // the consumed reports happen in 2026: the measured year 2025 stays the same 20 000 reports in both phases (the
        // stream's 100 units per batch are new each time, so reports in 2025 would add cells to its counts phase by
        // phase)
        bench.measure(CONSUMED, 1, 5, () -> ConsumerBench.deviationStream(BATCH, stream++, 2026), events -> {
            ConsumerBench.Published published = ConsumerBench.publish(bootstrap, Topics.DEVIATION, events);
            List<String> ids = events.stream().map(EventEnvelope::id).collect(Collectors.toList());
            ConsumerBench.awaitDrained(
                    "report-service", published, events.size(), () -> inboxed(ids), ids.size(), Duration.ofMinutes(5));
        });
        for (String[] q : new String[][] {
            {"statistics of a year, the board (GET deviation-statistics)", "orgUnit", board.toString(), "year", "2025"},
            {"statistics of a year, a department", "orgUnit", departments.get(3).toString(), "year", "2025"},
            {
                "statistics of a quarter, a unit",
                "orgUnit",
                units.get(42).toString(),
                "from",
                "2025-04-01",
                "to",
                "2025-06-30"
            },
            {"counts of a year (GET deviation-counts)", "from", "2025-01-01", "to", "2025-12-31"}
        }) {
            String path = q[0].startsWith("counts") ? "/report/v1/deviation-counts" : "/report/v1/deviation-statistics";
            bench.measure(q[0], 3, 15, () -> {
                var req = given().header("Authorization", token);
                for (int i = 1; i + 1 < q.length; i += 2) {
                    req = req.queryParam(q[i], q[i + 1]);
                }
                req.get(path).then().statusCode(200);
            });
        }
        bench.measure(
                "kvalitetsberättelse: a version generated (request → DRAFT, PDF/HTML/XLSX)",
                1,
                3,
                () -> given().header("Authorization", token)
                        .header("If-Match", "*")
                        .header("Prefer", "wait=120")
                        .when()
                        .post("/report/v1/reports/" + report + "/versions")
                        .then()
                        .statusCode(201));
        System.out.print(bench.statements(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres", 12));
        bench.endPhase();
    }

    static long inboxed(List<String> ids) {
        try (Connection c = Db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ANY(?)")) {
            Array array = c.createArrayOf("varchar", ids.toArray());
            ps.setString(1, DeviationProjection.CONSUMER);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A board, an administration, 10 departments of 10 units (as the statistics benchmark). */
    void organisation() throws Exception {
        StringBuilder org = new StringBuilder(
                "INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active) VALUES ");
        org.append(StatisticsBenchmark.row(board, "2010-01-01", null, "Socialnämnden tillväxt", "BOARD"))
                .append(',');
        org.append(
                StatisticsBenchmark.row(admin, "2010-01-01", board, "Socialförvaltningen tillväxt", "ADMINISTRATION"));
        for (int d = 0; d < 10; d++) {
            UUID dept = UUID.randomUUID();
            departments.add(dept);
            org.append(',')
                    .append(StatisticsBenchmark.row(dept, "2010-01-01", admin, "Avdelning T" + (d + 1), "DEPARTMENT"));
            for (int u = 0; u < 10; u++) {
                UUID unit = UUID.randomUUID();
                units.add(unit);
                org.append(',')
                        .append(StatisticsBenchmark.row(
                                unit, "2010-01-01", dept, "Enhet T" + (d + 1) + "." + (u + 1), "UNIT"));
            }
        }
        try (Connection c = Db.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate(org.toString());
        }
    }

    /** Reports lo+1 … hi occurring on {@code day} (an SQL expression of i), as the projection writes them. */
    List<String> seed(int lo, int hi, String day) {
        String array = "(ARRAY[" + units.stream().map(u -> "'" + u + "'::uuid").collect(Collectors.joining(",")) + "])";
        String range = "generate_series(" + (lo + 1) + "::bigint, " + hi + ") i";
        String at = "(" + day + " + time '08:00' + ((i * 13) % 600) * interval '1 minute')";
        // flags: 4096 triaged; lex Sarah serious and notified (bits 0–3), lex Maria (4–7), breach to IMY (8–11)
        String flags = "(4096 | (CASE WHEN {B} >= 5 AND {B} < 30 AND i % 10 = 0 THEN 1 | 2 | 4"
                + " WHEN {B} >= 30 AND {B} < 35 AND i % 3 = 0 THEN 16 | 32 | 64"
                + " WHEN {B} >= 35 AND {B} < 40 AND i % 3 = 0 THEN 256 | 512 | 1024 ELSE 0 END)"
                + " | (CASE WHEN i % 50 <> 0 THEN 8192 ELSE 0 END))";
        String track = "CASE WHEN {B} < 30 THEN 'LEX_SARAH' WHEN {B} < 35 THEN 'LEX_MARIA' WHEN {B} < 40 THEN"
                + " 'PERSONAL_DATA_BREACH' WHEN {B} < 48 THEN 'COMPLAINT' ELSE 'OTHER_DEVIATION' END";
        List<String> sql =
                List.of("""
                INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at, updated_at,
                                            category_mask, flags, multi_unit)
                SELECT md5('rf' || i)::uuid, {U}[1 + (i * 7) % 100], NULL,
                       CASE WHEN i % 5 = 0 THEN 'CASE_SYSTEM' ELSE 'STAFF' END, {D}, {A}, {A} + interval '20 days',
                       {M}, {F}, i % 50 = 7
                FROM {R}""", """
                INSERT INTO deviation_fact_involved_unit (deviation_id, org_unit_id)
                SELECT md5('rf' || i)::uuid, {U}[1 + (i * 7) % 100] FROM {R} WHERE i % 50 = 7
                UNION ALL
                SELECT md5('rf' || i)::uuid, {U}[1 + (i * 7 + 1) % 100] FROM {R} WHERE i % 50 = 7""", """
                INSERT INTO deviation_fact_category (deviation_id, category)
                SELECT md5('rf' || i)::uuid, CASE WHEN {B} < 5 THEN 'NOT_A_DEVIATION' ELSE {TT} END FROM {R}""", """
                INSERT INTO deviation_fact_triage (deviation_id, triaged_at, closed_on)
                SELECT md5('rf' || i)::uuid, {A} + interval '1 hour', CASE WHEN i % 50 <> 0 THEN ({A} + interval '20 days')::date END
                FROM {R}""", """
                INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, opened_at, investigated_on, closed_on, closure,
                                                  assessment, serious, authority_notified, notified_on_time)
                SELECT md5('rt' || i)::uuid, md5('rf' || i)::uuid, {TT}, {A} + interval '1 hour',
                       CASE WHEN {B} < 35 THEN ({A} + interval '14 days')::date END,
                       CASE WHEN i % 50 <> 0 THEN ({A} + interval '20 days')::date END,
                       CASE WHEN i % 50 <> 0 THEN 'COMPLETED' END,
                       CASE WHEN {B} < 30 THEN (CASE WHEN i % 10 = 0 THEN 'MISSFORHALLANDE' ELSE 'INGET_MISSFORHALLANDE' END) END,
                       CASE WHEN {B} < 30 THEN i % 10 = 0 END,
                       (({B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0)),
                       CASE WHEN ({B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0) THEN TRUE END
                FROM {R} WHERE {B} >= 5""", """
                INSERT INTO deviation_fact_notification (notification_id, deviation_id, track_type, authority, kind, sent_at, on_time,
                                                         hours_late)
                SELECT md5('rn' || i)::uuid, md5('rf' || i)::uuid, {TT}, CASE WHEN {B} >= 35 THEN 'IMY' ELSE 'IVO' END, 'INITIAL',
                       {A} + interval '10 days', TRUE, 0
                FROM {R} WHERE ({B} >= 5 AND {B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0)""", """
                INSERT INTO deviation_fact_action (action_id, deviation_id, org_unit_id, due_on, done_on, done_on_time,
                                                   effect_checked_on, effective)
                SELECT md5('ra' || i)::uuid, md5('rf' || i)::uuid, {U}[1 + (i * 7) % 100], ({A} + interval '60 days')::date,
                       CASE WHEN i % 50 <> 0 THEN ({A} + interval '50 days')::date END, i % 50 <> 0, NULL, NULL
                FROM {R} WHERE {B} >= 5 AND i % 5 = 1""", GrowthBench.DEVIATION_INBOX_SEED.replace("{P}", "re"));
        List<String> statements = new ArrayList<>();
        for (String s : sql) {
            statements.add(s.replace("{TT}", track)
                    .replace("{M}", MASK)
                    .replace("{F}", flags)
                    .replace("{B}", B)
                    .replace("{D}", day)
                    .replace("{A}", at)
                    .replace("{U}", array)
                    .replace("{C}", DeviationProjection.CONSUMER)
                    .replace("{R}", range));
        }
        return statements;
    }
}
