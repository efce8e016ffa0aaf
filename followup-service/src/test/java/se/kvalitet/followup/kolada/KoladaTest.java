package se.kvalitet.followup.kolada;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/** Kolada v3's JSON shape in and out: comparison series, a municipality's series as a unit's measurements, our values exported. */
@QuarkusTest
class KoladaTest {

    static Fixtures.Org org;
    static String kpi;
    static String indicator;

    /** Once per class, at the first test (REST calls need the test port, which @BeforeAll does not have yet). */
    @BeforeEach
    void setUp() {
        if (indicator != null) {
            return;
        }
        org = Fixtures.org();
        kpi = "U" + Fixtures.code("K").substring(2);
        indicator = Fixtures.indicator(
                Fixtures.code("KO"), "PERCENT", "YEARLY", true, "[]", "\"koladaKpi\":\"" + kpi + "\"");
    }

    /** Seed 003, Figur 5.2/5.3: response rates over years, with a missing value. */
    static String document() {
        return """
                {"total_count":3,"next_url":null,"values":[
                  {"kpi":"%1$s","municipality":"0188","period":2021,"values":[
                     {"gender":"T","count":1,"status":"","value":null,"isdeleted":false},
                     {"gender":"K","count":1,"status":"","value":91.0},{"gender":"M","count":1,"status":"","value":70.0}]},
                  {"kpi":"%1$s","municipality":"0188","period":"2022","values":[{"gender":"T","count":1,"status":"","value":22}]},
                  {"kpi":"%1$s","municipality":"0000","period":2022,"values":[{"gender":"T","count":290,"status":"","value":30.5}]}]}""".formatted(kpi);
    }

