package se.kvalitet.report;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 6 item 11, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl report-service -am verify -Pbench -Dtest=StatisticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Loads 1 000 000 deviation reports into the read model (the rows the deviation projection
 * writes, inserted with SQL so the run takes seconds, not the hours a million inbox transactions
 * take) across a board, 10 departments and 100 units, five of which move department mid-year; 2 %
 * of the reports touch a second unit. Then measures, in the same run and on the same rows:
 * <ol>
 *   <li>the baseline: a hand-written {@code GROUP BY org_unit_id, category} over the same reports;</li>
 *   <li>{@code GET /report/v1/deviation-statistics}: the full pivot with distinct totals at every
 *       level, shares, IVO/IMY, months and tertials, placed by the organisation history, over HTTP;</li>
 *   <li>end to end: a kvalitetsberättelse generated from those rows to a PDF/A (202 → DRAFT).</li>
 * </ol>
 * Prints medians of five runs after two warm-ups; the target is statistics ≤ 2 × baseline.
 */
@QuarkusTest
@Tag("bench")
class StatisticsBenchmark {

    static final int REPORTS = 1_000_000;
    static final int RUNS = 5;

    @Test
    void statisticsOverAMillionReports() throws Exception {
        UUID board = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        List<UUID> departments = new ArrayList<>();
        List<UUID> units = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Connection c = Db.connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            StringBuilder org = new StringBuilder(
                    "INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active) VALUES ");
            org.append(row(board, "2024-01-01", null, "Socialnämnden", "BOARD")).append(',');
            org.append(row(admin, "2024-01-01", board, "Socialförvaltningen", "ADMINISTRATION"));
            for (int d = 0; d < 10; d++) {
                UUID dept = UUID.randomUUID();
                departments.add(dept);
                org.append(',').append(row(dept, "2024-01-01", admin, "Avdelning " + (d + 1), "DEPARTMENT"));
                for (int u = 0; u < 10; u++) {
                    UUID unit = UUID.randomUUID();
                    units.add(unit);
                    org.append(',').append(row(unit, "2024-01-01", dept, "Enhet " + (d + 1) + "." + (u + 1), "UNIT"));
                }
            }
            for (int m = 0; m < 5; m++) {
                // reorganisation: unit m of department 1 moves to department 2 on 1 July
                org.append(',')
                        .append(row(units.get(m), "2025-07-01", departments.get(1), "Enhet 1." + (m + 1), "UNIT"));
            }
            s.executeUpdate(org.toString());
            // each snapshot valid until the unit's next (what platform/orgcopy keeps when it applies them)
            s.executeUpdate("""
                    UPDATE orgcopy_version v SET valid_to = n.next
                    FROM (SELECT org_unit_id, valid_from, lead(valid_from) OVER (PARTITION BY org_unit_id ORDER BY valid_from) AS next
                          FROM orgcopy_version) n
                    WHERE v.org_unit_id = n.org_unit_id AND v.valid_from = n.valid_from AND n.next IS NOT NULL""");
            String array =
                    "ARRAY[" + units.stream().map(u -> "'" + u + "'::uuid").collect(Collectors.joining(",")) + "]";
            s.executeUpdate("""
                    INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at, updated_at,
                                                category_mask, flags, multi_unit)
                    SELECT md5('%1$s' || i)::uuid, (%2$s)[(1 + i %% 100)::int], NULL,
                           CASE WHEN i %% 5 = 0 THEN 'CASE_SYSTEM' ELSE 'STAFF' END,
                           DATE '2025-01-01' + (i * 7919 %% 365)::int, now(), now(),
                           CASE WHEN b < 5 THEN 1 WHEN b < 30 THEN 4 WHEN b < 33 THEN 20 WHEN b < 40 THEN 16
                                WHEN b < 41 THEN 8 WHEN b < 48 THEN 32 ELSE 2 END,
                           4096 | (CASE WHEN b BETWEEN 5 AND 32 AND i %% 5 = 0 THEN 3 | (CASE WHEN i %% 3 = 0 THEN 8 ELSE 4 END)
                                        ELSE 0 END),
                           i %% 50 = 0
                    FROM (SELECT i, (i * 31) %% 100 AS b FROM generate_series(1::bigint, %3$d) i) g""".formatted(board, array, REPORTS));
            s.executeUpdate("""
                    INSERT INTO deviation_fact_involved_unit (deviation_id, org_unit_id)
                    SELECT deviation_id, (%s)[1 + abs(hashtext(deviation_id::text)) %% 100] FROM deviation_fact
                    WHERE multi_unit ON CONFLICT DO NOTHING""".formatted(array));
            s.executeUpdate("""
                    INSERT INTO deviation_fact_category (deviation_id, category)
                    SELECT f.deviation_id, c.name FROM deviation_fact f
                    JOIN (VALUES (1, 'NOT_A_DEVIATION'), (2, 'OTHER_DEVIATION'), (4, 'LEX_SARAH'), (8, 'LEX_MARIA'),
                                 (16, 'PERSONAL_DATA_BREACH'), (32, 'COMPLAINT')) c(bit, name) ON f.category_mask & c.bit <> 0""");
            s.execute("ANALYZE");
        }
        System.out.printf(
                "[bench] loaded %,d reports (%,d category assignments) in %.1f s%n",
                REPORTS, Db.count("SELECT count(*) FROM deviation_fact_category"), (System.nanoTime() - t0) / 1e9);

