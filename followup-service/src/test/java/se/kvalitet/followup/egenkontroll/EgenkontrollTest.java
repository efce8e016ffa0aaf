package se.kvalitet.followup.egenkontroll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.schedule.OverdueJob;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestClock;
import se.kvalitet.testing.TopicReader;

/** Egenkontroll: plans schedule occurrences, executions are recorded and published, overdue ones are published once. */
@QuarkusTest
class EgenkontrollTest {

    static final String PLANS = "/followup/v1/egenkontroll-plans";
    static final String OCCURRENCES = "/followup/v1/egenkontroll-occurrences";
    static Fixtures.Org org;

    @Inject
    TestClock clock;

    @Inject
    OverdueJob job;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    static String plan(UUID unit, LocalDate firstDue, String frequency, String links) {
        return """
                {"orgUnitId":"%s","title":"Stickkontroll av genomförandeplaner","method":"SAMPLE_CHECK","sample":"10 slumpvis valda planer",
                 "sampleSize":10,"frequency":"%s","firstDueOn":"%s","responsibleRole":"Enhetschef"%s}""".formatted(unit, frequency, firstDue, links == null ? "" : "," + links);
    }

    @Test
    void aPlanSchedulesItsOccurrencesAndAnExecutionIsPublished() {
        LocalDate first = today().plusDays(10);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "QUARTERLY", null))
                .post(PLANS);
        created.then()
                .statusCode(201)
                .body("plan.status", equalTo("ACTIVE"))
                .body("upcoming[0].dueOn", equalTo(first.toString()))
                .body("upcoming[1].dueOn", equalTo(first.plusMonths(3).toString()));
        String planId = created.path("plan.id");
        // thirteen months ahead: five quarters
        assertThat(Fixtures.count("SELECT count(*) FROM egenkontroll_occurrence WHERE plan_id = '" + planId + "'"))
                .isEqualTo(5);
        String occurrence = created.path("upcoming[0].id");
        Response o = given().header("Authorization", karin()).get(OCCURRENCES + "/" + occurrence);
        String execution = """
                {"executedOn":"%s","sampleSize":10,"findings":"Två planer saknade brukarens medverkan.","result":"PARTLY_APPROVED",
                 "deviationsFound":2,"followUpActions":"Komplettera planerna.","actionCount":2}""".formatted(today());
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(execution)
                .post(OCCURRENCES + "/" + occurrence + "/execution")
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", o.header("ETag"))
                .contentType(ContentType.JSON)
                .body(execution.replace(today().toString(), today().plusDays(1).toString()))
                .post(OCCURRENCES + "/" + occurrence + "/execution")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("executedOn"));
        // carried out on the day it was (issue 16 item 2), but within the quarter this occurrence covers
        given().header("Authorization", karin())
                .header("If-Match", o.header("ETag"))
                .contentType(ContentType.JSON)
                .body(execution.replace(
                        today().toString(), first.minusMonths(3).minusDays(1).toString()))
                .post(OCCURRENCES + "/" + occurrence + "/execution")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("executedOn"));
        given().header("Authorization", karin())
                .header("If-Match", o.header("ETag"))
                .contentType(ContentType.JSON)
                .body(execution)
                .post(OCCURRENCES + "/" + occurrence + "/execution")
                .then()
                .statusCode(200)
                .body("status", equalTo("EXECUTED"))
                .body("result", equalTo("PARTLY_APPROVED"))
                .body("deviationsFound", equalTo(2));
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body(execution)
                .post(OCCURRENCES + "/" + occurrence + "/execution")
                .then()
                .statusCode(409)
                .body("currentState", equalTo("EXECUTED"));
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records =
                    topic.await(r -> r.key().equals(planId), 1, Duration.ofSeconds(20));
            EventEnvelope env = EventContract.assertValid(records.get(0));
            EgenkontrollExecutedV1 e = EventCodec.data(env, EgenkontrollExecutedV1.class);
            assertThat(e.occurrenceId().toString()).isEqualTo(occurrence);
            assertThat(e.result()).isEqualTo("PARTLY_APPROVED");
            assertThat(e.deviationsFound()).isEqualTo(2);
            assertThat(e.actionCount()).isEqualTo(2);
        }
    }

    /**
     * Issue 16 item 3: overdue on a day, from the stored due, execution and cancellation days, on both sides of
     * each: one carried out late (due 2013-09-30, done 2013-10-15), one cancelled today, one still scheduled.
     */
    @Test
    void overdueAnswersAsOfAnyDayFromTheStoredDueExecutionAndCancellationDays() {
        String planId = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), today().plusDays(200), "YEARLY", null))
                .post(PLANS)
                .path("plan.id");
        String late = extra(planId, "2013-09-30");
        String cancelled = extra(planId, "2013-09-20");
        String scheduled = extra(planId, "2013-09-10");
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("""
                        {"executedOn":"2013-10-15","sampleSize":10,"result":"APPROVED","deviationsFound":0,"actionCount":0}""")
                .post(OCCURRENCES + "/" + late + "/execution")
                .then()
                .statusCode(200);
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"Verksamheten flyttade\"}")
                .post(OCCURRENCES + "/" + cancelled + "/cancel")
                .then()
                .statusCode(200)
                .body("cancelledOn", equalTo(today().toString()));
        assertThat(Fixtures.count("SELECT count(*) FROM egenkontroll_occurrence WHERE id = '" + cancelled
                        + "' AND status = 'CANCELLED' AND cancelled_on = '" + today() + "'"))
                .isEqualTo(1);
        // day -> [late, cancelled, scheduled] overdue that day
        for (Object[] day : new Object[][] {
            {"2013-09-29", false, true, true},
            {"2013-09-30", false, true, true}, // due that day: not yet overdue
            {"2013-10-01", true, true, true},
            {"2013-10-14", true, true, true},
            {"2013-10-15", false, true, true}, // carried out that day
            {today().minusDays(1).toString(), false, true, true},
            {today().toString(), false, false, true} // cancelled today
        }) {
            List<String> overdue = given().header("Authorization", karin())
                    .queryParam("planId", planId)
                    .queryParam("state", "OVERDUE")
                    .queryParam("asOf", day[0])
                    .get(OCCURRENCES)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertThat(overdue.contains(late)).as("late on %s", day[0]).isEqualTo(day[1]);
            assertThat(overdue.contains(cancelled))
                    .as("cancelled on %s", day[0])
                    .isEqualTo(day[2]);
            assertThat(overdue.contains(scheduled))
                    .as("scheduled on %s", day[0])
                    .isEqualTo(day[3]);
            given().header("Authorization", karin())
                    .queryParam("asOf", day[0])
                    .get(OCCURRENCES + "/" + late)
                    .then()
                    .statusCode(200)
                    .body("overdue", equalTo(day[1]))
                    .body("status", equalTo("EXECUTED"));
        }
        given().header("Authorization", karin())
                .queryParam("state", "OVERDUE")
                .queryParam("asOf", "2013-02-29")
                .get(OCCURRENCES)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().header("Authorization", karin())
                .queryParam("asOf", "igår")
                .get(OCCURRENCES + "/" + late)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    private static String extra(String planId, String dueOn) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"dueOn\":\"" + dueOn + "\"}")
                .post(PLANS + "/" + planId + "/occurrences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void theSchedulerPublishesAnOverdueEgenkontrollOnceWhenTheClockPassesItsDueDate() {
        LocalDate due = today().plusDays(3);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a2(), due, "YEARLY", null))
                .post(PLANS);
        String planId = created.path("plan.id");
        String occurrence = created.path("upcoming[0].id");
        job.run();
        assertThat(Fixtures.count("SELECT count(*) FROM egenkontroll_occurrence WHERE id = '" + occurrence
                        + "' AND overdue_notified"))
                .isZero();
        clock.advance(Duration.ofDays(5));
        OverdueJob.Result r = job.run();
        assertThat(r.ran()).isTrue();
        assertThat(r.egenkontrollOverdue()).isGreaterThanOrEqualTo(1);
        job.run();
        given().header("Authorization", Fixtures.anna())
                .queryParam("planId", planId)
                .queryParam("state", "OVERDUE")
                .get(OCCURRENCES)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].overdue", equalTo(true));
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records = topic.await(
                    rec -> rec.key().equals(planId)
                            && EventCodec.fromKafka(rec.headers(), rec.value())
                                    .type()
                                    .equals(EgenkontrollOverdueV1.TYPE),
                    2,
                    Duration.ofSeconds(5));
            assertThat(records).hasSize(1);
            EgenkontrollOverdueV1 e =
                    EventCodec.data(EventContract.assertValid(records.get(0)), EgenkontrollOverdueV1.class);
            assertThat(e.dueOn()).isEqualTo(due);
            assertThat(e.orgUnitId()).isEqualTo(org.a2());
        }
    }

    @Test
    void retiringAPlanCancelsWhatIsAheadAndChangingItReschedules() {
        LocalDate first = today().plusDays(20);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), first, "TERTIAL", null))
                .post(PLANS);
        String planId = created.path("plan.id");
        Response changed = given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), first.plusDays(1), "TWICE_A_YEAR", null))
                .put(PLANS + "/" + planId);
        changed.then()
                .statusCode(200)
                .body("plan.frequency", equalTo("TWICE_A_YEAR"))
                .body("upcoming[0].dueOn", equalTo(first.plusDays(1).toString()))
                .body(
                        "upcoming[1].dueOn",
                        equalTo(first.plusDays(1).plusMonths(6).toString()));
        given().header("Authorization", karin())
                .header("If-Match", changed.header("ETag"))
                .post(PLANS + "/" + planId + "/retire")
                .then()
                .statusCode(200)
                .body("plan.status", equalTo("RETIRED"))
                .body("upcoming", equalTo(List.of()));
        given().header("Authorization", Fixtures.anna())
                .queryParam("planId", planId)
                .queryParam("state", "CANCELLED")
                .get(OCCURRENCES)
                .then()
                .body("total", equalTo(3));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"dueOn\":\"" + first + "\"}")
                .post(PLANS + "/" + planId + "/occurrences")
                .then()
                .statusCode(409);
    }

    @Test
    void linksToRoutinesAndRisksAreCheckedAgainstTheRegistryCopy() {
        UUID routine = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        UUID process = UUID.randomUUID();
        UUID risk = UUID.randomUUID();
        UUID closedRisk = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 1, 1);
        Instant now = Instant.now();
        List<EventEnvelope> envs = Fixtures.sendAll(
                Topics.REGISTRY,
                List.of(
                        new DocumentApprovedV1(
                                routine,
                                DocumentType.ROUTINE,
                                2,
                                UUID.randomUUID(),
                                null,
                                null,
                                null,
                                null,
                                List.of(),
                                null,
                                List.of(org.a1()),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                null,
                                day,
                                day,
                                null,
                                null,
                                null,
                                1,
                                now),
                        new DocumentApprovedV1(
                                withdrawn,
                                DocumentType.ROUTINE,
                                1,
                                UUID.randomUUID(),
                                null,
                                null,
                                null,
                                null,
                                List.of(),
                                null,
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                null,
                                day,
                                day,
                                null,
                                null,
                                null,
                                null,
                                now),
                        new DocumentWithdrawnV1(
                                withdrawn,
                                DocumentType.ROUTINE,
                                1,
                                UUID.randomUUID(),
                                WithdrawalReason.values()[0],
                                null,
                                day,
                                List.of(),
                                now),
                        new DocumentApprovedV1(
                                process,
                                DocumentType.PROCESS,
                                1,
                                UUID.randomUUID(),
                                null,
                                null,
                                null,
                                null,
                                List.of(),
                                null,
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                null,
                                day,
                                day,
                                null,
                                null,
                                null,
                                null,
                                now),
                        new RiskAssessedV1(
                                UUID.randomUUID(),
                                risk,
                                1,
                                RiskSubjectKind.values()[0],
                                null,
                                null,
                                org.a1(),
                                3,
                                3,
                                9,
                                RiskMatrixClass.HIGH,
                                null,
                                RiskStatus.OPEN,
                                List.of(),
                                day,
                                now),
                        new RiskAssessedV1(
                                UUID.randomUUID(),
                                closedRisk,
                                2,
                                RiskSubjectKind.values()[0],
                                null,
                                null,
                                org.a1(),
                                1,
                                1,
                                1,
                                RiskMatrixClass.LOW,
                                RiskMatrixClass.MEDIUM,
                                RiskStatus.CLOSED,
                                List.of(),
                                day,
                                now)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.inboxed("followup.org-units", envs) == envs.size());
        LocalDate first = today().plusDays(30);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "YEARLY", "\"routineIds\":[\"" + withdrawn + "\",\"" + process + "\"]"))
                .post(PLANS)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.message", hasItem(containsString("withdrawn")))
                .body("errors.message", hasItem(containsString("PROCESS")));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "YEARLY", "\"riskIds\":[\"" + closedRisk + "\"]"))
                .post(PLANS)
                .then()
                .statusCode(422);
        // an id the registry never published is refused for a caller (only the service's own demo data links ahead)
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "YEARLY", "\"routineIds\":[\"" + routine + "\",\"" + unknown + "\"]"))
                .post(PLANS)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("routineIds"));
        // a risk of unit A1 is department B's manager's to see no more than to link
        given().header("Authorization", Fixtures.manager(org.deptB()))
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), first, "YEARLY", "\"riskIds\":[\"" + risk + "\"]"))
                .post(PLANS)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("riskIds"));
        JsonPath ok = given().header("Authorization", Fixtures.manager(org.deptA()))
                .contentType(ContentType.JSON)
                .body(plan(
                        org.a1(),
                        first,
                        "YEARLY",
                        "\"routineIds\":[\"" + routine + "\"],\"riskIds\":[\"" + risk + "\"]"))
                .post(PLANS)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(ok.getString("plan.routines.find { it.id == '" + routine + "' }.status"))
                .isEqualTo("IN_FORCE");
        assertThat(ok.getInt("plan.routines.find { it.id == '" + routine + "' }.version"))
                .isEqualTo(2);
        assertThat(ok.getString("plan.risks[0].status")).isEqualTo("OPEN");
        assertThat(ok.getString("plan.risks[0].matrixClass")).isEqualTo("HIGH");
        given().header("Authorization", Fixtures.anna())
                .queryParam("riskId", risk.toString())
                .get(PLANS)
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void unitManagersHandleTheirOwnUnitsAndEveryoneElseOnlyReads() {
        String erik = Fixtures.manager(org.deptA());
        LocalDate first = today().plusDays(40);
        Response own = given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "MONTHLY", null))
                .post(PLANS);
        own.then().statusCode(201);
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), first, "MONTHLY", null))
                .post(PLANS)
                .then()
                .statusCode(403);
        Response foreign = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.b1(), first, "MONTHLY", null))
                .post(PLANS);
        String foreignOccurrence = foreign.path("upcoming[0].id");
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(OCCURRENCES + "/" + foreignOccurrence + "/execution")
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body("{}")
                .put(PLANS + "/" + foreign.path("plan.id"))
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .header("If-Match", "\"99\"")
                .contentType(ContentType.JSON)
                .body("{}")
                .put(PLANS + "/" + own.path("plan.id"))
                .then()
                .statusCode(412);
        given().header("Authorization", Fixtures.anna())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "MONTHLY", null))
                .post(PLANS)
                .then()
                .statusCode(403);
        given().header("Authorization", Fixtures.anna())
                .get(PLANS + "/" + own.path("plan.id"))
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.viewer()).get(PLANS).then().statusCode(403);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "CONTINUOUS", null))
                .post(PLANS)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("frequency"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "MONTHLY", null).replace("SAMPLE_CHECK", "GUESS"))
                .post(PLANS)
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(plan(org.a1(), first, "MONTHLY", null).replace("Enhetschef", "Kontakt 19121212-1212"))
                .post(PLANS)
                .then()
                .statusCode(422);
    }
}