    @Test
    void valuesAreStoredAsComparisonSeriesAndAMunicipalitysSeriesBecomesMeasurements() {
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(document())
                .queryParam("orgUnitId", org.deptB().toString())
                .queryParam("municipality", "0188")
                .queryParam("missingReason", "TOO_FEW_RESPONSES")
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(200)
                .body("values", equalTo(5))
                .body("stored", equalTo(5))
                .body("measurements.created", equalTo(4));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("kpi", kpi)
                .get("/followup/v1/kolada/values")
                .then()
                .statusCode(200)
                .body("total", equalTo(5));
        JsonPath m = given().header("Authorization", Fixtures.karin())
                .queryParam("indicatorId", indicator)
                .queryParam("period", "2021")
                .get("/followup/v1/measurements")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(m.getList("items.gender")).containsExactlyInAnyOrder("T", "K", "M");
        assertThat(m.getString("items.find { it.gender == 'T' }.missingReason")).isEqualTo("TOO_FEW_RESPONSES");
        assertThat(m.getFloat("items.find { it.gender == 'K' }.value")).isEqualTo(91f);
        // a second import of the same document changes no measurement
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(document())
                .queryParam("orgUnitId", org.deptB().toString())
                .queryParam("municipality", "0188")
                .queryParam("missingReason", "TOO_FEW_RESPONSES")
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(200)
                .body("measurements.unchanged", equalTo(4));
        // isdeleted removes a value
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(document().replace("\"value\":30.5}", "\"value\":30.5,\"isdeleted\":true}"))
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(1));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("kpi", kpi)
                .queryParam("areaId", "0000")
                .get("/followup/v1/kolada/values")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void ourMeasurementsLeaveInKoladasShape() {
        Fixtures.measure(indicator, org.a1(), "2024", "K", "\"numerator\":30,\"denominator\":40")
                .then()
                .statusCode(201);
        Fixtures.measure(indicator, org.a1(), "2024", "M", "\"missingReason\":\"TOO_FEW_RESPONSES\"")
                .then()
                .statusCode(201);
        JsonPath data = given().header("Authorization", Fixtures.bi())
                .queryParam("indicatorId", indicator)
                .queryParam("year", 2024)
                .get("/followup/v1/kolada/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(data.getInt("total_count")).isEqualTo(1);
        assertThat(data.getString("values[0].kpi")).isEqualTo(kpi);
        assertThat(data.getString("values[0].ou")).isEqualTo(org.a1().toString());
        assertThat(data.getInt("values[0].period")).isEqualTo(2024);
        assertThat(data.getList("values[0].values.gender")).containsExactly("K", "M");
        assertThat(data.getFloat("values[0].values[0].value")).isEqualTo(75f);
        assertThat(data.getString("values[0].values[1].status")).isEqualTo("TOO_FEW_RESPONSES");
        assertThat(data.getList("values[0].values.count")).containsOnly(1);
        assertThat(data.getString("next_url")).isNull();
        given().header("Authorization", Fixtures.anna())
                .get("/followup/v1/kolada/data")
                .then()
                .statusCode(403);
    }

    @Test
    void malformedDocumentsAreRefusedWholeWithEveryProblemNamed() {
        String bad = """
                {"values":[{"kpi":"%s","municipality":"0188","period":"twenty","values":[{"gender":"X","value":"high","count":-1}]}]}""".formatted(kpi);
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(bad)
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("values[0].period"))
                .body("errors.field", hasItem("values[0].values[0].gender"))
                .body("errors.field", hasItem("values[0].values[0].value"))
                .body("errors.field", hasItem("values[0].values[0].count"));
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body("{\"rows\":[]}")
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(400);
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(400);
        given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(document())
                .queryParam("orgUnitId", org.a1().toString())
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("municipality"));
        given().header("Authorization", Fixtures.manager(org.a1()))
                .contentType(ContentType.JSON)
                .body(document())
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(403);
    }

    /**
     * Issue 16 item 4: a quarterly indicator sharing the KPI with a yearly one no longer fails the import;
     * the yearly values are recorded where they fit and every value left out is reported with the reason.
     */
    @Test
    void anImportTakesTheValuesThatFitEachIndicatorAndReportsTheRest() {
        String shared = "U" + Fixtures.code("S").substring(2);
        String yearly = Fixtures.indicator(
                Fixtures.code("KY"), "PERCENT", "YEARLY", false, "[]", "\"koladaKpi\":\"" + shared + "\"");
        String quarterlyCode = Fixtures.code("KQ");
        String quarterly = Fixtures.indicator(
                quarterlyCode, "PERCENT", "QUARTERLY", false, "[]", "\"koladaKpi\":\"" + shared + "\"");
        String doc = """
                {"values":[
                  {"kpi":"%1$s","municipality":"0188","period":2023,"values":[{"gender":"T","count":1,"status":"","value":61}]},
                  {"kpi":"%1$s","municipality":"0188","period":2024,"values":[
                     {"gender":"T","count":1,"status":"","value":64},{"gender":"K","count":1,"status":"","value":70}]}]}""".formatted(shared);
        JsonPath r = given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body(doc)
                .queryParam("orgUnitId", org.a2().toString())
                .queryParam("municipality", "0188")
                .post("/followup/v1/kolada/import")
                .then()
                .statusCode(200)
                .body("values", equalTo(3))
                .body("stored", equalTo(3))
                .body("measurements.created", equalTo(2))
                .body("measurements.failed", equalTo(0))
                .extract()
                .jsonPath();
        // the quarterly indicator skips all three values; the yearly one without gender split skips K
        assertThat(r.getList("skipped", java.util.Map.class)).hasSize(4);
        assertThat(r.getList("skipped.findAll { it.indicatorId == '" + quarterly + "' }.at"))
                .containsExactly("values[0].values[0]", "values[1].values[0]", "values[1].values[1]");
        assertThat(r.getString("skipped.find { it.indicatorId == '" + quarterly + "' }.reason"))
                .isEqualTo("FREQUENCY");
        assertThat(r.getString("skipped.find { it.indicatorId == '" + quarterly + "' }.detail"))
                .contains(quarterlyCode)
                .contains("QUARTERLY");
        assertThat(r.getInt("skipped.find { it.indicatorId == '" + quarterly
                        + "' && it.at == 'values[0].values[0]' }.period"))
                .isEqualTo(2023);
        assertThat(r.getList("skipped.findAll { it.indicatorId == '" + yearly + "' }.reason"))
                .containsExactly("NOT_SPLIT_BY_GENDER");
        assertThat(r.getString("skipped.find { it.indicatorId == '" + yearly + "' }.at"))
                .isEqualTo("values[1].values[1]");
        assertThat(r.getString("skipped.find { it.indicatorId == '" + yearly + "' }.kpi"))
                .isEqualTo(shared);
        // stored: the yearly indicator's two T values; nothing for the quarterly one
        JsonPath y = given().header("Authorization", Fixtures.karin())
                .queryParam("indicatorId", yearly)
                .queryParam("orgUnitId", org.a2().toString())
                .get("/followup/v1/measurements")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(y.getList("items.period")).containsExactlyInAnyOrder("2023", "2024");
        assertThat(y.getList("items.gender")).containsOnly("T");
        given().header("Authorization", Fixtures.karin())
                .queryParam("indicatorId", quarterly)
                .get("/followup/v1/measurements")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }
}
