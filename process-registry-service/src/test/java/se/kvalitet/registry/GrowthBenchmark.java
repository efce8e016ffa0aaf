package se.kvalitet.registry;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.GrowthBench;

/**
 * Issue 20 item 1, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl process-registry-service -am verify -Pbench -Dtest=GrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dgrowth.small=10000 -Dgrowth.large=1000000}).
 *
 * <p>The registry's tables do not grow with reports: they grow with steering documents (and their versions),
 * risk analyses and the organisation. So that the phases still stand for "a municipality with 10 000 and with
 * 1 000 000 reports", the registry's history is sized in proportion to the reports, pessimistically: one
 * approved routine (with its version, its unit and a superseded earlier version for every third) per 10
 * reports, and one risk analysis with three assessed risks per 100 reports: 1 000 routines and 100 analyses
 * at 10 000 reports, 100 000 routines and 10 000 analyses at 1 000 000 (a real municipality has a few thousand
 * documents; the organisation is the test's fixed tree, as reorganisations do not follow reports). Seeded
 * set-based ({@code INSERT … SELECT … FROM generate_series}) into the Flyway schema, {@code VACUUM ANALYZE},
 * then the same workload in both phases ({@link GrowthBench}): search (a domain term, a rarer word), the list
 * of documents in force for a unit and all of them, one document, a routine drafted, submitted and approved,
 * the org tree under a department, the risk analyses of a unit and its risk matrix.
 */
@QuarkusTest
@Tag("bench")
class GrowthBenchmark {

    /** Words of the seeded texts; "läkemedel" is in every fifth routine, "nattfasta" in one of 200. */
    static final String TEXT = "'Rutinen beskriver ' || (ARRAY['läkemedel', 'delegering', 'hygien', 'fallprevention',"
            + " 'nutrition'])[1 + i % 5] || ' i ' || (ARRAY['hemtjänst', 'särskilt boende', 'LSS', 'IFO'])[1 + i % 4]"
            + " || CASE WHEN i % 200 = 0 THEN ' och nattfasta' ELSE '' END || '. ' || repeat('Så här gör du steg för steg. ', 30)";

    int routineNo;

    @Test
    void theSameWorkloadOnTenThousandAndOnAMillionReports() throws Exception {
        GrowthBench bench = GrowthBench.fromSystemProperties("process-registry-service");
        String jdbc = System.getProperty("kvalitet.test.jdbc-url");
        List<String> units = units(jdbc);

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
        String karin = Api.karin();
        String one = firstSeeded();
        bench.measure(
                "a routine drafted, submitted and approved",
                3,
                15,
                () -> Api.routineDraft(
                        karin,
                        null,
                        null,
                        Api.HEMTJANST_NORR,
                        List.of(Api.HEMTJANST_NORR),
                        "Tillväxtrutin " + phase + " " + (++routineNo),
                        "Så här gör du när läkemedel ska ges.",
                        List.of()),
                id -> Api.approve(karin, id, Api.today()).then().statusCode(200));
        String[][] reads = {
            {"search, a domain term (a fifth of the routines)", "/registry/v1/search?q=läkemedel"},
            {"search, a rarer word (one in 200)", "/registry/v1/search?q=nattfasta"},
            {"documents in force for a unit", Api.DOCS + "?view=IN_FORCE&unit=" + Api.HEMTJANST_NORR + "&limit=50"},
            {"documents in force, first page", Api.DOCS + "?view=IN_FORCE&limit=50"},
            {"one document", Api.DOCS + "/" + one},
            {"org tree under a department", "/registry/v1/org-units?under=" + Api.ELDERLY + "&limit=500"},
            {"risk analyses of a unit", "/registry/v1/risk-analyses?unit=" + Api.HEMTJANST_NORR + "&limit=50"},
            {"risk matrix of a unit", "/registry/v1/risk-matrix?unit=" + Api.HEMTJANST_NORR}
        };
        for (String[] read : reads) {
            bench.measure(
                    read[0],
                    5,
                    30,
                    () -> given().header("Authorization", karin)
                            .get(read[1])
                            .then()
                            .statusCode(200));
        }
        String next = given().header("Authorization", karin)
                .get(Api.DOCS + "?view=IN_FORCE&limit=50")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        bench.measure(
                "documents in force, the next page (cursor)",
                5,
                30,
                () -> given().header("Authorization", karin)
                        .get(Api.DOCS + "?view=IN_FORCE&limit=50&cursor=" + next)
                        .then()
                        .statusCode(200));
        System.out.print(bench.statements(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres", 12));
        bench.endPhase();
    }

    static String firstSeeded() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery("SELECT md5('doc' || 1)::uuid")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> units(String jdbc) throws Exception {
        List<String> units = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT DISTINCT org_unit_id FROM org_unit_version"
                                + " WHERE valid_to IS NULL AND active AND type IN ('UNIT', 'DEPARTMENT') ORDER BY 1")) {
            while (rs.next()) {
                units.add(rs.getString(1));
            }
        }
        if (units.isEmpty()) {
            throw new IllegalStateException("no organisation in the registry's test database");
        }
        return units;
    }

