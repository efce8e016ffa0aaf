package se.kvalitet.followup.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.events.followup.InitiativeCompletedV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/**
 * The history import (issue 16 item 1): past quality initiatives and egenkontroll occurrences, NDJSON and CSV, rows
 * accepted and rejected one by one (row, field, reason), idempotent by source reference, replayed through the live
 * transitions at their own dates with the same events (the scheduler's overdue notices as of the day they would have
 * been sent), provenance on the records, and "as of" reads answering for the imported history.
 */
@QuarkusTest
class HistoryImportTest {

    static final String INITIATIVES = "/followup/v1/imports/quality-initiatives";
    static final String OCCURRENCES = "/followup/v1/imports/egenkontroll-occurrences";
    static final String NDJSON = "application/x-ndjson";
    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    static Fixtures.Org org;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    static String importer() {
        return TestTokens.user("ida").roles("importer").bearer();
    }

    static Response post(String path, String contentType, String body) {
        return given().header("Authorization", importer())
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path);
    }

    static String ref() {
        return "H-" + UUID.randomUUID();
    }

    static long outbox(String key, String type) {
        return Fixtures.count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?", key, type);
    }

    /** Outbox rows of the type for the key sent as of the start of {@code day} (Europe/Stockholm). */
    static long outboxOn(String key, String type, LocalDate day) {
        return Fixtures.count(
                "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ? AND occurred_at = ?",
                key,
                type,
                Timestamp.from(day.atStartOfDay(ZONE).toInstant()));
    }

    static String initiative(String sourceId, UUID unit, String extra) {
        return "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"" + sourceId + "\",\"orgUnitId\":\"" + unit
                + "\",\"title\":\"Värdegrundsarbete\",\"responsible\":\"Enhetschef\",\"origin\":\"OTHER\"," + extra
                + "}";
    }

    static List<String> overdueIds(UUID unit, String asOf) {
        return given().header("Authorization", Fixtures.karin())
                .queryParam("orgUnitId", unit)
                .queryParam("overdue", true)
                .queryParam("asOf", asOf)
                .get("/followup/v1/quality-initiatives")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
    }

    @Test
    void pastInitiativesAreReplayedAtTheirDatesWithTheLiveEventsAndAgainStoreNothing() {
        String late = ref();
        String onTime = ref();
        String open = ref();
        String file = String.join(
                "\n",
                // 1: closed three weeks after its deadline, effect checked later
                initiative(
                        late,
                        org.b1(),
                        "\"deadline\":\"2023-10-31\",\"status\":\"DONE\",\"createdOn\":\"2023-02-01\","
                                + "\"startedOn\":\"2023-03-01\",\"closedOn\":\"2023-11-20\",\"effect\":\"Genomfört\","
                                + "\"effective\":true,\"effectCheckedOn\":\"2024-02-01\""),
                // 2: not done, closed before its deadline
                initiative(
                        onTime,
                        org.b1(),
                        "\"deadline\":\"2023-06-30\",\"status\":\"NOT_DONE\",\"closedOn\":\"2023-06-15\""),
                // 3: still going, its deadline long past
                initiative(
                        open,
                        org.b1(),
                        "\"deadline\":\"2024-03-31\",\"status\":\"ONGOING\",\"startedOn\":\"2024-01-10\""),
                // 4: ongoing without a start
                initiative(ref(), org.b1(), "\"status\":\"ONGOING\""),
                // 5: a unit the organisation does not have
                initiative(ref(), UUID.randomUUID(), "\"status\":\"NOT_STARTED\""),
                // 6: closed before it started
                initiative(
                        ref(),
                        org.b1(),
                        "\"status\":\"DONE\",\"startedOn\":\"2023-05-01\",\"closedOn\":\"2023-04-01\""),
                // 7: closed in the future
                initiative(
                        ref(),
                        org.b1(),
                        "\"status\":\"DONE\",\"closedOn\":\""
                                + LocalDate.now(ZONE).plusDays(3) + "\""),
                // 8: a personnummer in the description
                initiative(ref(), org.b1(), "\"status\":\"NOT_STARTED\",\"description\":\"gäller 19121212-1212\""),
                // 9: not JSON
                "not json",
                // 10: a field that is not one
                initiative(ref(), org.b1(), "\"status\":\"NOT_STARTED\",\"colour\":\"red\""),
                // 11: the same reference as row 1
                initiative(late, org.b1(), "\"status\":\"NOT_STARTED\""),
                // 12: a NOT_STARTED one with a closing day
                initiative(ref(), org.b1(), "\"status\":\"NOT_STARTED\",\"closedOn\":\"2023-01-01\""));
        Response first = post(INITIATIVES, NDJSON, file);
        first.then()
                .statusCode(201)
                .header("Location", endsWith(INITIATIVES + "/" + first.path("id")))
                .body("kind", equalTo("QUALITY_INITIATIVE"))
                .body("status", equalTo("COMPLETED"))
                .body("format", equalTo("NDJSON"))
                .body("total", equalTo(12))
                .body("accepted", equalTo(3))
                .body("alreadyImported", equalTo(0))
                .body("rejected", equalTo(9))
                .body("rows.items[0].status", equalTo("ACCEPTED"))
                .body("rows.items[0].sourceId", equalTo(late))
                .body("rows.items[3].row", equalTo(4))
                .body("rows.items[3].errors.field", hasItem("startedOn"))
                .body("rows.items[3].sourceId", nullValue())
                .body("rows.items[4].errors.field", hasItem("orgUnitId"))
                .body("rows.items[5].errors.field", hasItem("closedOn"))
                .body("rows.items[6].errors.field", hasItem("closedOn"))
                .body("rows.items[7].errors.field", hasItem("description"))
                .body("rows.items[8].errors.field", hasItem("row"))
                .body("rows.items[9].errors.field", hasItem("colour"))
                .body("rows.items[10].errors[0].field", equalTo("sourceId"))
                .body("rows.items[10].errors[0].message", equalTo("the same sourceSystem and sourceId as row 1"))
                .body("rows.items[11].errors.field", hasItem("closedOn"));
        String run = first.path("id");
        String lateId = first.path("rows.items[0].recordId");
        String onTimeId = first.path("rows.items[1].recordId");
        String openId = first.path("rows.items[2].recordId");
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM quality_initiative WHERE import_run_id = ?", UUID.fromString(run)))
                .isEqualTo(3);

        // stored with its real dates and its provenance
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/quality-initiatives/" + lateId)
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("startedOn", equalTo("2023-03-01"))
                .body("closedOn", equalTo("2023-11-20"))
                .body("effective", equalTo(true))
                .body("effectCheckedOn", equalTo("2024-02-01"))
                .body(
                        "createdAt",
                        equalTo(LocalDate.of(2023, 2, 1)
                                .atStartOfDay(ZONE)
                                .toInstant()
                                .toString()))
                .body("sourceSystem", equalTo("stratsys"))
                .body("sourceId", equalTo(late))
                .body("importRunId", equalTo(run));

        // the same events as live work: completed with on time from the real days; the scheduler's overdue notice as
        // of the day after the deadline for the one closed late and the one still open, none for the one on time
        assertThat(outbox(lateId, InitiativeCompletedV1.TYPE)).isEqualTo(1);
        assertThat(outbox(onTimeId, InitiativeCompletedV1.TYPE)).isEqualTo(1);
        assertThat(outbox(openId, InitiativeCompletedV1.TYPE)).isZero();
        assertThat(outboxOn(lateId, InitiativeOverdueV1.TYPE, LocalDate.of(2023, 11, 1)))
                .isEqualTo(1);
        assertThat(outboxOn(openId, InitiativeOverdueV1.TYPE, LocalDate.of(2024, 4, 1)))
                .isEqualTo(1);
        assertThat(outbox(onTimeId, InitiativeOverdueV1.TYPE)).isZero();
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records = topic.await(
                    r -> r.key().equals(lateId)
                            && EventCodec.fromKafka(r.headers(), r.value())
                                    .type()
                                    .equals(InitiativeCompletedV1.TYPE),
                    1,
                    Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            InitiativeCompletedV1 e =
                    EventCodec.data(EventContract.assertValid(records.get(0)), InitiativeCompletedV1.class);
            assertThat(e.closedOn()).isEqualTo(LocalDate.of(2023, 11, 20));
            assertThat(e.deadline()).isEqualTo(LocalDate.of(2023, 10, 31));
            assertThat(e.onTime()).isFalse();
            assertThat(e.outcome()).isEqualTo("DONE");
        }

        // "as of": overdue the days after its deadline until it was closed, on both sides of each edge
        assertThat(overdueIds(org.b1(), "2023-10-31")).doesNotContain(lateId);
        assertThat(overdueIds(org.b1(), "2023-11-01")).contains(lateId).doesNotContain(onTimeId, openId);
        assertThat(overdueIds(org.b1(), "2023-11-19")).contains(lateId);
        assertThat(overdueIds(org.b1(), "2023-11-20")).doesNotContain(lateId);
        assertThat(overdueIds(org.b1(), "2023-07-01")).doesNotContain(onTimeId);
        assertThat(overdueIds(org.b1(), "2024-04-01")).contains(openId);
        assertThat(overdueIds(org.b1(), "2024-03-31")).doesNotContain(openId);

        // the same file again: nothing new stored or published, the three answered as imported before
        post(INITIATIVES, NDJSON, file)
                .then()
                .statusCode(201)
                .body("accepted", equalTo(0))
                .body("alreadyImported", equalTo(3))
                .body("rejected", equalTo(9))
                .body("rows.items[0].status", equalTo("ALREADY_IMPORTED"))
                .body("rows.items[0].recordId", equalTo(lateId));
        assertThat(Fixtures.count("SELECT count(*) FROM quality_initiative WHERE source_id = ?", late))
                .isEqualTo(1);
        assertThat(outbox(lateId, InitiativeCompletedV1.TYPE)).isEqualTo(1);
        assertThat(outbox(lateId, InitiativeOverdueV1.TYPE)).isEqualTo(1);

        // the same reference with other values is refused, the initiative unchanged
        post(
                        INITIATIVES,
                        NDJSON,
                        initiative(
                                onTime,
                                org.b1(),
                                "\"deadline\":\"2023-06-30\",\"status\":\"DONE\",\"closedOn\":\"2023-06-15\""))
                .then()
                .statusCode(201)
                .body("rejected", equalTo(1))
                .body("rows.items[0].errors[0].field", equalTo("sourceId"));
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/quality-initiatives/" + onTimeId)
                .then()
                .body("status", equalTo("NOT_DONE"));
        // a reference shaped like a personnummer is refused (it would be stored and answered as an identifier)
        post(
                        INITIATIVES,
                        NDJSON,
                        initiative(
                                "KI-19121212-1212",
                                org.b1(),
                                "\"deadline\":\"2023-06-30\",\"status\":\"DONE\",\"closedOn\":\"2023-06-15\""))
                .then()
                .statusCode(201)
                .body("rejected", equalTo(1))
                .body("rows.items[0].errors[0].field", equalTo("sourceId"))
                .body(not(containsString("1212-1212")));

        // the run later, only what to fix, paged; of the other kind it is no run
        given().header("Authorization", importer())
                .queryParam("status", "REJECTED")
                .queryParam("limit", 2)
                .queryParam("page", 2)
                .get(INITIATIVES + "/" + run)
                .then()
                .statusCode(200)
                .body("rows.total", equalTo(9))
                .body("rows.items.row", equalTo(List.of(6, 7)));
        given().header("Authorization", importer())
                .get(OCCURRENCES + "/" + run)
                .then()
                .statusCode(404);
        given().header("Authorization", importer())
                .queryParam("status", "rejected")
                .get(INITIATIVES + "/" + run)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void pastEgenkontrollOccurrencesInCsvAreReplayedAtTheirDatesAndNeverOverwriteOne() {
        LocalDate firstDue = LocalDate.now(ZONE).plusDays(10);
        Response plan = given().header("Authorization", Fixtures.karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"orgUnitId":"%s","title":"Stickkontroll av genomförandeplaner","method":"SAMPLE_CHECK",
                         "sampleSize":10,"frequency":"QUARTERLY","firstDueOn":"%s","responsibleRole":"Enhetschef"}""".formatted(org.a2(), firstDue))
                .post("/followup/v1/egenkontroll-plans");
        plan.then().statusCode(201);
        String planId = plan.path("plan.id");
        String onTime = ref();
        String late = ref();
        String missed = ref();
        String cancelled = ref();
        String header =
                "sourceSystem,sourceId,planId,dueOn,executedOn,result,sampleSize,findings,deviationsFound,actionCount,"
                        + "cancelledOn,cancelReason\n";
        String file = header
                // 1: on time
                + "stratsys," + onTime + "," + planId + ",2023-03-31,2023-03-20,APPROVED,10,,0,,,\n"
                // 2: twelve days late, findings quoted
                + "stratsys," + late + "," + planId
                + ",2023-06-30,2023-07-12,PARTLY_APPROVED,10,\"Två planer, utan \"\"medverkan\"\"\",2,1,,\n"
                // 3: never carried out
                + "stratsys," + missed + "," + planId + ",2023-09-30,,,,,,,,\n"
                + "\n"
                // 4: cancelled before its due day
                + "stratsys," + cancelled + "," + planId + ",2023-12-31,,,,,,,2023-12-20,Enheten stängd i december\n"
                // 5: the same plan and day as row 1
                + "stratsys," + ref() + "," + planId + ",2023-03-31,,,,,,,,\n"
                // 6: carried out without a result
                + "stratsys," + ref() + "," + planId + ",2022-03-31,2022-03-30,,,,0,,,\n"
                // 7: carried out before the quarter it covers
                + "stratsys," + ref() + "," + planId + ",2022-06-30,2022-03-01,APPROVED,,,0,,,\n"
                // 8: no such plan
                + "stratsys," + ref() + "," + UUID.randomUUID() + ",2022-09-30,,,,,,,,\n"
                // 9: a due day that is not a date
                + "stratsys," + ref() + "," + planId + ",30/09/2022,,,,,,,,\n"
                // 10: the day the plan's own schedule has an occurrence
                + "stratsys," + ref() + "," + planId + "," + firstDue + ",,,,,,,,\n";
        Response first = post(OCCURRENCES, "text/csv", file);
        first.then()
                .statusCode(201)
                .body("kind", equalTo("EGENKONTROLL_OCCURRENCE"))
                .body("format", equalTo("CSV"))
                .body("total", equalTo(10))
                .body("accepted", equalTo(4))
                .body("rejected", equalTo(6))
                .body("rows.items[4].errors[0].field", equalTo("dueOn"))
                .body("rows.items[4].errors[0].message", equalTo("the same plan and due day as row 1"))
                .body("rows.items[5].errors.field", hasItem("result"))
                .body("rows.items[6].errors.field", hasItem("executedOn"))
                .body("rows.items[7].errors.field", hasItem("planId"))
                .body("rows.items[8].errors.field", hasItem("dueOn"))
                .body("rows.items[9].errors.field", hasItem("dueOn"));
        String onTimeId = first.path("rows.items[0].recordId");
        String lateId = first.path("rows.items[1].recordId");
        String missedId = first.path("rows.items[2].recordId");
        String cancelledId = first.path("rows.items[3].recordId");
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/egenkontroll-occurrences/" + lateId)
                .then()
                .statusCode(200)
                .body("status", equalTo("EXECUTED"))
                .body("dueOn", equalTo("2023-06-30"))
                .body("executedOn", equalTo("2023-07-12"))
                .body("findings", equalTo("Två planer, utan \"medverkan\""))
                .body("deviationsFound", equalTo(2))
                .body("sourceId", equalTo(late))
                .body("importRunId", equalTo(first.path("id")));
        given().header("Authorization", Fixtures.karin())
                .get("/followup/v1/egenkontroll-occurrences/" + cancelledId)
                .then()
                .body("status", equalTo("CANCELLED"))
                .body("cancelledOn", equalTo("2023-12-20"));
        // one occurrence a day per plan: the scheduled one stands as it was
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM egenkontroll_occurrence WHERE plan_id = ? AND due_on = ?",
                        UUID.fromString(planId),
                        firstDue))
                .isEqualTo(1);

        // events keyed by the plan: executed for the two carried out, the scheduler's overdue notice as of the day
        // after the due day for the late one and the one never carried out
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?"
                                + " AND convert_from(payload, 'UTF8') LIKE ?",
                        planId,
                        EgenkontrollExecutedV1.TYPE,
                        "%\"occurrenceId\":\"" + onTimeId + "\"%"))
                .isEqualTo(1);
        assertThat(outbox(planId, EgenkontrollExecutedV1.TYPE)).isEqualTo(2);
        assertThat(outbox(planId, EgenkontrollOverdueV1.TYPE)).isEqualTo(2);
        assertThat(outboxOn(planId, EgenkontrollOverdueV1.TYPE, LocalDate.of(2023, 7, 1)))
                .isEqualTo(1);
        assertThat(outboxOn(planId, EgenkontrollOverdueV1.TYPE, LocalDate.of(2023, 10, 1)))
                .isEqualTo(1);
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records = topic.await(
                    r -> r.key().equals(planId)
                            && EventCodec.fromKafka(r.headers(), r.value())
                                    .type()
                                    .equals(EgenkontrollExecutedV1.TYPE),
                    2,
                    Duration.ofSeconds(20));
            assertThat(records).hasSize(2);
            EgenkontrollExecutedV1 e =
                    EventCodec.data(EventContract.assertValid(records.get(1)), EgenkontrollExecutedV1.class);
            assertThat(e.occurrenceId().toString()).isIn(onTimeId, lateId);
        }

        // "as of": overdue after its due day until it was carried out or cancelled, both sides of each edge
        assertThat(overdueOccurrences(planId, "2023-06-30")).doesNotContain(lateId);
        assertThat(overdueOccurrences(planId, "2023-07-01")).contains(lateId).doesNotContain(onTimeId);
        assertThat(overdueOccurrences(planId, "2023-07-11")).contains(lateId);
        assertThat(overdueOccurrences(planId, "2023-07-12")).doesNotContain(lateId);
        assertThat(overdueOccurrences(planId, "2023-10-01")).contains(missedId);
        assertThat(overdueOccurrences(planId, "2023-09-30")).doesNotContain(missedId);
        assertThat(overdueOccurrences(planId, "2024-01-01")).contains(missedId).doesNotContain(cancelledId);

        // again: nothing stored or published twice
        post(OCCURRENCES, "text/csv", file)
                .then()
                .statusCode(201)
                .body("accepted", equalTo(0))
                .body("alreadyImported", equalTo(4))
                .body("rows.items[1].recordId", equalTo(lateId));
        assertThat(outbox(planId, EgenkontrollExecutedV1.TYPE)).isEqualTo(2);
        assertThat(outbox(planId, EgenkontrollOverdueV1.TYPE)).isEqualTo(2);
    }

    static List<String> overdueOccurrences(String planId, String asOf) {
        return given().header("Authorization", Fixtures.karin())
                .queryParam("planId", planId)
                .queryParam("state", "OVERDUE")
                .queryParam("asOf", asOf)
                .queryParam("limit", 100)
                .get("/followup/v1/egenkontroll-occurrences")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
    }

    @Test
    void onlyTheImportRoleAndOnlyReadableFiles() {
        String row = initiative(ref(), org.a1(), "\"status\":\"NOT_STARTED\"");
        given().header("Authorization", Fixtures.karin())
                .contentType(NDJSON)
                .body(row.getBytes(StandardCharsets.UTF_8))
                .post(INITIATIVES)
                .then()
                .statusCode(403);
        given().contentType(NDJSON)
                .body(row.getBytes(StandardCharsets.UTF_8))
                .post(OCCURRENCES)
                .then()
                .statusCode(401);
        given().header("Authorization", importer())
                .contentType(ContentType.JSON)
                .body(row.getBytes(StandardCharsets.UTF_8))
                .post(INITIATIVES)
                .then()
                .statusCode(415);
        long runs = Fixtures.count("SELECT count(*) FROM history_import_run");
        post(INITIATIVES, "text/csv", "sourceSystem,sourceId,colour\nx,y,red\n")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("colour"));
        post(OCCURRENCES, NDJSON, "\n\n").then().statusCode(400);
        given().header("Authorization", importer())
                .header("Prefer", "wait=soon")
                .contentType(NDJSON)
                .body(row.getBytes(StandardCharsets.UTF_8))
                .post(INITIATIVES)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("Prefer"));
        given().header("Authorization", importer())
                .contentType(NDJSON)
                .body(new byte[] {'{', (byte) 0xC3, '(', '}'})
                .post(INITIATIVES)
                .then()
                .statusCode(400);
        assertThat(Fixtures.count("SELECT count(*) FROM history_import_run")).isEqualTo(runs);
        given().header("Authorization", importer())
                .get(INITIATIVES + "/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().header("Authorization", importer())
                .queryParam("asOf", "2023-01-01")
                .get(INITIATIVES + "/" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("asOf"));
    }
}
