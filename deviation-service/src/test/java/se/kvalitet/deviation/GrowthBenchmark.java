package se.kvalitet.deviation;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.investigation.InvestigationTest;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.testing.GrowthBench;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 20 item 1, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl deviation-service -am verify -Pbench -Dtest=GrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dgrowth.small=10000 -Dgrowth.large=1000000}; {@code -Dgrowth.explain=true} logs each list's plans).
 *
 * <p>The same workload on the service's own database holding {@code growth.small} and then
 * {@code growth.large} existing reports, side by side in one run ({@link GrowthBench}): intake by a
 * person and by a case system (Idempotency-Key, external reference), triage, an IVO notification, the
 * lists (as the quality team with each hot filter, as a unit manager, the case system's own, "my
 * deviations") and one report.
 *
 * <p>History is seeded with set-based SQL ({@code INSERT … SELECT … FROM generate_series}) into the
 * tables of the service's Flyway schema with their indexes: the reports spread over 2016–2025 across
 * the demo organisation's units (a fifth from the case system, 2 % touching a second unit; open only if
 * recent, {@link #OPEN_SINCE}: a seventh of the last two weeks' still received, a third of the last quarter's in
 * progress, every older one closed), one triage decision each, a track for every category
 * but "not a deviation" (5 % / 25 % lex Sarah / 5 % lex Maria / 5 % breach / 8 % complaint / other),
 * three investigation entries per lex Sarah and lex Maria track, an IVO/IMY notification for the
 * serious ones, a deadline clock per report and per investigation, four access-log rows per report and
 * an action per fifth track. The current year (2026) is left to the workload, so both phases measure
 * the same year's work against different amounts of history. Rows that the service purges (the
 * outbox after 7 days, idempotency keys) do not grow with history and are not seeded.
 */
@QuarkusTest
@Tag("bench")
class GrowthBenchmark {

    @Inject
    DeviationQueries queries;

    static final String PATH = InvestigationTest.PATH;
    static final UUID HEMTJANST = InvestigationTest.HEMTJANST;

    /** When history report i was filed: spread over 2016–2025 (3 652 days), office hours. */
    static final String T =
            "(timestamptz '2016-01-01 07:00+00' + ((i * 7919) % 3652) * interval '1 day' + ((i * 13) % 600) * interval '1 minute')";
    /** Its category bucket (0–99): < 5 not a deviation, < 30 lex Sarah, < 35 lex Maria, < 40 breach, < 48 complaint. */
    static final String B = "((i * 31) % 100)";

    /**
     * Which history reports are still open on 1 January 2026: in a real service open cases close, so only recent ones
     * are (not a fixed share of all history, which would make a unit's open cases grow with every year kept). Still
     * received (not yet triaged): a seventh of the last two weeks' reports; in progress: a third of the last quarter's
     * (investigations take weeks to months); every older report is closed.
     */
    static final String OPEN_SINCE = "2025-10-01 00:00+00";

    static final String RECEIVED = "({T} >= timestamptz '2025-12-18 00:00+00' AND i % 7 = 0)";

    static final String CATEGORY = "CASE WHEN {B} < 5 THEN 'NOT_A_DEVIATION' WHEN {B} < 30 THEN 'LEX_SARAH'"
            + " WHEN {B} < 35 THEN 'LEX_MARIA' WHEN {B} < 40 THEN 'PERSONAL_DATA_BREACH' WHEN {B} < 48 THEN 'COMPLAINT'"
            + " ELSE 'OTHER_DEVIATION' END";

    final String reporter = TestTokens.user("growth-reporter")
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String manager = TestTokens.user("growth-manager")
            .roles("unit-manager")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();
    final String caseSystem =
            TestTokens.client("case-system").roles("case-system").bearer();
    final String caseSystemSubject = TestTokens.client("case-system").subject();

