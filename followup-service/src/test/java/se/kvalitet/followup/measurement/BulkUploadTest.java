package se.kvalitet.followup.measurement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/** Bulk upsert in CSV and JSON: an error per failing row, all or nothing unless partial, re-uploads harmless. */
@QuarkusTest
class BulkUploadTest {

    static final String PATH = "/followup/v1/measurements/bulk";
    static Fixtures.Org org;
    static String code;
    static String indicator;

    /** Once per class, at the first test (REST calls need the test port, which @BeforeAll does not have yet). */
    @BeforeEach
    void setUp() {
        if (indicator != null) {
            return;
        }
        org = Fixtures.org();
        code = Fixtures.code("B");
        indicator = Fixtures.indicator(code, "PERCENT", "YEARLY", true, "[]", null);
    }

    static long stored(String period) {
        return Fixtures.count("SELECT count(*) FROM measurement WHERE indicator_id = '" + indicator + "' AND period = '"
                + period + "'");
    }

    @Test
    void aSwedishExcelFileIsReadWithSemicolonsDecimalCommasABomAndQuotedText() {
        String csv = "\uFEFFindicatorCode;orgUnitId;period;gender;value;responses;comment\r\n"
                + code + ";" + org.a1() + ";2021;K;84,5;52;\"Enkät; vecka 12\nandra utskicket\"\r\n"
                + code + ";" + org.a1() + ";2021;M;79;40;\r\n"
                + code + ";" + org.a2() + ";2021;T;91,25;12;\"Citat: \"\"bra\"\"\"\r\n";
        given().header("Authorization", karin())
                .contentType("text/csv; charset=UTF-8")
                .queryParam("decimal", "comma")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(200)
                .body("rows", equalTo(3))
                .body("created", equalTo(3))
                .body("failed", equalTo(0));
        given().header("Authorization", karin())
                .queryParam("indicatorId", indicator)
                .queryParam("period", "2021")
                .queryParam("gender", "K")
                .get("/followup/v1/measurements")
                .then()
                .body("items[0].value", equalTo(84.5f))
                .body("items[0].comment", equalTo("Enkät; vecka 12\nandra utskicket"));
        // the same file again changes nothing; a changed value is a correction with history
        given().header("Authorization", karin())
                .contentType("text/csv")
                .queryParam("decimal", "comma")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(3))
                .body("created", equalTo(0));
        String changed = csv.replace("79;40", "80;40");
        given().header("Authorization", karin())
                .contentType("text/csv")
                .queryParam("decimal", "comma")
                .body(changed.getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(200)
                .body("corrected", equalTo(1))
                .body("unchanged", equalTo(2));
        assertThat(Fixtures.count("SELECT max(revision) FROM measurement WHERE indicator_id = '" + indicator
                        + "' AND gender = 'M'"))
                .isEqualTo(2);
    }

    @Test
    void oneBadRowStopsTheWholeUploadAndEveryBadRowIsNamed() {
        String csv = "indicatorCode,orgUnitId,period,value,numerator,denominator\n"
                + code + "," + org.a1() + ",2022,50,,\n"
                + code + "," + org.a1() + ",2022-Q1,50,,\n"
                + "NO-SUCH," + org.a1() + ",2022,50,,\n"
                + code + ",not-a-uuid,2022,50,,\n"
                + code + "," + org.a2() + ",2022,,3,2\n"
                + code + "," + org.a1() + ",2022,51,,\n"
                + code + "," + org.b1() + ",2022,fifty,,\n"
                + code + "," + org.b1() + ",2022\n";
        given().header("Authorization", karin())
                .contentType("text/csv")
                .body(csv)
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "rows[2].period",
                                "rows[3].indicatorCode",
                                "rows[4].orgUnitId",
                                "rows[5].numerator",
                                "rows[6].period",
                                "rows[7].value",
                                "rows[8].row"))
                .body("rowErrors.line", hasItems(3, 4, 9));
        assertThat(stored("2022")).isZero();
        // partial writes what fits
        given().header("Authorization", karin())
                .contentType("text/csv")
                .queryParam("partial", true)
                .body(csv)
                .post(PATH)
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("failed", equalTo(7))
                .body("errors.row", hasItems(2, 3, 4, 5, 6, 7, 8));
        assertThat(stored("2022")).isEqualTo(1);
    }

    @Test
    void jsonRowsWorkTheSameAndUnreadableFilesAreRefusedWhole() {
        String json = """
                {"rows":[{"indicatorId":"%1$s","orgUnitId":"%2$s","period":"2023","numerator":44,"denominator":52,"responses":52},
                         {"indicatorCode":"%3$s","orgUnitId":"%2$s","period":"2023","gender":"k","value":80.125,"responses":30},
                         {"indicatorCode":"%3$s","orgUnitId":"%2$s","period":"2023","gender":"X","value":80}]}""".formatted(indicator, org.b1(), code);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(json)
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(java.util.List.of("rows[3].gender")));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .queryParam("partial", "true")
                .body(json)
                .post(PATH)
                .then()
                .statusCode(200)
                .body("created", equalTo(2));
        assertThat(Fixtures.count("SELECT count(*) FROM measurement WHERE indicator_id = '" + indicator
                        + "' AND period = '2023' AND value = 80.125"))
                .isEqualTo(1);
        given().header("Authorization", karin())
                .contentType("text/csv")
                .body("indicatorCode,orgUnitId,period,colour\n")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("header"));
        given().header("Authorization", karin())
                .contentType("text/csv")
                .body("indicatorCode,orgUnitId,period\n\"open," + org.a1() + ",2023\n")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://kvalitet.se/problems/malformed-csv"));
        given().header("Authorization", karin())
                .contentType("text/csv")
                .body(new byte[] {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'})
                .post(PATH)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://kvalitet.se/problems/not-utf8"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"rows\":[{\"colour\":1}]}")
                .post(PATH)
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH)
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .contentType(ContentType.XML)
                .body("<rows/>")
                .post(PATH)
                .then()
                .statusCode(415);
    }

    @Test
    void aUnitManagersRowsForOtherUnitsFailOneByOne() {
        String csv = "indicatorCode,orgUnitId,period,value,responses\n"
                + code + "," + org.a2() + ",2020,70,10\n"
                + code + "," + org.b1() + ",2020,70,10\n";
        given().header("Authorization", Fixtures.manager(org.deptA()))
                .contentType("text/csv")
                .body(csv)
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(java.util.List.of("rows[2].orgUnitId")));
        given().header("Authorization", Fixtures.anna())
                .contentType("text/csv")
                .body(csv)
                .post(PATH)
                .then()
                .statusCode(403);
        assertThat(stored("2020")).isZero();
    }
}
