package se.kvalitet.followup.measurement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.followup.IndicatorEvaluatedV1;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.testing.TestTokens;

/**
 * The migration import of past measurements (issue 16 item 1): rows accepted and rejected one by one
 * (row number, field, reason), NDJSON and CSV, idempotent by source reference, only for the import role,
 * nothing of a rejected row or a refused file stored, and the same events as a live measurement.
 */
@QuarkusTest
class MeasurementImportTest {

    static final String PATH = "/followup/v1/imports";
    static final String NDJSON = "application/x-ndjson";

    static Fixtures.Org org;
    static String code;
    static String indicator;

    @BeforeEach
    void setUp() {
        if (indicator != null) {
            return;
        }
        org = Fixtures.org();
        code = Fixtures.code("MIG");
        indicator = Fixtures.indicator(
                code,
                "PERCENT",
                "YEARLY",
                true,
                "[{\"validFromPeriod\":\"2015\",\"comparator\":\"AT_LEAST\",\"value\":90}]",
                null);
    }

    static String importer() {
        return TestTokens.user("ida").roles("importer").bearer();
    }

    static Response post(String contentType, String body) {
        return given().header("Authorization", importer())
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(PATH);
    }

    static long stored(String period) {
        return Fixtures.count("SELECT count(*) FROM measurement WHERE indicator_id = '" + indicator + "' AND period = '"
                + period + "'");
    }

    static long outbox(String key, String type) {
        return Fixtures.count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?", key, type);
    }

    static String ref() {
        return "R-" + UUID.randomUUID();
    }