    /** Routines and risk analyses for reports lo+1 … hi (one routine per 10, one analysis per 100), set-based. */
    double seed(String jdbc, List<String> units, int lo, int hi) throws Exception {
        String array = "(ARRAY[" + units.stream().map(u -> "'" + u + "'::uuid").collect(Collectors.joining(",")) + "])";
        String n = Integer.toString(units.size());
        String docs = "generate_series(" + (lo / 10 + 1) + "::bigint, " + hi / 10 + ") i";
        String analyses = "generate_series(" + (lo / 100 + 1) + "::bigint, " + hi / 100 + ") i";
        String decided = "(DATE '2016-01-01' + ((i * 7919) % 3000)::int)";
        List<String> sql = List.of("""
                INSERT INTO document (id, version, type, status, in_force_version, latest_version, owner_org_unit_id,
                                      next_review_date, created_at, created_by, updated_at)
                SELECT md5('doc' || i)::uuid, 2, 'ROUTINE', 'IN_FORCE', CASE WHEN i % 3 = 0 THEN 2 ELSE 1 END,
                       CASE WHEN i % 3 = 0 THEN 2 ELSE 1 END, {U}[1 + (i * 7) % {N}], {D} + 730,
                       {D}::timestamptz, 'growth', {D}::timestamptz
                FROM {R}""", """
                INSERT INTO document_version (id, document_id, number, status, title, summary, content, requires_cooperation,
                                              owner_org_unit_id, review_interval, decided_by, decided_on, valid_from,
                                              next_review_date, approved_at, superseded_on, created_at, updated_at, created_by)
                SELECT md5('ver' || i || '.' || v)::uuid, md5('doc' || i)::uuid, v, 'IN_REVIEW',
                       'Rutin ' || i || ' för ' || (ARRAY['läkemedel', 'delegering', 'hygien', 'fallprevention', 'nutrition'])[1 + i % 5],
                       'Syftet är att arbetet görs lika varje gång.', {T}, false, {U}[1 + (i * 7) % {N}], 'EVERY_SECOND_YEAR',
                       'UNIT_HEAD', {D} + (v - 1) * 365, {D} + (v - 1) * 365, {D} + (v + 1) * 365,
                       ({D} + (v - 1) * 365)::timestamptz, NULL, {D}::timestamptz, {D}::timestamptz, 'growth'
                FROM {R}, generate_series(1, 2) v WHERE v = 1 OR i % 3 = 0""", """
                INSERT INTO document_version_org_unit (version_id, org_unit_id)
                SELECT md5('ver' || i || '.' || v)::uuid, {U}[1 + (i * 7) % {N}]
                FROM {R}, generate_series(1, 2) v WHERE v = 1 OR i % 3 = 0""", """
                UPDATE document_version v
                SET status = CASE WHEN v.number < d.latest_version THEN 'SUPERSEDED' ELSE 'APPROVED' END,
                    superseded_on = CASE WHEN v.number < d.latest_version THEN v.valid_from + 365 END
                FROM document d WHERE d.id = v.document_id AND v.created_by = 'growth' AND v.status = 'IN_REVIEW'""", """
                INSERT INTO risk_analysis (id, version, title, subject_kind, planned_change, org_unit_id, analysed_on,
                                           description, status, created_at, created_by, updated_at)
                SELECT md5('ra' || i)::uuid, 1, 'Riskanalys ' || i, 'PLANNED_CHANGE', 'Ny bemanning på helger',
                       {U}[1 + (i * 7) % {N}], {D}, 'Vad kan gå fel när bemanningen ändras.',
                       CASE WHEN i % 4 = 0 THEN 'OPEN' ELSE 'COMPLETED' END, {D}::timestamptz, 'growth', {D}::timestamptz
                FROM {A}""", """
                INSERT INTO risk (id, analysis_id, position, description, causes, likelihood, consequence, score, matrix_class,
                                  status, assessments, assessed_on)
                SELECT md5('risk' || i || '.' || p)::uuid, md5('ra' || i)::uuid, p, 'Risk ' || p || ' i analys ' || i,
                       'Ny personal', 1 + (i + p) % 4, 1 + (i * p) % 4, (1 + (i + p) % 4) * (1 + (i * p) % 4),
                       CASE WHEN (1 + (i + p) % 4) * (1 + (i * p) % 4) <= 2 THEN 'LOW'
                            WHEN (1 + (i + p) % 4) * (1 + (i * p) % 4) <= 6 THEN 'MEDIUM'
                            WHEN (1 + (i + p) % 4) * (1 + (i * p) % 4) <= 9 THEN 'HIGH' ELSE 'VERY_HIGH' END,
                       CASE WHEN i % 4 = 0 THEN 'OPEN' ELSE 'MITIGATED' END, 1, {D}
                FROM {A}, generate_series(1, 3) p""", """
                INSERT INTO risk_assessment (id, risk_id, number, likelihood, consequence, score, matrix_class, status,
                                             assessed_on, note, measures, assessed_at, assessed_by)
                SELECT md5('ras' || r.id)::uuid, r.id, 1, r.likelihood, r.consequence, r.score, r.matrix_class, r.status,
                       r.assessed_on, NULL, '[]', r.assessed_on::timestamptz, 'growth'
                FROM risk r JOIN {A} ON r.analysis_id = md5('ra' || i)::uuid""");
        List<String> statements = new ArrayList<>();
        for (String s : sql) {
            statements.add(s.replace("{T}", TEXT)
                    .replace("{D}", decided)
                    .replace("{U}", array)
                    .replace("{N}", n)
                    .replace("{R}", docs)
                    .replace("{A}", analyses));
        }
        return GrowthBench.execute(jdbc, "postgres", "postgres", statements);
    }
}