        String baselineSql = """
                SELECT f.org_unit_id, c.category, count(*) FROM deviation_fact f
                JOIN deviation_fact_category c ON c.deviation_id = f.deviation_id
                WHERE f.occurred_on BETWEEN DATE '2025-01-01' AND DATE '2025-12-31' GROUP BY 1, 2""";
        double[] baseline = time(() -> {
            try (Connection c = Db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(baselineSql)) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                if (n == 0) {
                    throw new IllegalStateException("no rows");
                }
            }
        });
        String token = TestTokens.user("karin").roles("quality-team").bearer();
        long[] total = {0};
        double[] statistics = time(() -> total[0] = given().header("Authorization", token)
                .queryParam("orgUnit", board.toString())
                .queryParam("year", "2025")
                .when()
                .get("/report/v1/deviation-statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("reports"));
        System.out.printf(
                "[bench] hand-written GROUP BY (unit × category), JDBC: median %.0f ms (min %.0f)%n",
                median(baseline), min(baseline));
        System.out.printf(
                "[bench] GET /report/v1/deviation-statistics (pivot, distinct totals at 4 levels, shares, IVO/IMY, "
                        + "months, tertials, org history), HTTP+JSON: median %.0f ms (min %.0f); %,d reports%n",
                median(statistics), min(statistics), total[0]);
        System.out.printf(
                "[bench] ratio statistics / baseline: %.2f (target <= 2.00)%n", median(statistics) / median(baseline));

        String id = given().header("Authorization", token)
                .contentType("application/json")
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + board + "\"}")
                .when()
                .post("/report/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        long g0 = System.nanoTime();
        var done = given().header("Authorization", token)
                .header("If-Match", "*")
                .header("Prefer", "wait=50")
                .when()
                .post("/report/v1/reports/" + id + "/versions")
                .then()
                .statusCode(201)
                .extract();
        double seconds = (System.nanoTime() - g0) / 1e9;
        byte[] pdf = given().header("Authorization", token)
                .when()
                .get(done.jsonPath().getString("links.pdf"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        int pages;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
        }
        System.out.printf(
                "[bench] kvalitetsberättelse over %,d reports, request to DRAFT with PDF (PDF/A-2a, PDF/UA-1), HTML, "
                        + "XLSX, JSON: %.2f s (PDF %d pages, %,d bytes)%n",
                total[0], seconds, pages, pdf.length);
        String version = done.header("Location");
        String etag = given().header("Authorization", token)
                .when()
                .get(version)
                .then()
                .extract()
                .header("ETag");
        long a0 = System.nanoTime();
        given().header("Authorization", token)
                .header("If-Match", etag)
                .contentType("application/json")
                .body("{}")
                .when()
                .post(version + "/approve")
                .then()
                .statusCode(200);
        System.out.printf(
                "[bench] approval: documents rendered again with the approval block, PDF signed (PAdES): %.2f s%n",
                (System.nanoTime() - a0) / 1e9);
    }

    interface Run {
        void run() throws Exception;
    }

    static double[] time(Run r) throws Exception {
        r.run();
        r.run();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    static String row(UUID id, String from, UUID parent, String name, String level) {
        return "('" + id + "', DATE '" + from + "', " + (parent == null ? "NULL" : "'" + parent + "'") + ", '" + name
                + "', '" + level + "', TRUE)";
    }
}
