package se.kvalitet.followup.evaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.followup.Fixtures.measure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/** Evaluation through the API: roll-up up the organisation from parts, targets over time, trend, paging, access. */
@QuarkusTest
class EvaluationResourceTest {

    static final String PATH = "/followup/v1/evaluations";
    static Fixtures.Org org;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    static JsonPath evaluate(String indicator, String period, Object unit, int depth) {
        return given().header("Authorization", Fixtures.viewer())
                .queryParam("period", period)
                .queryParam("indicatorId", indicator)
                .queryParam("orgUnitId", unit.toString())
                .queryParam("depth", depth)
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Map<String, Object> at(JsonPath page, Object unit) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream()
                .filter(i -> i.get("orgUnitId").equals(unit.toString()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void sharesRollUpFromNumeratorsAndDenominatorsWithTargetsThatChangeAndATrend() {
        String ind = Fixtures.indicator(
                Fixtures.code("E"),
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2023\",\"comparator\":\"AT_LEAST\",\"value\":80},{\"validFromPeriod\":\"2025\",\"comparator\":\"AT_LEAST\",\"value\":95}]",
                null);
        measure(ind, org.a1(), "2025", "T", "\"numerator\":1,\"denominator\":2")
                .then()
                .statusCode(201);
        measure(ind, org.a2(), "2025", "T", "\"numerator\":99,\"denominator\":100")
                .then()
                .statusCode(201);
        measure(ind, org.b1(), "2025", "T", "\"value\":90,\"responses\":50")
                .then()
                .statusCode(201);
        measure(ind, org.a1(), "2024", "T", "\"numerator\":40,\"denominator\":100")
                .then()
                .statusCode(201);
        measure(ind, org.a2(), "2024", "T", "\"numerator\":45,\"denominator\":100")
                .then()
                .statusCode(201);

        JsonPath page = evaluate(ind, "2025", org.board(), 2);
        assertThat(page.getInt("total")).isEqualTo(6);
        assertThat(page.getList("items.orgUnitId"))
                .first()
                .isEqualTo(org.board().toString());
        Map<String, Object> dept = at(page, org.deptA());
        // 100 of 102, not the 74.5 % an average of 50 % and 99 % would give
        assertThat(dept.get("value")).isEqualTo(98);
        assertThat(dept.get("numerator")).isEqualTo(100);
        assertThat(dept.get("denominator")).isEqualTo(102);
        assertThat(dept.get("basis")).isEqualTo("ROLLED_UP");
        assertThat(dept.get("status")).isEqualTo("MET");
        assertThat(((Map<?, ?>) dept.get("target")).get("validFromPeriod")).isEqualTo("2025");
        // trend: 2024 was 85 of 200 = 42.5 %
        assertThat(dept.get("previousValue")).isEqualTo(42.5f);
        assertThat(dept.get("trend")).isEqualTo("IMPROVED");
        Map<String, Object> board = at(page, org.board());
        // b1's 90 % of 50 answers counts as 45 of 50: 145 of 152
        assertThat(board.get("value")).isEqualTo(95.4f);
        assertThat(board.get("contributingUnits")).isEqualTo(3);
        Map<String, Object> a1 = at(page, org.a1());
        assertThat(a1.get("status")).isEqualTo("NOT_MET");
        assertThat(a1.get("distance")).isEqualTo(-45);
        assertThat(a1.get("basis")).isEqualTo("MEASURED");
        // 2024 is judged against the målvärde valid then (80)
        Map<String, Object> dept2024 = at(evaluate(ind, "2024", org.deptA(), 0), org.deptA());
        assertThat(dept2024.get("status")).isEqualTo("NOT_MET");
        assertThat(((Map<?, ?>) dept2024.get("target")).get("value")).isEqualTo(80);
        assertThat(dept2024.get("trend")).isEqualTo("UNKNOWN");
        Map<String, Object> none = at(evaluate(ind, "2022", org.b1(), 0), org.b1());
        assertThat(none.get("status")).isEqualTo("NO_DATA");
        assertThat(none.get("basis")).isEqualTo("NONE");
    }

    @Test
    void scalesWeighByResponsesTotalsComeFromWomenAndMenAndTooFewAnswersAreHidden() {
        String ind = Fixtures.indicator(
                Fixtures.code("S"),
                "SCALE_1_5",
                "YEARLY",
                true,
                "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":4}]",
                "\"minResponses\":5");
        measure(ind, org.a1(), "2025", "K", "\"value\":4.5,\"responses\":30")
                .then()
                .statusCode(201);
        measure(ind, org.a1(), "2025", "M", "\"value\":3.5,\"responses\":10")
                .then()
                .statusCode(201);
        measure(ind, org.a2(), "2025", "T", "\"value\":2.0,\"responses\":3")
                .then()
                .statusCode(201);
        JsonPath page = evaluate(ind, "2025", org.deptA(), 1);
        Map<String, Object> a1 = at(page, org.a1());
        assertThat(a1.get("value")).isEqualTo(4.3f); // (135 + 35) / 40 = 4.25, shown at one decimal
        assertThat(a1.get("status")).isEqualTo("MET");
        Map<String, Object> a2 = at(page, org.a2());
        assertThat(a2.get("status")).isEqualTo("NO_DATA");
        assertThat(a2.get("missingReason")).isEqualTo("TOO_FEW_RESPONSES");
        assertThat(a2.get("value")).isNull();
        // the department still counts a2's three answers: (170 + 6) / 43 = 4.09
        Map<String, Object> dept = at(page, org.deptA());
        assertThat(dept.get("value")).isEqualTo(4.1f);
        assertThat(dept.get("responses")).isEqualTo(43);
        // women only
        Map<String, Object> women = given().header("Authorization", Fixtures.anna())
                .queryParam("period", "2025")
                .queryParam("indicatorId", ind)
                .queryParam("orgUnitId", org.a1().toString())
                .queryParam("gender", "K")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("items[0]");
        assertThat(women.get("value")).isEqualTo(4.5f);
    }

    @Test
    void pagesRunOverIndicatorsTimesUnitsAndTheBoardAndBiSeeThem() {
        String criterion = "EFFICIENCY";
        String one = Fixtures.indicator(Fixtures.code("P1"), "COUNT", "YEARLY", false, "[]", null);
        given().header("Authorization", Fixtures.bi())
                .queryParam("period", "2025")
                .queryParam("orgUnitId", org.deptA().toString())
                .queryParam("depth", 1)
                .queryParam("limit", 2)
                .queryParam("page", 2)
                .queryParam("indicatorId", one)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.orgUnitId", equalTo(List.of(org.a2().toString())));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("criterion", criterion)
                .get(PATH)
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.viewer())
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("period"));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("orgUnitId", java.util.UUID.randomUUID().toString())
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("orgUnitId"));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("depth", 99)
                .get(PATH)
                .then()
                .statusCode(400);
        given().queryParam("period", "2025").get(PATH).then().statusCode(401);
        given().header(
                        "Authorization",
                        se.kvalitet.testing.TestTokens.client("case-system")
                                .roles("case-system")
                                .bearer())
                .queryParam("period", "2025")
                .get(PATH)
                .then()
                .statusCode(403);
    }

    @Test
    void aSeriesShowsEachYearWithItsKoladaComparison() {
        String kpi = "T" + Fixtures.code("K").substring(2, 10).replace("-", "");
        String ind = Fixtures.indicator(
                Fixtures.code("Y"),
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":40}]",
                "\"koladaKpi\":\"" + kpi + "\"");
        measure(ind, org.b1(), "2020", "T", "\"value\":27,\"responses\":50")
                .then()
                .statusCode(201);
        measure(ind, org.b1(), "2021", "T", "\"missingReason\":\"NOT_COLLECTED\"")
                .then()
                .statusCode(201);
        measure(ind, org.b1(), "2022", "T", "\"value\":41,\"responses\":101")
                .then()
                .statusCode(201);
        given().header("Authorization", Fixtures.karin())
                .contentType("application/json")
                .body("""
                {"values":[{"kpi":"%s","municipality":"0000","period":2020,"values":[{"gender":"T","count":290,"status":"","value":35.5}]},
                           {"kpi":"%s","municipality":"0000","period":2021,"values":[{"gender":"T","count":290,"status":"","value":null}]}]}""".formatted(kpi, kpi))
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2));
        JsonPath series = given().header("Authorization", Fixtures.viewer())
                .queryParam("indicatorId", ind)
                .queryParam("orgUnitId", org.b1().toString())
                .queryParam("from", "2020")
                .queryParam("to", "2022")
                .get(PATH + "/series")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(series.getList("evaluation.period")).containsExactly("2020", "2021", "2022");
        assertThat(series.getList("evaluation.status")).containsExactly("NOT_MET", "NO_DATA", "MET");
        assertThat(series.getList("evaluation.missingReason")).containsExactly(null, "NOT_COLLECTED", null);
        assertThat(series.getList("evaluation.trend")).containsExactly("UNKNOWN", "UNKNOWN", "UNKNOWN");
        assertThat(series.getList("comparisons[0].value")).containsExactly(35.5f);
        assertThat(series.getList("comparisons[1].value")).containsExactly((Object) null);
        assertThat(series.getList("comparisons[2]")).isEmpty();
        given().header("Authorization", Fixtures.viewer())
                .queryParam("indicatorId", ind)
                .queryParam("orgUnitId", org.b1().toString())
                .queryParam("from", "2020")
                .queryParam("to", "2022-H1")
                .get(PATH + "/series")
                .then()
                .statusCode(400);
    }
}
