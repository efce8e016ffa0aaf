package se.kvalitet.followup.initiative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.followup.InitiativeCompletedV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.schedule.OverdueJob;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.RegistryStub;
import se.kvalitet.testing.TestClock;
import se.kvalitet.testing.TopicReader;

/** Quality initiatives (kvalitetsinsatser): lifecycle, effect check, events for done and overdue, access. */
@QuarkusTest
class InitiativeTest {

    static final String PATH = "/followup/v1/quality-initiatives";
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

    static String body(UUID unit, LocalDate deadline, String origin, String extra) {
        return """
                {"orgUnitId":"%s","title":"Värdegrundsarbete i alla arbetsgrupper","description":"Fokusgrupper på arbetsplatsträffar.",
                 "responsible":"Ansvariga chefer","deadline":"%s","support":"Ledningsgruppen, chefsforum","origin":"%s",
                 "tasks":[{"responsible":"Ledningsgruppen","description":"Inleda arbetet på chefsforum","deadline":"%s"}]%s}""".formatted(unit, deadline, origin, deadline, extra == null ? "" : "," + extra);
    }

    static String etag(Response r) {
        return r.header("ETag");
    }

    @Test
    void anInitiativeIsStartedClosedAndItsEffectCheckedWithAnEvent() {
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today().plusDays(30), "OTHER", null))
                .post(PATH);
        created.then()
                .statusCode(201)
                .body("status", equalTo("NOT_STARTED"))
                .body("tasks[0].responsible", equalTo("Ledningsgruppen"))
                .body("overdue", equalTo(false));
        String id = created.path("id");
        given().header("Authorization", karin())
                .post(PATH + "/" + id + "/start")
                .then()
                .statusCode(428);
        Response started = given().header("Authorization", karin())
                .header("If-Match", etag(created))
                .post(PATH + "/" + id + "/start");
        started.then()
                .statusCode(200)
                .body("status", equalTo("ONGOING"))
                .body("startedOn", equalTo(today().toString()));
        given().header("Authorization", karin())
                .header("If-Match", etag(started))
                .post(PATH + "/" + id + "/start")
                .then()
                .statusCode(409)
                .body("currentState", equalTo("ONGOING"));
        given().header("Authorization", karin())
                .header("If-Match", etag(started))
                .contentType(ContentType.JSON)
                .body("{\"effect\":\"x\"}")
                .post(PATH + "/" + id + "/effect-check")
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .header("If-Match", etag(started))
                .contentType(ContentType.JSON)
                .body("{\"effective\":true}")
                .post(PATH + "/" + id + "/effect-check")
                .then()
                .statusCode(409);
        Response done = given().header("Authorization", karin())
                .header("If-Match", etag(started))
                .contentType(ContentType.JSON)
                .body("{\"outcome\":\"DONE\",\"effect\":\"Alla grupper har haft minst två träffar.\"}")
                .post(PATH + "/" + id + "/complete");
        done.then().statusCode(200).body("status", equalTo("DONE")).body("closedOn", equalTo(today().toString()));
        given().header("Authorization", karin())
                .header("If-Match", etag(done))
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "OTHER", null))
                .put(PATH + "/" + id)
                .then()
                .statusCode(409);
        given().header("Authorization", karin())
                .header("If-Match", etag(done))
                .contentType(ContentType.JSON)
                .body("{\"effective\":true,\"effect\":\"Bemötandet förbättrades.\"}")
                .post(PATH + "/" + id + "/effect-check")
                .then()
                .statusCode(200)
                .body("effective", equalTo(true))
                .body("effect", equalTo("Bemötandet förbättrades."));
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records =
                    topic.await(r -> r.key().equals(id), 1, Duration.ofSeconds(20));
            InitiativeCompletedV1 e =
                    EventCodec.data(EventContract.assertValid(records.get(0)), InitiativeCompletedV1.class);
            assertThat(e.outcome()).isEqualTo("DONE");
            assertThat(e.onTime()).isTrue();
            assertThat(e.origin()).isEqualTo("OTHER");
        }
    }

    /**
     * A unit created in the registry a moment ago (its event not here yet) takes an initiative at once: the
     * registry (played by {@link RegistryStub}) is asked with the caller's token and the unit stored in the copy.
     */
    /** Issue 16 item 2: a start recorded as it happened (moving in with past years), never in the future. */
    @Test
    void anInitiativeStartedInAnEarlierYearKeepsThatDay() {
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today().plusDays(30), "OTHER", null))
                .post(PATH);
        created.then().statusCode(201);
        String id = created.path("id");
        for (String wrong : new String[] {today().plusDays(1).toString(), "2013-02-30", "i våras"}) {
            given().header("Authorization", karin())
                    .header("If-Match", etag(created))
                    .queryParam("startedOn", wrong)
                    .post(PATH + "/" + id + "/start")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("startedOn"));
        }
        given().header("Authorization", karin())
                .header("If-Match", etag(created))
                .queryParam("startedOn", "2013-03-01")
                .post(PATH + "/" + id + "/start")
                .then()
                .statusCode(200)
                .body("status", equalTo("ONGOING"))
                .body("startedOn", equalTo("2013-03-01"));
    }

    @Test
    void aUnitCreatedAMomentAgoInTheRegistryIsUsableAtOnce() {
        UUID unit = UUID.randomUUID();
        String history = "/registry/v1/org-units/" + unit + "/history";
        RegistryStub.answer(history, 200, """
                [{"id":"%s","code":null,"name":"Nya hemtjänstgruppen","type":"GROUP","parentId":"%s","active":true,
                  "validFrom":"%s","validTo":null,"change":"CREATED","relatedOrgUnitIds":[],"changedAt":"%s"}]""".formatted(unit, org.a1(), today(), Instant.now()));
        String token = karin();
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body(unit, today().plusDays(30), "OTHER", null))
                .post(PATH)
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(unit.toString()));
        assertThat(RegistryStub.authorization(history)).isEqualTo(token);
        assertThat(Fixtures.count("SELECT count(*) FROM orgcopy_version WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(1);
        // a unit the registry does not have either stays a 422
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body(UUID.randomUUID(), today().plusDays(30), "OTHER", null))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("orgUnitId"));
    }

    @Test
    void anOpenInitiativePastItsDeadlineIsPublishedOnceAndANewDeadlineIsWatchedAnew() {
        LocalDate deadline = today().plusDays(1);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a2(), deadline, "RISK", null))
                .post(PATH);
        String id = created.path("id");
        clock.advance(Duration.ofDays(3));
        job.run();
        job.run();
        given().header("Authorization", Fixtures.viewer())
                .queryParam("overdue", true)
                .queryParam("orgUnitId", org.a2().toString())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        Response now = given().header("Authorization", karin()).get(PATH + "/" + id);
        now.then().body("overdue", equalTo(true));
        // a later deadline is watched again
        given().header("Authorization", karin())
                .header("If-Match", etag(now))
                .contentType(ContentType.JSON)
                .body(body(org.a2(), today().plusDays(4), "RISK", null))
                .put(PATH + "/" + id)
                .then()
                .statusCode(200);
        clock.advance(Duration.ofDays(3));
        job.run();
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records =
                    topic.await(r -> r.key().equals(id), 3, Duration.ofSeconds(5));
            assertThat(records).hasSize(2);
            List<InitiativeOverdueV1> events = records.stream()
                    .map(EventContract::assertValid)
                    .map(env -> EventCodec.data(env, InitiativeOverdueV1.class))
                    .toList();
            assertThat(events).extracting(InitiativeOverdueV1::deadline).containsExactly(deadline, today().plusDays(4));
        }
    }

    /** Issue 16 item 3: overdue on a day, from the stored deadline and closing day, on both sides of each. */
    @Test
    void overdueAnswersAsOfAnyDayFromTheStoredDeadlineAndClosingDay() {
        String closed = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.b1(), LocalDate.of(2013, 9, 30), "OTHER", null))
                .post(PATH)
                .path("id");
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("{\"outcome\":\"DONE\",\"closedOn\":\"2013-10-15\"}")
                .post(PATH + "/" + closed + "/complete")
                .then()
                .statusCode(200)
                .body("closedOn", equalTo("2013-10-15"));
        String open = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.b1(), LocalDate.of(2013, 9, 30), "OTHER", null))
                .post(PATH)
                .path("id");
        // day -> [closed one overdue, open one overdue]
        for (Object[] day : new Object[][] {
            {"2013-09-29", false, false},
            {"2013-09-30", false, false}, // the deadline day itself is in time
            {"2013-10-01", true, true},
            {"2013-10-14", true, true},
            {"2013-10-15", false, true}, // closed on that day
            {today().toString(), false, true}
        }) {
            List<String> overdue = given().header("Authorization", Fixtures.viewer())
                    .queryParam("orgUnitId", org.b1().toString())
                    .queryParam("overdue", true)
                    .queryParam("asOf", day[0])
                    .queryParam("limit", 500)
                    .get(PATH)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            List<String> notOverdue = given().header("Authorization", Fixtures.viewer())
                    .queryParam("orgUnitId", org.b1().toString())
                    .queryParam("overdue", false)
                    .queryParam("asOf", day[0])
                    .queryParam("limit", 500)
                    .get(PATH)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertThat(overdue.contains(closed)).as("closed one on %s", day[0]).isEqualTo(day[1]);
            assertThat(overdue.contains(open)).as("open one on %s", day[0]).isEqualTo(day[2]);
            assertThat(notOverdue.contains(closed)).isNotEqualTo(day[1]);
            assertThat(notOverdue.contains(open)).isNotEqualTo(day[2]);
            given().header("Authorization", Fixtures.viewer())
                    .queryParam("asOf", day[0])
                    .get(PATH + "/" + closed)
                    .then()
                    .statusCode(200)
                    .body("overdue", equalTo(day[1]))
                    .body("status", equalTo("DONE"));
        }
        // without asOf: today
        given().header("Authorization", Fixtures.viewer())
                .get(PATH + "/" + open)
                .then()
                .body("overdue", equalTo(true));
        for (String bad : List.of("2013-13-01", "1 oktober", "1899-12-31")) {
            given().header("Authorization", Fixtures.viewer())
                    .queryParam("overdue", true)
                    .queryParam("asOf", bad)
                    .get(PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("asOf"));
        }
        given().header("Authorization", Fixtures.viewer())
                .queryParam("asof", "2013-10-01")
                .get(PATH + "/" + open)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asof"));
    }

    @Test
    void originsAreCheckedAndUnitManagersWorkOnTheirUnitsOnly() {
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "INDICATOR", null))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("indicatorId"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "EGENKONTROLL", "\"originRef\":\"" + UUID.randomUUID() + "\""))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("originRef"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "RISK", "\"originRef\":\"" + UUID.randomUUID() + "\""))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("originRef"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "OTHER", "\"originRef\":\"" + UUID.randomUUID() + "\""))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("originRef"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "OTHER", "\"indicatorId\":\"" + UUID.randomUUID() + "\""))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("indicatorId"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "WISHFUL", null))
                .post(PATH)
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "OTHER", null).replace("Fokusgrupper", "Samtal med 19121212-1212"))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("description"));
        String erik = Fixtures.manager(org.deptA());
        Response own = given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "DEVIATION_ANALYSIS", null))
                .post(PATH);
        own.then().statusCode(201);
        // an analysis of a report names a report of a unit the manager may see: one of department B's is as unknown as
        // none
        UUID ownReport = UUID.randomUUID();
        UUID foreignReport = UUID.randomUUID();
        List<EventEnvelope> reported = Fixtures.sendAll(
                Topics.DEVIATION,
                List.of(
                        new DeviationReportedV1(
                                ownReport, org.a2(), List.of(), "STAFF", null, today().minusDays(3), Instant.now()),
                        new DeviationReportedV1(
                                foreignReport,
                                org.b1(),
                                List.of(),
                                "STAFF",
                                null,
                                today().minusDays(3),
                                Instant.now())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.inboxed("followup.deviation-facts", reported) == reported.size());
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "DEVIATION_ANALYSIS", "\"originRef\":\"" + ownReport + "\""))
                .post(PATH)
                .then()
                .statusCode(201)
                .body("originRef", equalTo(ownReport.toString()));
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "DEVIATION_ANALYSIS", "\"originRef\":\"" + foreignReport + "\""))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("originRef"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "DEVIATION_ANALYSIS", "\"originRef\":\"" + foreignReport + "\""))
                .post(PATH)
                .then()
                .statusCode(201);
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body(org.b1(), today(), "OTHER", null))
                .post(PATH)
                .then()
                .statusCode(403);
        Response foreign = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(org.b1(), today(), "OTHER", null))
                .post(PATH);
        String foreignId = foreign.path("id");
        given().header("Authorization", erik)
                .header("If-Match", etag(foreign))
                .post(PATH + "/" + foreignId + "/start")
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH + "/" + foreignId + "/complete")
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .header("If-Match", etag(own))
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH + "/" + own.path("id") + "/complete")
                .then()
                .statusCode(400);
        given().header("Authorization", Fixtures.anna())
                .contentType(ContentType.JSON)
                .body(body(org.a1(), today(), "OTHER", null))
                .post(PATH)
                .then()
                .statusCode(403);
        given().header("Authorization", Fixtures.anna())
                .get(PATH + "/" + foreignId)
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi()).get(PATH).then().statusCode(403);
        given().header("Authorization", Fixtures.anna())
                .queryParam("status", "DONE-ISH")
                .get(PATH)
                .then()
                .statusCode(400);
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM quality_initiative_task WHERE initiative_id = '" + own.path("id") + "'"))
                .isEqualTo(1);
    }
}
