package se.kvalitet.deviation.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/**
 * The migration import (issue 16 item 1): a file of good and bad rows, each row stored whole or not at all,
 * replayed at its original dates with the same events as live work (on time / late from the real dates);
 * a second run of the same file stores nothing twice; CSV as NDJSON; only the import role.
 */
@QuarkusTest
class MigrationImportTest {

    static final String PATH = "/deviation/v1/imports";
    static final String UNIT = "00000000-0000-4000-8000-000000000011";

    final String importer =
            TestTokens.user("flytt-" + UUID.randomUUID()).roles("importer").bearer();
    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A lex Sarah case of 2023: assessed serious on 1 March, IVO told on 20 March (7 days: late). */
    String lateLexSarah() {
        return """
                {"sourceSystem":"flexite","sourceId":"AV-%s-1","receivedAt":"2023-02-27T09:30:00+01:00",
                "occurredAt":"2023-02-26T18:30:00+01:00","orgUnitId":"%s","category":"LEX_SARAH",
                "summary":"Utebliven insats %s","triagedAt":"2023-02-28T10:00:00+01:00","assessment":"MISSFORHALLANDE",
                "serious":true,"assessedAt":"2023-03-01T10:00:00+01:00","notificationSentAt":"2023-03-20T10:00:00+01:00",
                "notificationReference":"3.5.1-1234/2023","completedAt":"2023-04-03T10:00:00+02:00",
                "closedAt":"2023-04-04T10:00:00+02:00"}""".formatted(run, UNIT, run).replace("\n", "");
    }

    String file() {
        return String.join(
                "\n",
                lateLexSarah(),
                // a complaint answered in time, completed, closed
                ("{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-%s-2\",\"receivedAt\":\"2023-05-02T08:00:00Z\","
                                + "\"occurredAt\":\"2023-05-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"COMPLAINT\","
                                + "\"summary\":\"Klagomål på bemötande\",\"complaintKind\":\"COMPLAINT\","
                                + "\"complaintSource\":\"CLIENT_OR_RELATIVE\",\"complaintChannel\":\"LETTER\","
                                + "\"complaintAnsweredAt\":\"2023-05-10T08:00:00Z\",\"deviationOccurred\":false,"
                                + "\"completedAt\":\"2023-05-11T08:00:00Z\",\"closedAt\":\"2023-05-12T08:00:00Z\"}")
                        .formatted(run, UNIT),
                // bad form: no unit, an unknown category, a malformed date, a personnummer as its reference
                "{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-19121212-1212\",\"receivedAt\":\"2023-13-01\",\"occurredAt\":\"2023-01-01T08:00:00Z\",\"category\":\"LEX_SOMETHING\",\"summary\":\"x\"}",
                // a personnummer in the summary: refused by the same guard as live text, nothing stored
                ("{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-%s-4\",\"receivedAt\":\"2023-06-02T08:00:00Z\","
                                + "\"occurredAt\":\"2023-06-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"OTHER_DEVIATION\","
                                + "\"summary\":\"Brukare 121212-1212 föll\",\"completedAt\":\"2023-06-05T08:00:00Z\"}")
                        .formatted(run, UNIT),
                // a live rule in the middle of the row: the position before the assessment; the report, its
                // triage and assessment were replayed and are rolled back with it
                ("{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-%s-5\",\"receivedAt\":\"2023-07-02T08:00:00Z\","
                                + "\"occurredAt\":\"2023-07-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"LEX_SARAH\","
                                + "\"summary\":\"Halvfärdig %s\",\"assessment\":\"INGET_MISSFORHALLANDE\",\"serious\":false,"
                                + "\"assessedAt\":\"2023-07-10T08:00:00Z\",\"completedAt\":\"2023-07-05T08:00:00Z\"}")
                        .formatted(run, UNIT, run),
                "not json");
    }

