package se.kvalitet.followup.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static se.kvalitet.followup.Fixtures.measure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.format.Csv;

/** The BI export: stable columns, CSV for Swedish Excel, JSON, incremental pulls with a cursor, aggregates only. */
@QuarkusTest
class ExportResourceTest {

    static final String PATH = "/followup/v1/export/measurements";
    static Fixtures.Org org;
    static String indicator;
    static String code;

    /** Once per class, at the first test (REST calls need the test port, which @BeforeAll does not have yet). */
    @BeforeEach
    void setUp() {
        if (indicator != null) {
            return;
        }
        org = Fixtures.org();
        code = Fixtures.code("X");
        indicator = Fixtures.indicator(
                code,
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":80}]",
                "\"minResponses\":5");
        measure(
                        indicator,
                        org.a1(),
                        "2024",
                        "T",
                        "\"value\":84.5,\"responses\":52,\"comment\":\"Fritext; med 19121212\"")
                .then()
                .statusCode(201);
        measure(indicator, org.a2(), "2024", "T", "\"value\":40,\"responses\":3")
                .then()
                .statusCode(201);
    }

    static List<List<String>> csv(String text, char delimiter) {
        Csv.Parser p = new Csv.Parser(new StringReader(text), delimiter);
        List<List<String>> out = new ArrayList<>();
        for (List<String> r = p.next(); r != null; r = p.next()) {
            out.add(r);
        }
        return out;
    }

    static List<List<String>> mine(List<List<String>> rows) {
        return rows.stream().filter(r -> r.contains(code)).toList();
    }

