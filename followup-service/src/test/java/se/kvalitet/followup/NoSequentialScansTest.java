package se.kvalitet.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.testing.SequentialScans;

/**
 * Issue 20 item 2: consuming a batch of deviation events, recording measurements (one by one and in
 * bulk), evaluating them and serving the lists, the evaluations, the derived statistics and the BI
 * export read every table that grows with history through an index or a bounded range, never by a
 * sequential scan ({@link SequentialScans}).
 */
@QuarkusTest
class NoSequentialScansTest {

    /** Tables that do not grow with reports (Flyway's, the organisation copy, the relay's lease). */
    static final Set<String> BOUNDED = SequentialScans.SHARED_BOUNDED;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theHotPathsReadNoGrowingTableByASequentialScan() throws Exception {
        Fixtures.Org org = Fixtures.org();
        String indicator = Fixtures.indicator(
                Fixtures.code("S"),
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2023\",\"comparator\":\"AT_LEAST\",\"value\":90}]",
                null);

        String plan = given().header("Authorization", Fixtures.karin())
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"orgUnitId\":\"" + org.a1() + "\",\"title\":\"Stickprov\",\"method\":\"SAMPLE_CHECK\","
                        + "\"frequency\":\"QUARTERLY\",\"firstDueOn\":\""
                        + LocalDate.now().plusDays(20)
                        + "\",\"responsibleRole\":\"Enhetschef\"}")
                .post("/followup/v1/egenkontroll-plans")
                .then()
                .statusCode(201)
                .extract()
                .path("plan.id");

        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));

        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID report = UUID.randomUUID();
            UUID unit = i % 2 == 0 ? org.a1() : org.b1();
            Instant at = Instant.parse("2025-0" + (1 + i % 9) + "-10T09:00:00Z");
            events.add(new DeviationReportedV1(
                    report, unit, List.of(), "STAFF", null, LocalDate.of(2025, 1 + i % 9, 10), at));
            events.add(new DeviationTriagedV1(
                    report,
                    unit,
                    List.of(),
                    List.of(i % 3 == 0 ? DeviationCategory.LEX_SARAH : DeviationCategory.OTHER_DEVIATION),
                    List.of(),
                    false,
                    at.plusSeconds(3600)));
        }
        List<EventEnvelope> sent = Fixtures.sendAll(Topics.DEVIATION, events);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.inboxed("followup.deviation-facts", sent) == sent.size());

        Response first = Fixtures.measure(indicator, org.a1(), "2025", "T", "\"numerator\":80,\"denominator\":100");
        first.then().statusCode(201);
        Fixtures.measure(indicator, org.a2(), "2025", "T", "\"numerator\":95,\"denominator\":100")
                .then()
                .statusCode(201);
        given().header("Authorization", Fixtures.karin())
                .header("If-Match", first.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"numerator\":85,\"denominator\":100}")
                .put("/followup/v1/measurements/" + first.path("id"))
                .then()
                .statusCode(200); // a correction: a new revision
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/measurements/" + first.path("id") + "/revisions")
                .then()
                .statusCode(200);

        for (Map<String, Object> query : List.of(
                Map.<String, Object>of("period", "2025", "indicatorId", indicator),
                Map.<String, Object>of(
                        "period", "2025", "indicatorId", indicator, "orgUnitId", org.board(), "depth", 3))) {
            given().header("Authorization", Fixtures.viewer())
                    .queryParams(query)
                    .get("/followup/v1/evaluations")
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", Fixtures.karin())
                .queryParam("indicatorId", indicator)
                .get("/followup/v1/measurements")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .get("/followup/v1/export/measurements")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("period", "2025")
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(200);
        // the export filters (issue 16 item 7), with and without a cursor and a limit
        Response filtered = given().header("Authorization", Fixtures.bi())
                .queryParam("indicatorId", indicator)
                .queryParam("orgUnitId", org.deptA().toString())
                .queryParam("subtree", "true")
                .queryParam("periodFrom", "2024")
                .queryParam("periodTo", "2025")
                .queryParam("limit", 1)
                .get("/followup/v1/export/measurements");
        filtered.then().statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("indicatorId", indicator)
                .queryParam("orgUnitId", org.deptA().toString())
                .queryParam("subtree", "true")
                .queryParam("periodFrom", "2024")
                .queryParam("periodTo", "2025")
                .queryParam("cursor", filtered.header("X-Next-Cursor"))
                .get("/followup/v1/export/measurements")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("orgUnitId", org.a1().toString())
                .queryParam("period", "2025")
                .get("/followup/v1/export/measurements")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("indicatorId", indicator)
                .get("/followup/v1/export/indicators")
                .then()
                .statusCode(200);

        // issue 20's growth figures: the export's first page and the cursor pull after it, an indicator's evaluations
        Response page = given().header("Authorization", Fixtures.bi())
                .queryParam("limit", 2)
                .get("/followup/v1/export/measurements");
        page.then().statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("limit", 2)
                .queryParam("cursor", page.header("X-Next-Cursor"))
                .get("/followup/v1/export/measurements")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("period", "2025")
                .queryParam("indicatorId", indicator)
                .get("/followup/v1/export/evaluations")
                .then()
                .statusCode(200);
        // the OData feed (issue 19 item 3): a keyset page of measurements and the page its nextLink asks for
        String next = given().header("Authorization", Fixtures.bi())
                .header("Prefer", "odata.maxpagesize=1")
                .queryParam("$filter", "indicatorId eq " + indicator)
                .get("/followup/v1/odata/Measurements")
                .then()
                .statusCode(200)
                .extract()
                .path("'@odata.nextLink'");
        assertThat(next).contains("skiptoken");
        given().urlEncodingEnabled(false)
                .header("Authorization", Fixtures.bi())
                .header("Prefer", "odata.maxpagesize=1")
                .get(java.net.URI.create(next).getRawPath() + "?"
                        + java.net.URI.create(next).getRawQuery())
                .then()
                .statusCode(200);

        // the migration import (issue 16 item 1): a file of two rows, the same file again, the run read by status
        String importer =
                se.kvalitet.testing.TestTokens.user("ida").roles("importer").bearer();
        String file = "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"indicatorId\":\""
                + indicator + "\",\"orgUnitId\":\"" + org.a1() + "\",\"period\":\"2019\",\"value\":91}\n"
                + "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"indicatorId\":\""
                + indicator + "\",\"orgUnitId\":\"" + org.b1() + "\",\"period\":\"2019\",\"value\":50}\n";
        for (int i = 0; i < 2; i++) {
            String run = given().header("Authorization", importer)
                    .contentType("application/x-ndjson")
                    .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/followup/v1/imports")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            given().header("Authorization", importer)
                    .queryParam("status", "ALREADY_IMPORTED")
                    .get("/followup/v1/imports/" + run)
                    .then()
                    .statusCode(200);
        }

        // the history import (issue 16 item 1): initiatives and egenkontroll occurrences, each file twice, the run
        // read by status (references by their primary key, an occurrence's day by egenkontroll_occurrence_once)
        String initiatives = "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"orgUnitId\":\""
                + org.a1() + "\",\"title\":\"Insats\",\"responsible\":\"Enhetschef\",\"origin\":\"OTHER\","
                + "\"deadline\":\"2022-05-31\",\"status\":\"DONE\",\"startedOn\":\"2022-01-10\",\"closedOn\":\"2022-06-20\"}\n"
                + "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"orgUnitId\":\"" + org.b1()
                + "\",\"title\":\"Insats\",\"responsible\":\"Enhetschef\",\"origin\":\"OTHER\",\"status\":\"NOT_STARTED\"}\n";
        String occurrences = "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"planId\":\""
                + plan + "\",\"dueOn\":\"2022-03-31\",\"executedOn\":\"2022-04-10\",\"result\":\"APPROVED\","
                + "\"deviationsFound\":0}\n"
                + "{\"sourceSystem\":\"scan\",\"sourceId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + plan
                + "\",\"dueOn\":\"2022-06-30\"}\n";
        for (String[] kind : List.of(
                new String[] {"/followup/v1/imports/quality-initiatives", initiatives},
                new String[] {"/followup/v1/imports/egenkontroll-occurrences", occurrences})) {
            for (int i = 0; i < 2; i++) {
                String run = given().header("Authorization", importer)
                        .contentType("application/x-ndjson")
                        .body(kind[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post(kind[0])
                        .then()
                        .statusCode(201)
                        .body("rejected", equalTo(0))
                        .extract()
                        .path("id");
                given().header("Authorization", importer)
                        .queryParam("status", "ALREADY_IMPORTED")
                        .get(kind[0] + "/" + run)
                        .then()
                        .statusCode(200);
            }
        }

        scans.end(BOUNDED).assertNone();
    }
}
