package se.kvalitet.followup.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static se.kvalitet.followup.Fixtures.measure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/**
 * Issue 16 item 7: the BI exports filter by indicator, unit (with or without its subtree) and period, in
 * SQL, composed with the incremental cursor; every filter seen letting rows in and keeping rows out.
 */
@QuarkusTest
class ExportFilterTest {

    static final String MEASUREMENTS = "/followup/v1/export/measurements";
    static Fixtures.Org org;
    static String x;
    static String y;
    static String xCode;
    static String yCode;
    /** measurement id → a readable label "indicator unit period". */
    static final Map<String, String> labels = new HashMap<>();

    /** Once per class (REST calls need the test port, which @BeforeAll does not have yet). */
    @BeforeEach
    void setUp() {
        if (x != null) {
            return;
        }
        org = Fixtures.org();
        xCode = Fixtures.code("FX");
        yCode = Fixtures.code("FY");
        String target = "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":50}]";
        x = Fixtures.indicator(xCode, "PERCENT", "YEARLY", false, target, null);
        y = Fixtures.indicator(yCode, "PERCENT", "YEARLY", false, target, null);
        record("X", x, org.a1(), "a1", "2023", 60);
        record("X", x, org.a1(), "a1", "2024", 70);
        record("X", x, org.a2(), "a2", "2024", 40);
        record("X", x, org.b1(), "b1", "2024", 90);
        record("Y", y, org.a1(), "a1", "2024", 55);
    }

    static void record(String ind, String indicatorId, UUID unit, String unitLabel, String period, int value) {
        record(labels, ind, indicatorId, unit, unitLabel, period, value);
    }

    static void record(
            Map<String, String> into,
            String ind,
            String indicatorId,
            UUID unit,
            String unitLabel,
            String period,
            int value) {
        Response r = measure(indicatorId, unit, period, "T", "\"value\":" + value + ",\"responses\":20");
        r.then().statusCode(201);
        into.put(r.path("id"), ind + " " + unitLabel + " " + period);
    }

    static RequestSpecification bi() {
        return given().header("Authorization", Fixtures.bi()).queryParam("format", "json");
    }

    /** The labels of this class's rows in a JSON export body (rows of other test classes are left out). */
    static List<String> mine(Response r) {
        return mine(r, labels);
    }

    static List<String> mine(Response r, Map<String, String> labels) {
        r.then().statusCode(200);
        List<String> ids = r.jsonPath().getList("measurementId");
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (labels.containsKey(id)) {
                out.add(labels.get(id));
            }
        }
        return out;
    }

    /**
     * The rows of a pull with {@code params}, once every label of {@code expected} has arrived (a
     * transaction still running when a pull is planned is left to the next pull).
     */
    static List<String> pull(Map<String, ?> params, String... expected) {
        List<String> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            got.clear();
            got.addAll(mine(bi().queryParams(params).get(MEASUREMENTS)));
            return got.containsAll(List.of(expected));
        });
        return got;
    }

    @Test
    void measurementsFilterByIndicatorOneOrSeveralRepeatedOrCommaSeparated() {
        assertThat(pull(Map.of("indicatorId", x), "X a1 2023"))
                .containsExactlyInAnyOrder("X a1 2023", "X a1 2024", "X a2 2024", "X b1 2024");
        assertThat(pull(Map.of("indicatorId", y), "Y a1 2024")).containsExactly("Y a1 2024");
        assertThat(pull(Map.of("indicatorId", x + "," + y), "Y a1 2024")).hasSize(5);
        assertThat(mine(bi().queryParam("indicatorId", x, y).get(MEASUREMENTS))).hasSize(5);
        // an export of the indicators takes the same filter
        List<String> codes = given().header("Authorization", Fixtures.bi())
                .queryParam("format", "json")
                .queryParam("indicatorId", y)
                .get("/followup/v1/export/indicators")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code");
        assertThat(codes).containsExactly(yCode);
    }

    @Test
    void measurementsFilterByUnitWithOrWithoutItsSubtree() {
        // the department has no measurements of its own: without subtree nothing of its units comes
        assertThat(mine(bi().queryParam("orgUnitId", org.deptA().toString()).get(MEASUREMENTS)))
                .isEmpty();
        assertThat(mine(bi().queryParam("orgUnitId", org.deptA().toString())
                        .queryParam("subtree", "false")
                        .get(MEASUREMENTS)))
                .isEmpty();
        assertThat(pull(Map.of("orgUnitId", org.deptA(), "subtree", "true"), "X a2 2024"))
                .containsExactlyInAnyOrder("X a1 2023", "X a1 2024", "X a2 2024", "Y a1 2024");
        assertThat(pull(Map.of("orgUnitId", org.a1()), "X a1 2024"))
                .containsExactlyInAnyOrder("X a1 2023", "X a1 2024", "Y a1 2024");
        assertThat(pull(Map.of("orgUnitId", org.board(), "subtree", "true"), "X b1 2024"))
                .hasSize(5);
        // filters compose: indicator and subtree and period
        assertThat(pull(
                        Map.of("orgUnitId", org.deptA(), "subtree", "true", "indicatorId", x, "period", "2024"),
                        "X a2 2024"))
                .containsExactlyInAnyOrder("X a1 2024", "X a2 2024");
    }

    @Test
    void measurementsFilterByPeriodExactlyOrByRange() {
        assertThat(pull(Map.of("indicatorId", x, "period", "2023"), "X a1 2023"))
                .containsExactly("X a1 2023");
        assertThat(pull(Map.of("indicatorId", x, "period", "2024"), "X a1 2024"))
                .containsExactlyInAnyOrder("X a1 2024", "X a2 2024", "X b1 2024");
        assertThat(pull(Map.of("indicatorId", x, "periodFrom", "2024"), "X a1 2024"))
                .containsExactlyInAnyOrder("X a1 2024", "X a2 2024", "X b1 2024");
        assertThat(pull(Map.of("indicatorId", x, "periodTo", "2023"), "X a1 2023"))
                .containsExactly("X a1 2023");
        assertThat(pull(Map.of("indicatorId", x, "periodFrom", "2023", "periodTo", "2024"), "X a1 2023"))
                .hasSize(4);
        // a quarter of 2024 lies inside the year: periods ending by its end are not the year itself
        assertThat(mine(bi().queryParam("indicatorId", x)
                        .queryParam("periodTo", "2024-Q2")
                        .get(MEASUREMENTS)))
                .containsExactly("X a1 2023");
    }

    @Test
    void badOrUnknownFiltersAreProblemsNamingTheParameter() {
        Map<String, String> field = new java.util.LinkedHashMap<>();
        field.put("indicatorId=" + UUID.randomUUID(), "indicatorId");
        field.put("indicatorId=not-a-uuid", "indicatorId");
        field.put("indicatorId=" + x + ",", "indicatorId");
        field.put("orgUnitId=" + UUID.randomUUID(), "orgUnitId");
        field.put("orgUnitId=" + org.a1() + "&subtree=yes", "subtree");
        field.put("subtree=true", "subtree");
        field.put("period=2024-X1", "period");
        field.put("periodFrom=2025&periodTo=2024", "periodTo");
        for (Map.Entry<String, String> e : field.entrySet()) {
            given().header("Authorization", Fixtures.bi())
                    .get(MEASUREMENTS + "?" + e.getKey())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body(containsString("\"" + e.getValue() + "\""));
        }
        given().header("Authorization", Fixtures.bi())
                .get("/followup/v1/export/evaluations?period=2024&indicatorId=" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Fixtures.bi())
                .get("/followup/v1/export/evaluations?period=2024&orgUnitId=" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Fixtures.bi())
                .get("/followup/v1/export/indicators?indicatorId=" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aCursorContinuesTheFilteredPullAndOnlyThatPull() {
        // indicators of their own, so that the rows added here stay out of the other tests' expectations
        Map<String, String> own = new HashMap<>();
        String target = "[{\"validFromPeriod\":\"2020\",\"comparator\":\"AT_LEAST\",\"value\":50}]";
        String z = Fixtures.indicator(Fixtures.code("FZ"), "PERCENT", "YEARLY", false, target, null);
        String w = Fixtures.indicator(Fixtures.code("FW"), "PERCENT", "YEARLY", false, target, null);
        record(own, "Z", z, org.a1(), "a1", "2024", 60);
        record(own, "Z", z, org.a2(), "a2", "2024", 60);
        record(own, "Z", z, org.b1(), "b1", "2024", 60);
        Map<String, Object> filters = Map.of("indicatorId", z, "orgUnitId", org.deptA(), "subtree", "true");
        Response first = bi().queryParams(filters).get(MEASUREMENTS);
        String[] cursor = {first.header("X-Next-Cursor")};
        List<String> seen = new ArrayList<>(mine(first, own));
        // the pull of everything so far may still miss rows of transactions that were running; catch up
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (seen.size() >= 2) {
                return true;
            }
            Response r =
                    bi().queryParams(filters).queryParam("cursor", cursor[0]).get(MEASUREMENTS);
            seen.addAll(mine(r, own));
            cursor[0] = r.header("X-Next-Cursor");
            return seen.size() >= 2;
        });
        assertThat(seen).containsExactlyInAnyOrder("Z a1 2024", "Z a2 2024");
        // the filtered cursor carries its filters; an unfiltered one keeps the form it always had
        assertThat(decoded(cursor[0]).split(":")).hasSize(3);
        assertThat(decoded(given().header("Authorization", Fixtures.bi())
                                .get(MEASUREMENTS)
                                .header("X-Next-Cursor"))
                        .split(":"))
                .hasSize(2);

        record(own, "Z", z, org.a2(), "a2", "2023", 45); // in
        record(own, "Z", z, org.b1(), "b1", "2023", 45); // other subtree
        record(own, "W", w, org.a2(), "a2", "2023", 45); // other indicator
        List<String> next = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Response r =
                    bi().queryParams(filters).queryParam("cursor", cursor[0]).get(MEASUREMENTS);
            next.addAll(mine(r, own));
            cursor[0] = r.header("X-Next-Cursor");
            return !next.isEmpty();
        });
        assertThat(next).containsExactly("Z a2 2023");
        assertThat(mine(
                        bi().queryParams(filters)
                                .queryParam("cursor", cursor[0])
                                .get(MEASUREMENTS),
                        own))
                .isEmpty();

        // with a limit the filtered pull stops early, and its cursor continues within the filter
        Response limited = bi().queryParams(filters).queryParam("limit", 1).get(MEASUREMENTS);
        limited.then().statusCode(200).body("size()", equalTo(1)).header("X-Has-More", "true");
        String firstId = limited.jsonPath().getString("[0].measurementId");
        assertThat(own).containsKey(firstId);
        Response rest = bi().queryParams(filters)
                .queryParam("cursor", limited.header("X-Next-Cursor"))
                .get(MEASUREMENTS);
        assertThat(mine(rest, own)).hasSize(2).doesNotContain(own.get(firstId));

        // a cursor is valid only for the filters it was handed out for
        bi().queryParam("indicatorId", z)
                .queryParam("cursor", cursor[0])
                .get(MEASUREMENTS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("other filters"));
        bi().queryParam("cursor", cursor[0]).get(MEASUREMENTS).then().statusCode(400);
        String unfiltered =
                given().header("Authorization", Fixtures.bi()).get(MEASUREMENTS).header("X-Next-Cursor");
        bi().queryParams(filters)
                .queryParam("cursor", unfiltered)
                .get(MEASUREMENTS)
                .then()
                .statusCode(400);
        // the same filters written otherwise (case of subtree, an id repeated) are the same filters
        bi().queryParam("orgUnitId", org.deptA().toString())
                .queryParam("subtree", "TRUE")
                .queryParam("indicatorId", z + "," + z)
                .queryParam("cursor", cursor[0])
                .get(MEASUREMENTS)
                .then()
                .statusCode(200);
    }

    static String decoded(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    }

    @Test
    void evaluationsFilterByIndicatorAndUnitWithOrWithoutItsSubtree() {
        List<Map<String, Object>> one = bi().queryParam("period", "2024")
                .queryParam("indicatorId", x)
                .queryParam("orgUnitId", org.deptA().toString())
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(one).hasSize(1);
        assertThat(one.get(0))
                .containsEntry("indicatorCode", xCode)
                .containsEntry("orgUnitId", org.deptA().toString())
                .containsEntry("basis", "ROLLED_UP")
                .containsEntry("contributingUnits", 2)
                .containsEntry("status", "MET")
                .containsEntry("value", 55); // 14 + 8 of 40 answers
        List<Map<String, Object>> subtree = bi().queryParam("period", "2024")
                .queryParam("indicatorId", x + "," + y)
                .queryParam("orgUnitId", org.deptA().toString())
                .queryParam("subtree", "true")
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(subtree)
                .extracting(r -> r.get("indicatorCode") + " " + r.get("orgUnitId"))
                .containsExactly(
                        xCode + " " + org.deptA(),
                        xCode + " " + org.a1(),
                        xCode + " " + org.a2(),
                        yCode + " " + org.deptA(),
                        yCode + " " + org.a1(),
                        yCode + " " + org.a2());
        assertThat(subtree.get(2)).containsEntry("status", "NOT_MET").containsEntry("value", 40);
    }
}