    @Test
    void csvHasTheDocumentedColumnsNoFreeTextAndHidesValuesBackedByTooFewAnswers() {
        Response r = given().header("Authorization", Fixtures.bi()).get(PATH);
        r.then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("X-Next-Cursor", notNullValue())
                .header("Content-Disposition", containsString("measurements.csv"));
        List<List<String>> rows = csv(r.asString(), ',');
        assertThat(rows.get(0))
                .containsExactlyElementsOf(MeasurementExport.MEASUREMENT_COLUMNS.stream()
                        .map(c -> c.name())
                        .toList());
        List<List<String>> mine = mine(rows);
        assertThat(mine).hasSizeGreaterThanOrEqualTo(2);
        List<String> a1 = mine.stream()
                .filter(x -> x.get(3).equals(org.a1().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(a1.get(10)).isEqualTo("84.5");
        assertThat(a1.get(13)).isEqualTo("52");
        assertThat(a1.get(18)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        List<String> a2 = mine.stream()
                .filter(x -> x.get(3).equals(org.a2().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(a2.get(10)).isEmpty();
        assertThat(a2.get(15)).isEqualTo("TOO_FEW_RESPONSES");
        assertThat(r.asString()).doesNotContain("Fritext");
    }

    @Test
    void swedishExcelGetsSemicolonsDecimalCommasAndABom() {
        byte[] body = given().header("Authorization", Fixtures.bi())
                .queryParam("delimiter", "semicolon")
                .queryParam("decimal", "comma")
                .queryParam("bom", "true")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(body[0]).isEqualTo((byte) 0xEF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFmeasurementId;indicatorId;").contains("\r\n");
        List<String> a1 = mine(csv(text, ';')).stream()
                .filter(x -> x.get(3).equals(org.a1().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(a1.get(10)).isEqualTo("84,5");
    }

    @Test
    void jsonCarriesNumbersAsNumbers() {
        JsonPath json = given().header("Authorization", Fixtures.bi())
                .queryParam("format", "json")
                .get(PATH)
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .extract()
                .jsonPath();
        List<Object> values = json.getList(
                "findAll { it.indicatorCode == '" + code + "' && it.orgUnitId == '" + org.a1() + "' }.value");
        assertThat(values).containsExactly(84.5f);
        assertThat(json.getList("findAll { it.indicatorCode == '" + code + "' && it.orgUnitId == '" + org.a2()
                        + "' }.missingReason"))
                .containsExactly("TOO_FEW_RESPONSES");
    }

    /** The rows of this test's indicator in one pull from {@code cursor}; returns the next cursor. */
    static String pull(String cursor, List<java.util.Map<String, Object>> into) {
        var req = given().header("Authorization", Fixtures.bi()).queryParam("format", "json");
        if (cursor != null) {
            req = req.queryParam("cursor", cursor);
        }
        Response r = req.get(PATH);
        r.then().statusCode(200);
        into.addAll(r.jsonPath().getList("findAll { it.indicatorCode == '" + code + "' }"));
        return r.header("X-Next-Cursor");
    }

    @Test
    void aCursorPullGetsExactlyWhatChangedSinceTheLastPull() {
        List<java.util.Map<String, Object>> seen = new ArrayList<>();
        String cursor = pull(null, seen);
        assertThat(seen).hasSize(2);
        seen.clear();
        cursor = pull(cursor, seen);
        assertThat(seen).isEmpty();
        Response b1 = measure(indicator, org.b1(), "2024", "T", "\"value\":90,\"responses\":20");
        String id = b1.path("id");
        given().header("Authorization", Fixtures.karin())
                .header("If-Match", b1.header("ETag"))
                .contentType("application/json")
                .body("{\"value\":91,\"responses\":20}")
                .put("/followup/v1/measurements/" + id)
                .then()
                .statusCode(200);
        // a transaction still running when a pull is planned is left to the next pull, so pull until it arrives
        String[] next = {cursor};
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            next[0] = pull(next[0], seen);
            return !seen.isEmpty();
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0))
                .containsEntry("measurementId", id)
                .containsEntry("value", 91)
                .containsEntry("revision", 2);
        seen.clear();
        pull(next[0], seen);
        assertThat(seen).isEmpty();
        // with a limit the pull stops early and says so; the cursor continues where it stopped
        Response limited = given().header("Authorization", Fixtures.bi())
                .queryParam("format", "json")
                .queryParam("limit", 1)
                .get(PATH);
        limited.then().statusCode(200).body("size()", equalTo(1)).header("X-Has-More", "true");
        Response rest = given().header("Authorization", Fixtures.bi())
                .queryParam("format", "json")
                .queryParam("limit", 1)
                .queryParam("cursor", limited.header("X-Next-Cursor"))
                .get(PATH);
        assertThat(rest.jsonPath().getString("[0].measurementId"))
                .isNotEqualTo(limited.jsonPath().getString("[0].measurementId"));
        given().header("Authorization", Fixtures.bi())
                .queryParam("cursor", "garbage")
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Fixtures.bi())
                .queryParam("format", "xlsx")
                .get(PATH)
                .then()
                .statusCode(400);
        given().header("Authorization", Fixtures.bi())
                .queryParam("limit", 0)
                .get(PATH)
                .then()
                .statusCode(400);
    }

    @Test
    void evaluationsAndIndicatorsExportAndOnlyBiAndTheQualityTeamMayExport() {
        String evaluations = given().header("Authorization", Fixtures.bi())
                .queryParam("period", "2024")
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<List<String>> rows = csv(evaluations, ',');
        assertThat(rows.get(0))
                .containsExactlyElementsOf(EvaluationExport.EVALUATION_COLUMNS.stream()
                        .map(c -> c.name())
                        .toList());
        List<String> dept = rows.stream()
                .filter(x ->
                        x.get(1).equals(code) && x.get(2).equals(org.deptA().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(dept.get(6)).isEqualTo("MET");
        assertThat(dept.get(11)).isEqualTo("ROLLED_UP");
        assertThat(dept.get(9)).isEqualTo("55"); // 52 + 3 answers, 45.14 of them yes (84.5 % of 52 and 40 % of 3)
        String indicators = given().header("Authorization", Fixtures.karin())
                .queryParam("format", "json")
                .get("/followup/v1/export/indicators")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(indicators)
                .contains("\"code\":\"" + code + "\"")
                .contains("\"minResponses\":5")
                .contains("\"genderSplit\":false");
        given().header("Authorization", Fixtures.viewer()).get(PATH).then().statusCode(403);
        given().header("Authorization", Fixtures.anna()).get(PATH).then().statusCode(403);
        given().header("Authorization", Fixtures.manager(org.a1()))
                .get("/followup/v1/export/evaluations?period=2024")
                .then()
                .statusCode(403);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", Fixtures.bi())
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(400);
    }
}