    @Test
    void theSameWorkloadOnTenThousandAndOnAMillionReports() throws Exception {
        GrowthBench bench = GrowthBench.fromSystemProperties("deviation-service");
        List<String> units = units();
        String jdbc = System.getProperty("kvalitet.test.jdbc-url");

        bench.seeded(GrowthBench.SMALL, seed(jdbc, units, 0, bench.small()));
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        phase(bench, GrowthBench.SMALL);

        bench.seeded(GrowthBench.LARGE, seed(jdbc, units, bench.small(), bench.large()));
        GrowthBench.vacuumAnalyze(jdbc, "postgres", "postgres");
        GrowthBench.resetStatements(jdbc, "postgres", "postgres");
        phase(bench, GrowthBench.LARGE);

        System.out.println("\n" + bench.table());
        System.out.println("[growth] below the goal: " + bench.belowGoal());
    }

    void phase(GrowthBench bench, String phase) throws Exception {
        bench.phase(phase);
        bench.measure("intake as a person (POST)", 10, 40, () -> personIntake());
        bench.measure("intake as a case system (Idempotency-Key, reference)", 10, 40, () -> caseSystemIntake());
        bench.measure(
                "triage (POST …/triage, lex Sarah)",
                5,
                25,
                () -> {
                    String id = personIntake();
                    return new String[] {id, InvestigationTest.etag(karin, PATH + "/" + id)};
                },
                r -> InvestigationTest.post(
                                karin, PATH + "/" + r[0] + "/triage", r[1], "{\"categories\":[\"LEX_SARAH\"]}")
                        .then()
                        .statusCode(200));
        bench.measure(
                "IVO notification (POST …/notifications)",
                3,
                15,
                this::assessedSeriousTrack,
                trackPath -> InvestigationTest.post(
                                karin, trackPath + "/notifications", null, """
                                {"kind":"INITIAL","sentAt":"%s","authorityReference":"3.5.1-1/2026","content":"Anmälan enligt 14 kap. 7 § SoL"}""".formatted(Instant.now()))
                        .then()
                        .statusCode(201));
        String one = personIntake();
        String cursor = given().header("Authorization", karin)
                .get(PATH + "?limit=50")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        String[][] lists = {
            {"list, quality team (newest 50)", karin, PATH + "?limit=50"},
            {"list, quality team, one unit", karin, PATH + "?orgUnit=" + HEMTJANST + "&limit=50"},
            {"list, quality team, status in progress", karin, PATH + "?status=IN_PROGRESS&limit=50"},
            {"list, quality team, category lex Sarah", karin, PATH + "?category=LEX_SARAH&limit=50"},
            {
                "list, quality team, occurred this year",
                karin,
                PATH + "?occurredFrom=2026-01-01&occurredTo=2026-12-31&limit=50"
            },
            {"list, quality team, page 20 of 50", karin, PATH + "?limit=50&page=20"},
            {"list, unit manager (own subtree)", manager, PATH + "?limit=50"},
            {"list, case system (its own)", caseSystem, PATH + "?limit=50"},
            {"list, quality team, next page by cursor", karin, PATH + "?limit=50&cursor=" + cursor},
            {
                "list, quality team, one unit, lex Sarah, in progress",
                karin,
                PATH + "?orgUnit=" + HEMTJANST + "&category=LEX_SARAH&status=IN_PROGRESS&limit=50"
            },
            {"list, quality team, changed since (sync)", karin, PATH + "?updatedSince=2025-06-01T00:00:00Z&limit=50"},
            {"my deviations (reporter)", reporter, "/deviation/v1/my-deviations?limit=50"},
            {"one report (GET)", karin, PATH + "/" + one}
        };
        for (String[] list : lists) {
            bench.measure(
                    list[0],
                    5,
                    30,
                    () -> given().header("Authorization", list[1])
                            .get(list[2])
                            .then()
                            .statusCode(200));
        }
        System.out.print(bench.statements(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres", 12));
        if (Boolean.getBoolean("growth.explain")) {
            // each list once more, untimed, with its statements' plans (EXPLAIN ANALYZE, BUFFERS) in the log
            queries.explainPlans(true);
            try {
                for (String[] list : lists) {
                    System.out.println("[growth] explain " + phase + ": " + list[0]);
                    given().header("Authorization", list[1]).get(list[2]).then().statusCode(200);
                }
            } finally {
                queries.explainPlans(false);
            }
            // the deadlines at a past instant (GET /deadlines?state=overdue&asOf=…, the quality team): its two
            // statements as DeadlineQueries words them, for V91's index of clocks by when they stopped
            String running = " from deadline_clock c join deviation d on d.id = c.deviation_id"
                    + " where c.started_at <= timestamptz '2025-06-01 00:00+00'"
                    + " and (c.stopped_at is null or c.stopped_at > timestamptz '2025-06-01 00:00+00')"
                    + " and c.due_at <= timestamptz '2025-06-01 00:00+00'";
            try (Connection c = DeviationDb.connect();
                    java.sql.Statement s = c.createStatement()) {
                for (String sql : List.of(
                        "select c.id" + running + " order by c.due_at, c.id limit 20",
                        "select count(c.id)" + running)) {
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    System.out.println(
                            "[growth] explain " + phase + ": deadlines overdue as of 2025-06-01\n" + sql + "\n" + plan);
                }
            }
        }
        bench.endPhase();
    }

    String personIntake() {
        return given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Larm besvarades sent","description":"Larmet gick 22.10, besök 22.55.",
                         "occurredAt":"%s","orgUnitId":"%s"}""".formatted(Instant.now(), HEMTJANST))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String caseSystemIntake() {
        return given().header("Authorization", caseSystem)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Fel dos given","description":"Kvällsdosen gavs två gånger.",
                         "occurredAt":"%s","orgUnitId":"%s",
                         "externalReference":{"source":"treserva","id":"AV-%s"}}""".formatted(Instant.now(), HEMTJANST, UUID.randomUUID()))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A fresh lex Sarah report, triaged and assessed serious: the IVO notification is due. */
    String assessedSeriousTrack() {
        String id = personIntake();
        InvestigationTest.post(
                        karin,
                        PATH + "/" + id + "/triage",
                        InvestigationTest.etag(karin, PATH + "/" + id),
                        "{\"categories\":[\"LEX_SARAH\"]}")
                .then()
                .statusCode(200);
        String trackPath = InvestigationTest.trackPath(id, InvestigationTest.trackId(karin, id));
        InvestigationTest.post(
                        karin,
                        trackPath + "/assessment",
                        InvestigationTest.etag(karin, trackPath),
                        "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(200);
        return trackPath;
    }

    static List<String> units() throws Exception {
        List<String> units = new ArrayList<>();
        try (Connection c = DeviationDb.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT DISTINCT org_unit_id FROM orgcopy_version WHERE type = 'UNIT' ORDER BY 1")) {
            while (rs.next()) {
                units.add(rs.getString(1));
            }
        }
        if (units.isEmpty()) {
            throw new IllegalStateException("the demo organisation is not in orgcopy_version");
        }
        return units;
    }

    /** History reports lo+1 … hi with everything a report of that age has, set-based. */
    double seed(String jdbc, List<String> units, int lo, int hi) throws Exception {
        String array = "(ARRAY[" + units.stream().map(u -> "'" + u + "'::uuid").collect(Collectors.joining(",")) + "])";
        String n = Integer.toString(units.size());
        String range = "generate_series(" + (lo + 1) + "::bigint, " + hi + ") i";
        String status = "CASE WHEN {RCV} THEN 'RECEIVED' WHEN {T} >= timestamptz '" + OPEN_SINCE
                + "' AND i % 3 = 0 THEN 'IN_PROGRESS' ELSE 'CLOSED' END";
        String cat = CATEGORY;
        List<String> sql = List.of("""
                INSERT INTO deviation (id, summary, description, occurred_at, org_unit_id, suggested_category, channel,
                                       reporter_subject, reporter_client, external_source, external_id, status, created_at,
                                       updated_at, version, triaged_at, closed_at, feedback_to_reporter)
                SELECT md5('dev' || i)::uuid, 'Händelse ' || i, 'Vad som hände, i vilken ordning och vad som gjordes direkt. '
                       || repeat('Beskrivning ', 20), {T} - interval '2 hours', {U}[1 + (i * 7) % {N}], NULL,
                       CASE WHEN i % 5 = 0 THEN 'CASE_SYSTEM' ELSE 'STAFF' END,
                       CASE WHEN i % 5 = 0 THEN '{CS}' ELSE 'staff-' || (i % 5000) END,
                       CASE WHEN i % 5 = 0 THEN 'case-system' ELSE 'kvalitet-web' END,
                       CASE WHEN i % 5 = 0 THEN 'treserva' END, CASE WHEN i % 5 = 0 THEN 'H-' || i END,
                       {S}, {T}, {T} + interval '20 days', 3,
                       CASE WHEN NOT {RCV} THEN {T} + interval '1 hour' END,
                       CASE WHEN {S} = 'CLOSED' THEN {T} + interval '20 days' END,
                       CASE WHEN {S} = 'CLOSED' THEN 'Tack för din rapport. Händelsen är utredd och åtgärdad.' END
                FROM {R}""", """
                INSERT INTO deviation_involved_unit (deviation_id, org_unit_id)
                SELECT md5('dev' || i)::uuid, {U}[1 + (i * 11 + 1) % {N}] FROM {R}
                WHERE i % 50 = 7 AND (i * 11 + 1) % {N} <> (i * 7) % {N}""", """
                INSERT INTO triage_decision (id, deviation_id, categories, previous_categories, reason, decided_by, decided_at)
                SELECT md5('tri' || i)::uuid, md5('dev' || i)::uuid, {C}, '', NULL, 'karin', {T} + interval '1 hour'
                FROM {R} WHERE NOT {RCV}""", """
                INSERT INTO deviation_track (id, deviation_id, category, opened_at, closed_at, closure, investigator, assessment,
                                             serious, assessed_at, assessed_by, updated_at, version)
                SELECT md5('trk' || i)::uuid, md5('dev' || i)::uuid, {C}, {T} + interval '1 hour',
                       CASE WHEN {S} = 'CLOSED' THEN {T} + interval '20 days' END,
                       CASE WHEN {S} = 'CLOSED' THEN 'COMPLETED' END,
                       CASE WHEN {B} < 35 THEN 'ingrid-' || (i % 20) END,
                       CASE WHEN {B} >= 5 AND {B} < 30 THEN (CASE WHEN i % 10 = 0 THEN 'MISSFORHALLANDE' ELSE 'INGET_MISSFORHALLANDE' END) END,
                       CASE WHEN {B} >= 5 AND {B} < 30 THEN i % 10 = 0 END,
                       CASE WHEN {B} >= 5 AND {B} < 30 THEN {T} + interval '5 days' END,
                       CASE WHEN {B} >= 5 AND {B} < 30 THEN 'ingrid-' || (i % 20) END,
                       {T} + interval '20 days', 4
                FROM {R} WHERE NOT {RCV} AND {B} >= 5""", """
                INSERT INTO investigation_entry (id, track_id, section, kind, entry_date, source, text, author_subject, author_name,
                                                 created_at)
                SELECT md5('ent' || i || '.' || e)::uuid, md5('trk' || i)::uuid,
                       (ARRAY['WHAT_HAPPENED_AND_CONSEQUENCES', 'CAUSES', 'MEASURES_PLANNED'])[e],
                       CASE WHEN e = 3 THEN 'ASSESSMENT' ELSE 'FACT' END, ({T} + e * interval '1 day')::date,
                       'Samtal med personal', 'Uppgift ' || e || ' i utredningen. ' || repeat('Text ', 40),
                       'ingrid-' || (i % 20), 'Ingrid', {T} + e * interval '1 day'
                FROM {R}, generate_series(1, 3) e WHERE NOT {RCV} AND {B} >= 5 AND {B} < 35""", """
                INSERT INTO authority_notification (id, track_id, authority, kind, clock_started_at, due_at, sent_at,
                                                    authority_reference, snapshot, snapshot_sha256, filed_by, created_at)
                SELECT md5('not' || i)::uuid, md5('trk' || i)::uuid, CASE WHEN {B} >= 35 THEN 'IMY' ELSE 'IVO' END, 'INITIAL',
                       {T} + interval '5 days', {T} + interval '19 days', {T} + interval '10 days', '3.5.1-' || i,
                       '{"report":"' || i || '","text":"' || repeat('Ögonblicksbild av anmälan. ', 40) || '"}',
                       md5('snap' || i) || md5('shot' || i), 'karin', {T} + interval '10 days'
                FROM {R} WHERE NOT {RCV} AND (({B} >= 5 AND {B} < 30 AND i % 10 = 0) OR ({B} >= 30 AND {B} < 40 AND i % 3 = 0))""", """
                INSERT INTO deadline_clock (id, deviation_id, subject_id, track_type, kind, org_unit_id, policy, started_at, due_at,
                                            due_soon_at, stopped_at, stop_reason, due_soon_published_at, overdue_published_at)
                SELECT md5('clk' || i)::uuid, md5('dev' || i)::uuid, md5('dev' || i)::uuid, NULL, 'TRIAGE', {U}[1 + (i * 7) % {N}],
                       '2wd', {T}, {T} + interval '14 days', {T} + interval '12 days',
                       CASE WHEN NOT {RCV} THEN {T} + interval '1 hour' END, CASE WHEN NOT {RCV} THEN 'MET' END,
                       CASE WHEN {RCV} THEN {T} + interval '12 days' END, CASE WHEN {RCV} THEN {T} + interval '14 days' END
                FROM {R}""", """
                INSERT INTO deadline_clock (id, deviation_id, subject_id, track_type, kind, org_unit_id, policy, started_at, due_at,
                                            due_soon_at, stopped_at, stop_reason, due_soon_published_at, overdue_published_at)
                SELECT md5('clki' || i)::uuid, md5('dev' || i)::uuid, md5('trk' || i)::uuid, {C},
                       CASE WHEN {B} < 30 THEN 'LEX_SARAH_INVESTIGATION' ELSE 'LEX_MARIA_INVESTIGATION' END,
                       {U}[1 + (i * 7) % {N}], '2w', {T} + interval '1 hour', {T} + interval '15 days', {T} + interval '13 days',
                       CASE WHEN {S} = 'CLOSED' THEN {T} + interval '14 days' END, CASE WHEN {S} = 'CLOSED' THEN 'MET' END,
                       CASE WHEN {S} <> 'CLOSED' THEN {T} + interval '13 days' END,
                       CASE WHEN {S} <> 'CLOSED' THEN {T} + interval '15 days' END
                FROM {R} WHERE NOT {RCV} AND {B} >= 5 AND {B} < 35""", """
                INSERT INTO case_access_log (at, deviation_id, action, granted, subject, username, client_id, roles, correlation_id)
                SELECT {T} + a * interval '1 hour', md5('dev' || i)::uuid,
                       (ARRAY['CREATE', 'TRIAGE', 'READ', 'READ'])[a], TRUE,
                       CASE WHEN a = 1 THEN 'staff-' || (i % 5000) ELSE 'karin' END, NULL, 'kvalitet-web',
                       CASE WHEN a = 1 THEN 'reporter' ELSE 'quality-team' END, md5('cor' || i || a)
                FROM {R}, generate_series(1, 4) a""", """
                INSERT INTO deviation_action (id, deviation_id, track_id, title, description, owner, org_unit_id, due_date, status,
                                              done_date, created_by, created_at, updated_at, version)
                SELECT md5('act' || i)::uuid, md5('dev' || i)::uuid, md5('trk' || i)::uuid, 'Åtgärd ' || i,
                       'Rutinen ses över och personalen informeras.', 'chef-' || (i % 100), {U}[1 + (i * 7) % {N}],
                       ({T} + interval '60 days')::date, CASE WHEN {S} = 'CLOSED' THEN 'DONE' ELSE 'PLANNED' END,
                       CASE WHEN {S} = 'CLOSED' THEN ({T} + interval '50 days')::date END, 'karin', {T} + interval '6 days',
                       {T} + interval '50 days', 1
                FROM {R} WHERE NOT {RCV} AND {B} >= 5 AND i % 5 = 1""");
        List<String> statements = new ArrayList<>();
        for (String s : sql) {
            statements.add(s.replace("{C}", cat)
                    .replace("{S}", status)
                    .replace("{RCV}", RECEIVED)
                    .replace("{B}", B)
                    .replace("{T}", T)
                    .replace("{U}", array)
                    .replace("{N}", n)
                    .replace("{CS}", caseSystemSubject)
                    .replace("{R}", range));
        }
        return GrowthBench.execute(jdbc, "postgres", "postgres", statements);
    }
}