    JsonPath post(String contentType, String body, int status) {
        return given().header("Authorization", importer)
                .contentType(contentType + "; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void goodRowsAreReplayedAtTheirDatesBadRowsStoreNothingAndASecondRunStoresNothingTwice() {
        JsonPath first = post("application/x-ndjson", file(), 201);
        assertThat(first.getString("status")).isEqualTo("COMPLETED");
        assertThat(first.getInt("total")).isEqualTo(6);
        assertThat(first.getInt("accepted")).isEqualTo(2);
        assertThat(first.getInt("rejected")).isEqualTo(4);
        List<Map<String, Object>> rows = first.getList("rows.items");
        assertThat(rows)
                .extracting(r -> r.get("status"))
                .containsExactly("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED");
        assertThat(first.getList("rows.items[2].errors.field", String.class))
                .contains("receivedAt", "orgUnitId", "category", "sourceId");
        assertThat(first.getString("rows.items[2]")).doesNotContain("1212");
        assertThat(first.getList("rows.items[3].errors.field", String.class)).containsExactly("summary");
        assertThat(first.getString("rows.items[3].errors[0].message")).doesNotContain("1212");
        assertThat(first.getList("rows.items[4].errors.field", String.class)).containsExactly("completedAt");
        assertThat(first.getList("rows.items[5].errors.field", String.class)).containsExactly("row");
        String lexSarah = first.getString("rows.items[0].deviationId");
        String complaint = first.getString("rows.items[1].deviationId");

        // stored whole: the report received when the old system received it, closed; provenance kept
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE id = '" + lexSarah
                        + "' AND created_at = '2023-02-27T08:30:00Z' AND status = 'CLOSED'"))
                .isEqualTo(1);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation_migration WHERE source_system = 'flexite'"
                        + " AND source_id LIKE 'AV-" + run + "-%' AND import_run_id = '" + first.getString("id") + "'"))
                .isEqualTo(2);
        // nothing half: the rejected rows left no report (the fifth was replayed up to its position)
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary LIKE 'Halvfärdig " + run + "%'"))
                .isZero();
        assertThat(DeviationDb.count(
                        "SELECT count(*) FROM deviation WHERE summary LIKE 'Utebliven insats " + run + "%'"))
                .isEqualTo(1);

        // the same events as live work, with the original dates: the IVO notification late against the real assessment
        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> lexSarah.equals(r.key()), 7, Duration.ofSeconds(20));
            List<EventEnvelope> events =
                    records.stream().map(EventContract::assertValid).toList();
            var reported = data(events, DeviationReportedV1.TYPE, DeviationReportedV1.class);
            assertThat(reported.reportedAt()).isEqualTo(Instant.parse("2023-02-27T08:30:00Z"));
            assertThat(reported.occurredOn()).isEqualTo(LocalDate.of(2023, 2, 26));
            var notified = data(events, DeviationAuthorityNotifiedV1.TYPE, DeviationAuthorityNotifiedV1.class);
            assertThat(notified.clockStartedAt()).isEqualTo(Instant.parse("2023-03-01T09:00:00Z"));
            assertThat(notified.onTime()).isFalse();
            var trackClosed = data(events, DeviationTrackClosedV1.TYPE, DeviationTrackClosedV1.class);
            assertThat(trackClosed.closedOn()).isEqualTo(LocalDate.of(2023, 4, 3));
            assertThat(trackClosed.notifiedOnTime()).isFalse();
            var closed = data(events, DeviationClosedV1.TYPE, DeviationClosedV1.class);
            assertThat(closed.closedOn()).isEqualTo(LocalDate.of(2023, 4, 4));
            assertThat(closed.daysToClose()).isEqualTo(36);
            // no free text in any event
            records.forEach(r -> assertThat(new String(r.value())).doesNotContain("Utebliven"));
        }

        // the second run: the good rows are answered as imported before, with the same reports; nothing twice
        JsonPath second = post("application/x-ndjson", file(), 201);
        assertThat(second.getInt("accepted")).isZero();
        assertThat(second.getInt("alreadyImported")).isEqualTo(2);
        assertThat(second.getString("rows.items[0].status")).isEqualTo("ALREADY_IMPORTED");
        assertThat(second.getString("rows.items[0].deviationId")).isEqualTo(lexSarah);
        assertThat(second.getString("rows.items[1].deviationId")).isEqualTo(complaint);
        assertThat(DeviationDb.count(
                        "SELECT count(*) FROM deviation WHERE summary LIKE 'Utebliven insats " + run + "%'"))
                .isEqualTo(1);

        // the run is readable later, its rows paged and filtered
        given().header("Authorization", importer)
                .queryParam("status", "REJECTED")
                .queryParam("limit", 2)
                .get(PATH + "/" + first.getString("id"))
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("rows.total", equalTo(4))
                .body("rows.items.row", equalTo(List.of(3, 4)))
                .body("rows.items[0].errors.field", hasItem("orgUnitId"));
    }

    /**
     * Rows are written in batches (one transaction for many rows): a row that looked plain but that a live rule
     * refuses in the middle of its replay (here the assessment: serious without a missförhållande) sends its batch
     * back, and each row is then done alone: the good rows stored whole, the refused one not at all, the same outcomes
     * as row by row. A reference twice in one file is imported once.
     */
    @Test
    void aRowRefusedInTheMiddleOfABatchLeavesNothingAndTheOtherRowsOfTheBatchStand() {
        String good = "{\"sourceSystem\":\"flexite\",\"sourceId\":\"B-%s-%d\",\"receivedAt\":\"2021-03-02T08:00:00Z\","
                + "\"occurredAt\":\"2021-03-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"OTHER_DEVIATION\","
                + "\"summary\":\"Batch %s\",\"triagedAt\":\"2021-03-03T08:00:00Z\",\"completedAt\":\"2021-03-10T08:00:00Z\","
                + "\"closedAt\":\"2021-03-11T08:00:00Z\"}";
        String refused =
                ("{\"sourceSystem\":\"flexite\",\"sourceId\":\"B-%s-9\",\"receivedAt\":\"2021-04-02T08:00:00Z\","
                                + "\"occurredAt\":\"2021-04-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"LEX_SARAH\","
                                + "\"summary\":\"Vägrad %s\",\"assessment\":\"INGET_MISSFORHALLANDE\",\"serious\":true}")
                        .formatted(run, UNIT, run);
        String file = String.join(
                "\n",
                good.formatted(run, 1, UNIT, run),
                refused,
                good.formatted(run, 2, UNIT, run),
                good.formatted(run, 1, UNIT, run));
        JsonPath result = post("application/x-ndjson", file, 201);
        assertThat(result.getList("rows.items.status", String.class))
                .containsExactly("ACCEPTED", "REJECTED", "ACCEPTED", "ALREADY_IMPORTED");
        assertThat(result.getList("rows.items[1].errors.field", String.class)).containsExactly("serious");
        assertThat(result.getString("rows.items[3].deviationId"))
                .isEqualTo(result.getString("rows.items[0].deviationId"));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Batch " + run
                        + "' AND status = 'CLOSED' AND created_at = '2021-03-02T08:00:00Z'"))
                .isEqualTo(2);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Vägrad " + run + "'"))
                .isZero();
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation_migration WHERE source_id LIKE 'B-" + run + "-%'"))
                .isEqualTo(2);
        // each stored row with its own events, once: reported, triaged, track opened, completed, track closed, closed
        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            String first = result.getString("rows.items[0].deviationId");
            assertThat(reader.await(r -> first.equals(r.key()), 6, Duration.ofSeconds(20)))
                    .hasSize(6);
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> first.equals(r.key()), 7, Duration.ofSeconds(3));
            assertThat(records.stream().map(EventContract::assertValid).map(EventEnvelope::type))
                    .hasSize(6)
                    .doesNotHaveDuplicates()
                    .contains(DeviationReportedV1.TYPE, DeviationClosedV1.TYPE);
        }
    }

    @Test
    void csvRowsAreReadByTheirHeaderAndAnUnknownColumnRefusesTheFile() {
        String csv = "sourceSystem,sourceId,receivedAt,occurredAt,orgUnitId,category,summary,completedAt,closedAt\n"
                + "treserva,CSV-" + run + ",2022-10-03T08:00:00Z,2022-10-02T08:00:00Z," + UNIT
                + ",OTHER_DEVIATION,\"Fel dos, kväll\",2022-10-20T08:00:00Z,2022-10-21T08:00:00Z\n"
                + "treserva,CSV-" + run + "-b,2022-10-03T08:00:00Z,2022-10-02T08:00:00Z," + UNIT
                + ",OTHER_DEVIATION,Stängd utan ställningstagande,,2022-10-21T08:00:00Z\n";
        JsonPath result = post("text/csv", csv, 201);
        assertThat(result.getString("format")).isEqualTo("CSV");
        assertThat(result.getList("rows.items.status", String.class)).containsExactly("ACCEPTED", "REJECTED");
        assertThat(result.getList("rows.items[1].errors.field", String.class)).containsExactly("completedAt");
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Fel dos, kväll'"
                        + " AND occurred_at = '2022-10-02T08:00:00Z' AND status = 'CLOSED'"))
                .isGreaterThanOrEqualTo(1);

        given().header("Authorization", importer)
                .contentType("text/csv")
                .body("sourceSystem,sourceId,personnummer\nx,y,z\n".getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("personnummer"));
    }

    /**
     * A file not done within the wait (Prefer: wait=N, default 20 s, under the gateway's 30 s route timeout) is a 202
     * with the run RUNNING; it goes on, and its Location shows every row once it is COMPLETED (the migration import
     * benchmark's first run: 1 500 rows a request were a 504 at the gateway, outcome unknown).
     */
    @Test
    void aFileNotDoneWithinTheWaitIsAcceptedAndGoesOn() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            file.append(
                    ("{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-%s-w%d\",\"receivedAt\":\"2022-03-02T08:00:00Z\","
                                    + "\"occurredAt\":\"2022-03-01T08:00:00Z\",\"orgUnitId\":\"%s\",\"category\":\"OTHER_DEVIATION\","
                                    + "\"summary\":\"Väntad rad\",\"completedAt\":\"2022-03-10T08:00:00Z\"}\n")
                            .formatted(run, i, UNIT));
        }
        var accepted = given().header("Authorization", importer)
                .header("Prefer", "wait=0")
                .contentType("application/x-ndjson")
                .body(file.toString().getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(202)
                .header("Retry-After", "5")
                .body("status", equalTo("RUNNING"))
                .body("total", equalTo(30))
                .extract();
        String location = accepted.header("Location");
        assertThat(location).endsWith("/deviation/v1/imports/" + accepted.path("id"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().header("Authorization", importer)
                        .get(PATH + "/" + accepted.path("id"))
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED"))
                        .body("accepted", equalTo(30))
                        .body("rows.total", equalTo(30)));
        given().header("Authorization", importer)
                .header("Prefer", "wait=soon")
                .contentType("application/x-ndjson")
                .body(lateLexSarah().getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Prefer"));
    }

    @Test
    void onlyTheImportRoleImportsAndReadsRuns() {
        String karin = TestTokens.user("karin").roles("quality-team", "admin").bearer();
        given().header("Authorization", karin)
                .contentType("application/x-ndjson")
                .body(lateLexSarah().getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(403);
        given().contentType("application/x-ndjson")
                .body(lateLexSarah().getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(401);
        given().header("Authorization", karin)
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(403);
        given().header("Authorization", importer)
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", importer)
                .contentType("application/json")
                .body("{}")
                .post(PATH)
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", importer)
                .contentType("application/x-ndjson")
                .body("\n\n".getBytes(StandardCharsets.UTF_8))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", not(equalTo(null)));
    }

    static <T extends se.kvalitet.events.DomainEvent> T data(List<EventEnvelope> events, String type, Class<T> c) {
        return events.stream()
                .filter(e -> e.type().equals(type))
                .map(e -> EventCodec.data(e, c))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type));
    }
}
