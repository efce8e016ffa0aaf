package se.kvalitet.deviation.triage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Triage, reclassification, closing with feedback, the reporter's view, lists and the access log. */
@QuarkusTest
class CaseLifecycleTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID AEO = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final UUID IFO_UNIT = UUID.fromString("00000000-0000-4000-8000-000000000021");

    final String reporterName = "rep-" + UUID.randomUUID();
    final String reporter =
            TestTokens.user(reporterName).roles("reporter").orgUnits(HEMTJANST).bearer();
    final String karin =
            TestTokens.user("karin-" + UUID.randomUUID()).roles("quality-team").bearer();

    String file(UUID unit, String summary) {
        return given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"%s","description":"Dörren till medicinskåpet stod olåst.",
                         "occurredAt":"2026-09-14T08:00:00Z","orgUnitId":"%s","suggestedCategory":"LEX_SARAH"}""".formatted(summary, unit))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String etag(String bearer, String id) {
        return given().header("Authorization", bearer)
                .when()
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    Response triage(String id, String etag, String json) {
        return given().header("Authorization", karin)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post(PATH + "/" + id + "/triage");
    }

    @Test
    void triageOpensTracksReclassificationKeepsHistoryAndTheReporterGetsFeedback() {
        String id = file(HEMTJANST, "Olåst medicinskåp");
        given().header("Authorization", reporter)
                .when()
                .get("/deviation/v1/my-deviations")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].stage", equalTo("RECEIVED"))
                .body("items[0].stageText", equalTo("Mottagen, väntar på bedömning"));

        // a reporter may not triage; a missing or stale If-Match is refused
        given().header("Authorization", reporter)
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body("{\"categories\":[\"LEX_SARAH\"]}")
                .when()
                .post(PATH + "/" + id + "/triage")
                .then()
                .statusCode(403);
        given().header("Authorization", karin)
                .contentType(ContentType.JSON)
                .body("{\"categories\":[\"LEX_SARAH\"]}")
                .when()
                .post(PATH + "/" + id + "/triage")
                .then()
                .statusCode(428);
        triage(id, "\"99\"", "{\"categories\":[\"LEX_SARAH\"]}").then().statusCode(412);
        triage(id, etag(karin, id), "{\"categories\":[]}").then().statusCode(400);
        triage(id, etag(karin, id), "{\"categories\":[\"LEX_SOMETHING\"]}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("categories[0]"));
        triage(id, etag(karin, id), "{\"categories\":[\"NOT_A_DEVIATION\",\"LEX_SARAH\"],\"reason\":\"x\"}")
                .then()
                .statusCode(422);
        triage(id, etag(karin, id), "{\"categories\":[\"NOT_A_DEVIATION\"]}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("reason"));

        triage(id, etag(karin, id), "{\"categories\":[\"LEX_SARAH\",\"OTHER_DEVIATION\"]}")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("categories", contains("OTHER_DEVIATION", "LEX_SARAH"))
                .body("tracks.state", everyItem(equalTo("INVESTIGATING")));

        // reclassification needs a reason, and must change something
        triage(id, etag(karin, id), "{\"categories\":[\"LEX_SARAH\"]}").then().statusCode(422);
        triage(id, etag(karin, id), "{\"categories\":[\"LEX_SARAH\",\"OTHER_DEVIATION\"],\"reason\":\"samma\"}")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/triage-unchanged"));
        triage(
                        id,
                        etag(karin, id),
                        "{\"categories\":[\"OTHER_DEVIATION\"],\"reason\":\"Ingen brukare kom till skada eller riskerade det.\"}")
                .then()
                .statusCode(200)
                .body("categories", contains("OTHER_DEVIATION"))
                .body("tracks.find { it.category == 'LEX_SARAH' }.state", equalTo("RECLASSIFIED"))
                .body("tracks.find { it.category == 'OTHER_DEVIATION' }.state", equalTo("INVESTIGATING"));

        given().header("Authorization", karin)
                .when()
                .get(PATH + "/" + id + "/triage-history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].categories", contains("OTHER_DEVIATION", "LEX_SARAH"))
                .body("[0].previousCategories.size()", equalTo(0))
                .body("[1].previousCategories", contains("OTHER_DEVIATION", "LEX_SARAH"))
                .body("[1].reason", equalTo("Ingen brukare kom till skada eller riskerade det."));
        given().header("Authorization", reporter)
                .when()
                .get(PATH + "/" + id + "/triage-history")
                .then()
                .statusCode(403);

        // closing needs every track ended
        given().header("Authorization", karin)
                .header("If-Match", etag(karin, id))
                .contentType(ContentType.JSON)
                .body("{\"feedbackToReporter\":\"Tack!\"}")
                .when()
                .post(PATH + "/" + id + "/close")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/tracks-open"));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> id.equals(r.key()), 6, Duration.ofSeconds(20));
            List<String> types = records.stream()
                    .map(r -> EventContract.assertValid(r).type())
                    .toList();
            assertThat(types)
                    .containsExactly(
                            "se.kvalitet.deviation.reported.v1",
                            DeviationTriagedV1.TYPE,
                            DeviationTrackOpenedV1.TYPE,
                            DeviationTrackOpenedV1.TYPE,
                            DeviationTriagedV1.TYPE,
                            DeviationTrackClosedV1.TYPE);
            DeviationTriagedV1 re =
                    EventCodec.data(EventContract.assertValid(records.get(4)), DeviationTriagedV1.class);
            assertThat(re.reclassification()).isTrue();
            assertThat(re.categories()).containsExactly(DeviationCategory.OTHER_DEVIATION);
            DeviationTrackClosedV1 closed =
                    EventCodec.data(EventContract.assertValid(records.get(5)), DeviationTrackClosedV1.class);
            assertThat(closed.trackType()).isEqualTo(DeviationCategory.LEX_SARAH);
            assertThat(closed.closure()).isEqualTo(DeviationTrackClosedV1.Closure.RECLASSIFIED);
            for (ConsumerRecord<String, byte[]> r : records) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .doesNotContain("brukare")
                        .doesNotContain("medicinskåp");
            }
        }
    }

    @Test
    void notADeviationEndsAtOnceAndTheReporterReadsTheClosingSummary() {
        String id = file(HEMTJANST, "Fel i schemat");
        triage(
                        id,
                        etag(karin, id),
                        "{\"categories\":[\"NOT_A_DEVIATION\"],\"reason\":\"Gäller arbetsmiljö, inte verksamheten.\"}")
                .then()
                .statusCode(200)
                .body("tracks[0].state", equalTo("COMPLETED"));
        given().header("Authorization", karin)
                .header("If-Match", etag(karin, id))
                .contentType(ContentType.JSON)
                .body("{\"feedbackToReporter\":\"  \"}")
                .when()
                .post(PATH + "/" + id + "/close")
                .then()
                .statusCode(400);
        given().header("Authorization", karin)
                .header("If-Match", etag(karin, id))
                .contentType(ContentType.JSON)
                .body(
                        "{\"feedbackToReporter\":\"Tack för rapporten. Den gäller arbetsmiljön och har lämnats till din chef.\"}")
                .when()
                .post(PATH + "/" + id + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().header("Authorization", reporter)
                .when()
                .get("/deviation/v1/my-deviations?status=CLOSED")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].stageText", equalTo("Avslutad"))
                .body(
                        "items[0].feedbackToReporter",
                        equalTo("Tack för rapporten. Den gäller arbetsmiljön och har lämnats till din chef."));
        triage(id, etag(karin, id), "{\"categories\":[\"OTHER_DEVIATION\"],\"reason\":\"x\"}")
                .then()
                .statusCode(409);
        given().header("Authorization", karin)
                .header("If-Match", etag(karin, id))
                .contentType(ContentType.JSON)
                .body("{\"feedbackToReporter\":\"igen\"}")
                .when()
                .post(PATH + "/" + id + "/close")
                .then()
                .statusCode(409);

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            List<ConsumerRecord<String, byte[]>> records = reader.await(
                    r -> id.equals(r.key())
                            && EventContract.assertValid(r).type().equals(DeviationClosedV1.TYPE),
                    1,
                    Duration.ofSeconds(20));
            EventEnvelope env = EventContract.assertValid(records.get(0));
            DeviationClosedV1 closed = EventCodec.data(env, DeviationClosedV1.class);
            assertThat(closed.categories()).containsExactly(DeviationCategory.NOT_A_DEVIATION);
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                    .doesNotContain("arbetsmiljö");
        }
    }

    @Test
    void listsAreScopedFilteredAndPaged() {
        String own = file(HEMTJANST, "Lista A");
        String foreign = given().header(
                        "Authorization",
                        TestTokens.user("ifo-" + UUID.randomUUID())
                                .roles("reporter")
                                .bearer())
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Lista B","description":"Beslut expedierades inte.","occurredAt":"2026-03-01T08:00:00Z",
                         "orgUnitId":"%s"}""".formatted(IFO_UNIT))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().header("Authorization", reporter)
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", contains(own))
                .body("total", equalTo(1));
        // the subtree through the registry copy is UnitManagerSubtreeTest's; here the unit itself
        String erik = TestTokens.user("erik")
                .roles("unit-manager")
                .orgUnits(HEMTJANST)
                .bearer();
        given().header("Authorization", erik)
                .when()
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(own))
                .body("items.id", not(hasItem(foreign)));
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?limit=500&orgUnit=" + HEMTJANST)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(own))
                .body("items.id", not(hasItem(foreign)));
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?limit=500&occurredFrom=2026-03-01&occurredTo=2026-03-01")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(foreign))
                .body("items.id", not(hasItem(own)));
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?limit=500&status=RECEIVED&channel=STAFF")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(own))
                .body("items[0].description", nullValue());
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?limit=1&page=1")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("limit", equalTo(1));
        // keyset pages (issue 20): two pages by cursor are the first four of the list, in order
        List<String> firstFour = given().header("Authorization", karin)
                .get(PATH + "?limit=4")
                .then()
                .statusCode(200)
                .body("totalExact", equalTo(true))
                .extract()
                .path("items.id");
        String next = given().header("Authorization", karin)
                .get(PATH + "?limit=2")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(firstFour.subList(0, 2)))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        given().header("Authorization", karin)
                .get(PATH + "?limit=2&cursor=" + next)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(firstFour.subList(2, 4)))
                .body("page", equalTo(1));
        given().header("Authorization", reporter)
                .get(PATH + "?limit=1")
                .then()
                .statusCode(200)
                .body("nextCursor", nullValue());
        String syncCursor = given().header("Authorization", karin)
                .get(PATH + "?limit=1&updatedSince=2020-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        for (String bad : new String[] {"?cursor=not-a-cursor", "?cursor=" + syncCursor, "?limit=50&page=201"}) {
            given().header("Authorization", karin)
                    .get(PATH + bad)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(bad.contains("page=") ? "page" : "cursor"));
        }
        given().header("Authorization", karin)
                .get(PATH + "?limit=2&page=2&cursor=" + next)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?status=OPENED")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?occurredFrom=2026-13-01")
                .then()
                .statusCode(400);
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?occurredFrom=2026-05-01&occurredTo=2026-04-01")
                .then()
                .statusCode(400);
        given().header("Authorization", karin)
                .when()
                .get(PATH + "?limit=501")
                .then()
                .statusCode(400);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .when()
                .get(PATH)
                .then()
                .statusCode(403);
        given().header(
                        "Authorization",
                        TestTokens.client("bi-reader").roles("bi-reader").bearer())
                .when()
                .get(PATH)
                .then()
                .statusCode(403);
    }

    @Test
    void everyReadAndWriteOfACaseIsLoggedAndTheLogIsAppendOnly() {
        String id = file(HEMTJANST, "Loggkontroll");
        given().header("Authorization", reporter)
                .when()
                .get(PATH + "/" + id)
                .then()
                .statusCode(200);
        String snoop = "snoop-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.user(snoop).roles("reporter").bearer())
                .header("X-Correlation-Id", "snoop-1")
                .when()
                .get(PATH + "/" + id)
                .then()
                .statusCode(404);
        given().header("Authorization", reporter).when().get(PATH).then().statusCode(200);

        given().header("Authorization", karin)
                .when()
                .get("/deviation/v1/access-log?deviationId=" + id)
                .then()
                .statusCode(200)
                .body("items.action", contains("CREATE", "READ", "READ", "LIST"))
                .body("items.granted", contains(true, true, false, true))
                .body("items.username", hasItem(snoop))
                .body("items.find { !it.granted }.correlationId", equalTo("snoop-1"));
        // keyset pages (issue 20): one line a page by nextCursor gives the same lines as the offset pages
        List<Integer> byOffset = given().header("Authorization", karin)
                .get("/deviation/v1/access-log?deviationId=" + id)
                .then()
                .body("totalExact", equalTo(true))
                .extract()
                .path("items.id");
        List<Integer> byCursor = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", karin)
                    .queryParam("deviationId", id)
                    .queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/deviation/v1/access-log")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(4))
                    .extract()
                    .jsonPath();
            byCursor.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null && byCursor.size() < 10);
        assertThat(byCursor).isEqualTo(byOffset).hasSize(4);
        String first = given().header("Authorization", karin)
                .get("/deviation/v1/access-log?limit=1&deviationId=" + id)
                .then()
                .extract()
                .path("nextCursor");
        for (String bad : new String[] {
            "cursor=" + first + "&page=2", // a cursor says where the page starts
            "cursor=bm90LWEtY3Vyc29y", // not a cursor
            "cursor=" + new se.kvalitet.web.Cursor("created", java.time.Instant.now(), UUID.randomUUID()).encode(),
            "page=101&limit=100" // deeper than 10 000 lines: follow nextCursor
        }) {
            given().header("Authorization", karin)
                    .get("/deviation/v1/access-log?" + bad)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", anyOf(equalTo("cursor"), equalTo("page")));
        }
        given().header("Authorization", karin)
                .when()
                .get("/deviation/v1/access-log?granted=false&username=" + snoop)
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().header("Authorization", karin)
                .when()
                .get("/deviation/v1/access-log?action=PEEK")
                .then()
                .statusCode(400);
        given().header("Authorization", reporter)
                .when()
                .get("/deviation/v1/access-log")
                .then()
                .statusCode(403);
        given().header(
                        "Authorization",
                        TestTokens.user("erik")
                                .roles("unit-manager")
                                .orgUnits(AEO)
                                .bearer())
                .when()
                .get("/deviation/v1/access-log")
                .then()
                .statusCode(403);

        assertThatThrownBy(() -> DeviationDb.execute(
                        "UPDATE case_access_log SET subject = 'x' WHERE deviation_id = '" + id + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> DeviationDb.execute("DELETE FROM case_access_log WHERE deviation_id = '" + id + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThat(DeviationDb.count("SELECT count(*) FROM case_access_log WHERE deviation_id = '" + id + "'"))
                .isEqualTo(4);
    }

    @Test
    void unknownCasesAre404ForEveryone() {
        UUID unknown = UUID.randomUUID();
        triage(unknown.toString(), "\"0\"", "{\"categories\":[\"LEX_SARAH\"]}")
                .then()
                .statusCode(404);
        given().header("Authorization", karin)
                .when()
                .get(PATH + "/" + unknown + "/triage-history")
                .then()
                .statusCode(404);
        // a malformed id is a 400 naming the parameter (issue 13/14), not JAX-RS's bare 404
        given().header("Authorization", karin)
                .when()
                .get(PATH + "/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }
}