    @Test
    void ndjsonRowsAreAcceptedOrRejectedOneByOneWithTheSameEventsAsLiveAndAgainStoreNothing() {
        String r1 = ref();
        String r2 = ref();
        String file = String.join(
                "\n",
                // 1: accepted, K with parts (misses the målvärde of 90 %)
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + r1 + "\",\"indicatorCode\":\"" + code
                        + "\",\"orgUnitId\":\"" + org.a1() + "\",\"period\":\"2018\",\"gender\":\"K\","
                        + "\"numerator\":42,\"denominator\":50}",
                // 2: accepted, M by indicator id
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + r2 + "\",\"indicatorId\":\"" + indicator
                        + "\",\"orgUnitId\":\"" + org.a1() + "\",\"period\":\"2018\",\"gender\":\"M\",\"value\":95}",
                "",
                // 3: no such indicator
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + ref()
                        + "\",\"indicatorCode\":\"NO-SUCH\",\"orgUnitId\":\"" + org.a2()
                        + "\",\"period\":\"2018\",\"value\":50}",
                // 4: no sourceId
                "{\"sourceSystem\":\"stratsys\",\"indicatorCode\":\"" + code + "\",\"orgUnitId\":\"" + org.a2()
                        + "\",\"period\":\"2018\",\"value\":50}",
                // 5: not JSON
                "this is not json",
                // 6: a field that is not a column
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + ref() + "\",\"indicatorCode\":\"" + code
                        + "\",\"orgUnitId\":\"" + org.a2() + "\",\"period\":\"2018\",\"value\":50,\"colour\":\"red\"}",
                // 7: a quarter of a yearly indicator
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + ref() + "\",\"indicatorCode\":\"" + code
                        + "\",\"orgUnitId\":\"" + org.a2() + "\",\"period\":\"2018-Q1\",\"value\":50}",
                // 8: the same reference as row 1 in the same file
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + r1 + "\",\"indicatorCode\":\"" + code
                        + "\",\"orgUnitId\":\"" + org.b1() + "\",\"period\":\"2018\",\"value\":50}",
                // 9: a personnummer in the comment
                "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + ref() + "\",\"indicatorCode\":\"" + code
                        + "\",\"orgUnitId\":\"" + org.b1() + "\",\"period\":\"2018\",\"value\":50,"
                        + "\"comment\":\"gäller 19121212-1212\"}");
        Response first = post(NDJSON, file);
        first.then()
                .statusCode(201)
                .header("Location", endsWith(PATH + "/" + first.path("id")))
                .body("status", equalTo("COMPLETED"))
                .body("format", equalTo("NDJSON"))
                .body(
                        "importedBy",
                        equalTo(UUID.nameUUIDFromBytes("ida".getBytes(StandardCharsets.UTF_8))
                                .toString()))
                .body("total", equalTo(9))
                .body("accepted", equalTo(2))
                .body("alreadyImported", equalTo(0))
                .body("rejected", equalTo(7))
                .body("rows.items[0].status", equalTo("ACCEPTED"))
                .body("rows.items[0].sourceId", equalTo(r1))
                .body("rows.items[2].row", equalTo(3))
                .body("rows.items[2].errors.field", hasItem("indicatorCode"))
                .body("rows.items[2].sourceId", nullValue())
                .body("rows.items[3].errors.field", hasItem("sourceId"))
                .body("rows.items[4].errors.field", hasItem("row"))
                .body("rows.items[5].errors.field", hasItem("row"))
                .body("rows.items[6].errors.field", hasItem("period"))
                .body("rows.items[7].errors[0].field", equalTo("sourceId"))
                .body("rows.items[7].errors[0].message", equalTo("the same sourceSystem and sourceId as row 1"))
                .body("rows.items[8].errors.field", hasItem("comment"));
        String run = first.path("id");
        String k = first.path("rows.items[0].measurementId");
        String m = first.path("rows.items[1].measurementId");
        // rejected rows stored nothing; the accepted ones carry their provenance where a client reads them
        assertThat(stored("2018")).isEqualTo(2);
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/measurements/" + k)
                .then()
                .statusCode(200)
                .body("gender", equalTo("K"))
                .body("numerator", equalTo(42))
                .body("sourceSystem", equalTo("stratsys"))
                .body("sourceId", equalTo(r1))
                .body("importRunId", equalTo(run));
        // the same events as a live measurement, through the outbox
        assertThat(outbox(k, MeasurementRecordedV1.TYPE)).isEqualTo(1);
        assertThat(outbox(m, MeasurementRecordedV1.TYPE)).isEqualTo(1);
        // K (84 %) misses "at least 90 %", M (95) meets it: one target.missed, for 2018 at A1
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?"
                                + " AND convert_from(payload, 'UTF8') LIKE ?",
                        indicator,
                        TargetMissedV1.TYPE,
                        "%\"period\":\"2018\"%"))
                .isEqualTo(1);
        assertThat(outbox(indicator, IndicatorEvaluatedV1.TYPE)).isPositive();
        long evaluated = outbox(indicator, IndicatorEvaluatedV1.TYPE);

        // the same file again: nothing new stored or published, the two answered as imported before
        post(NDJSON, file)
                .then()
                .statusCode(201)
                .body("accepted", equalTo(0))
                .body("alreadyImported", equalTo(2))
                .body("rejected", equalTo(7))
                .body("rows.items[0].status", equalTo("ALREADY_IMPORTED"))
                .body("rows.items[0].measurementId", equalTo(k));
        assertThat(stored("2018")).isEqualTo(2);
        assertThat(outbox(k, MeasurementRecordedV1.TYPE)).isEqualTo(1);
        assertThat(outbox(indicator, IndicatorEvaluatedV1.TYPE)).isEqualTo(evaluated);

        // the same reference with another value is refused, and the measurement keeps its value
        String changed = "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + r2 + "\",\"indicatorId\":\"" + indicator
                + "\",\"orgUnitId\":\"" + org.a1() + "\",\"period\":\"2018\",\"gender\":\"M\",\"value\":96}";
        post(NDJSON, changed)
                .then()
                .statusCode(201)
                .body("rejected", equalTo(1))
                .body("rows.items[0].errors[0].field", equalTo("sourceId"));
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/measurements/" + m)
                .then()
                .body("value", equalTo(95))
                .body("revision", equalTo(1));

        // the run read later: rows filtered by outcome and paged
        given().header("Authorization", importer())
                .queryParam("status", "REJECTED")
                .queryParam("limit", 2)
                .queryParam("page", 2)
                .get(PATH + "/" + run)
                .then()
                .statusCode(200)
                .body("rows.total", equalTo(7))
                .body("rows.items.row", equalTo(List.of(5, 6)))
                .body("accepted", equalTo(2));
    }

    @Test
    void csvWithSemicolonsIsImportedAndAStoredMeasurementIsNeverOverwritten() {
        Fixtures.measure(indicator, org.a2(), "2019", "T", "\"value\":70")
                .then()
                .statusCode(201);
        String r1 = ref();
        String csv = "\uFEFFsourceSystem;sourceId;indicatorCode;orgUnitId;period;gender;value;responses;comment\r\n"
                + "excel;" + r1 + ";" + code + ";" + org.a1() + ";2019;T;91.5;40;\"Enkät; vecka 12\"\r\n"
                + "excel;" + ref() + ";" + code + ";" + org.a2() + ";2019;T;60;;\r\n"
                + "excel;" + ref() + ";" + code + ";" + org.b1() + ";2019;X;60;;\r\n";
        Response r = post("text/csv; charset=UTF-8", csv);
        r.then()
                .statusCode(201)
                .body("format", equalTo("CSV"))
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(2))
                .body("rows.items[1].errors[0].field", equalTo("period"))
                .body("rows.items[2].errors[0].field", equalTo("gender"));
        assertThat(stored("2019")).isEqualTo(2);
        assertThat(Fixtures.count("SELECT count(*) FROM measurement WHERE indicator_id = '" + indicator
                        + "' AND period = '2019' AND org_unit_id = '" + org.a2() + "' AND value = 70"))
                .isEqualTo(1);
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/measurements/" + r.path("rows.items[0].measurementId"))
                .then()
                .body("comment", equalTo("Enkät; vecka 12"))
                .body("sourceSystem", equalTo("excel"));
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeAndStoresNoRun() {
        long runs = Fixtures.count("SELECT count(*) FROM measurement_import_run");
        post(
                        "text/csv",
                        "sourceSystem,sourceId,indicatorCode,orgUnitId,period,colour\nx,y," + code + "," + org.a1()
                                + ",2017,red\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("header"));
        post(NDJSON, "\n\n").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", importer())
                .contentType("application/json")
                .body("[]".getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(415);
        given().header("Authorization", importer())
                .header("Prefer", "wait=soon")
                .contentType(NDJSON)
                .body("{}".getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Prefer"));
        assertThat(Fixtures.count("SELECT count(*) FROM measurement_import_run"))
                .isEqualTo(runs);
        assertThat(stored("2017")).isZero();
    }

    @Test
    void onlyTheImportRoleImportsAndReadsRunsAndUnknownParametersAreRefused() {
        String row = "{\"sourceSystem\":\"s\",\"sourceId\":\"" + ref() + "\",\"indicatorCode\":\"" + code
                + "\",\"orgUnitId\":\"" + org.b1() + "\",\"period\":\"2016\",\"value\":50}";
        for (String caller : List.of(Fixtures.karin(), Fixtures.anna(), Fixtures.manager(org.b1()))) {
            given().header("Authorization", caller)
                    .contentType(NDJSON)
                    .body(row.getBytes(StandardCharsets.UTF_8))
                    .post(PATH)
                    .then()
                    .statusCode(403);
        }
        given().contentType(NDJSON)
                .body(row.getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(401);
        assertThat(stored("2016")).isZero();
        String run = post(NDJSON, row).then().statusCode(201).extract().path("id");
        given().header("Authorization", Fixtures.karin())
                .get(PATH + "/" + run)
                .then()
                .statusCode(403);
        given().header("Authorization", importer())
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", importer())
                .queryParam("status", "LOST")
                .get(PATH + "/" + run)
                .then()
                .statusCode(400);
        for (Map.Entry<String, Response> unknown : Map.of(
                        "get",
                        given().header("Authorization", importer())
                                .queryParam("stauts", "REJECTED")
                                .get(PATH + "/" + run),
                        "post",
                        given().header("Authorization", importer())
                                .queryParam("dryRun", "true")
                                .contentType(NDJSON)
                                .body(row.replace("\"2016\"", "\"2015\"").getBytes(StandardCharsets.UTF_8))
                                .post(PATH))
                .entrySet()) {
            unknown.getValue()
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(unknown.getKey().equals("get") ? "stauts" : "dryRun"));
        }
        assertThat(stored("2015")).isZero();
    }
}
