package se.kvalitet.followup.internalcontrol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.InternalControlOverdueV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.schedule.OverdueJob;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestClock;
import se.kvalitet.testing.TopicReader;

/** The internal control plan of a year: draft, adopt, record results, report to the board. */
@QuarkusTest
class InternalControlTest {

    static final String PATH = "/followup/v1/internal-control-plans";
    static Fixtures.Org org;

    @Inject
    TestClock clock;

    @Inject
    OverdueJob job;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    static final String ITEM = """
            {"risk":"Utredningstiden överskrider tre månader","likelihood":3,"consequence":2,
             "control":"Kontroll av utredningstiden: håller man tidsramarna på 3 månader?","method":"Stickprov om 20 akter",
             "schedule":"Två gånger per år","responsibleRole":"Enhetschef myndighetsutövning","dueOn":"2025-11-30"}""";

    @Test
    void aPlanIsDraftedAdoptedGivenResultsAndReportedToTheBoard() {
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"orgUnitId\":\"" + org.board() + "\",\"year\":2025,\"title\":\"Internkontrollplan 2025\"}")
                .post(PATH);
        created.then().statusCode(201).body("status", equalTo("DRAFT"));
        String id = created.path("id");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"orgUnitId\":\"" + org.board() + "\",\"year\":2025,\"title\":\"Igen\"}")
                .post(PATH)
                .then()
                .statusCode(409);
        given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"adoptedBy\":\"Socialnämnden 2025-02-20 § 14\"}")
                .post(PATH + "/" + id + "/adopt")
                .then()
                .statusCode(422);
        Response one = given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body(ITEM)
                .post(PATH + "/" + id + "/items");
        one.then().statusCode(201).body("items[0].riskValue", equalTo(6)).body("items[0].position", equalTo(1));
        Response two = given().header("Authorization", karin())
                .header("If-Match", one.header("ETag"))
                .contentType(ContentType.JSON)
                .body(ITEM.replace("Utredningstiden", "Genomförandeplanerna"))
                .post(PATH + "/" + id + "/items");
        String first = two.path("items[0].id");
        String second = two.path("items[1].id");
        given().header("Authorization", karin())
                .header("If-Match", one.header("ETag"))
                .contentType(ContentType.JSON)
                .body(ITEM)
                .post(PATH + "/" + id + "/items")
                .then()
                .statusCode(412);
        String result =
                "{\"resultStatus\":\"DONE_WITH_REMARKS\",\"result\":\"4 av 20 över tidsramen\",\"deviationsFound\":4,\"completedOn\":\"2025-06-19\"}";
        given().header("Authorization", karin())
                .header("If-Match", two.header("ETag"))
                .contentType(ContentType.JSON)
                .body(result)
                .post(PATH + "/" + id + "/items/" + first + "/result")
                .then()
                .statusCode(409);
        Response adopted = given().header("Authorization", karin())
                .header("If-Match", two.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"adoptedBy\":\"Socialnämnden 2025-02-20 § 14\",\"adoptedOn\":\"2025-02-20\"}")
                .post(PATH + "/" + id + "/adopt");
        adopted.then()
                .statusCode(200)
                .body("status", equalTo("ADOPTED"))
                .body("resultCounts.NO_RESULT_YET", equalTo(2));
        given().header("Authorization", karin())
                .header("If-Match", adopted.header("ETag"))
                .contentType(ContentType.JSON)
                .body(ITEM)
                .put(PATH + "/" + id + "/items/" + first)
                .then()
                .statusCode(409);
        Response r1 = given().header("Authorization", karin())
                .header("If-Match", adopted.header("ETag"))
                .contentType(ContentType.JSON)
                .body(result)
                .post(PATH + "/" + id + "/items/" + first + "/result");
        r1.then().statusCode(200).body("items[0].resultStatus", equalTo("DONE_WITH_REMARKS"));
        String report =
                "{\"summary\":\"Två kontroller genomförda; en med anmärkning.\",\"reportedTo\":\"Socialnämnden, årsbokslut 2025\"}";
        given().header("Authorization", karin())
                .header("If-Match", r1.header("ETag"))
                .contentType(ContentType.JSON)
                .body(report)
                .post(PATH + "/" + id + "/report")
                .then()
                .statusCode(422)
                .body("errors.message", hasItem(containsString(second)));
        Response r2 = given().header("Authorization", karin())
                .header("If-Match", r1.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"resultStatus\":\"NOT_DONE\",\"result\":\"Hann inte\"}")
                .post(PATH + "/" + id + "/items/" + second + "/result");
        given().header("Authorization", karin())
                .header("If-Match", r2.header("ETag"))
                .contentType(ContentType.JSON)
                .body(report)
                .post(PATH + "/" + id + "/report")
                .then()
                .statusCode(200)
                .body("status", equalTo("REPORTED"))
                .body("resultCounts.NOT_DONE", equalTo(1))
                .body("resultCounts.DONE_WITH_REMARKS", equalTo(1));
        // "as of" (issue 16 item 3): both controls were due 2025-11-30; the first was carried out 2025-06-19, the
        // second was reported not done (never carried out, so overdue from the day after its due date on)
        for (String[] day : new String[][] {
            {"2025-11-29", "false", "0"},
            {"2025-11-30", "false", "0"},
            {"2025-12-01", "true", "1"},
            {"2030-01-01", "true", "1"}
        }) {
            given().header("Authorization", Fixtures.viewer())
                    .queryParam("asOf", day[0])
                    .get(PATH + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("asOf", equalTo(day[0]))
                    .body("items[0].overdue", equalTo(false))
                    .body("items[1].overdue", equalTo(Boolean.parseBoolean(day[1])))
                    .body("overdueControls", equalTo(Integer.parseInt(day[2])));
        }
        given().header("Authorization", Fixtures.viewer())
                .queryParam("asOf", "2025-12-01")
                .queryParam("orgUnitId", org.board().toString())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items[0].overdueControls", equalTo(1));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("asOf", "2025-02-30")
                .get(PATH + "/" + id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("asof", "2025-12-01")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asof"));
        // the board reads it; reporters and BI do not
        given().header("Authorization", Fixtures.viewer())
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("reportedTo", equalTo("Socialnämnden, årsbokslut 2025"));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("year", 2025)
                .queryParam("orgUnitId", org.board().toString())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().header("Authorization", Fixtures.anna())
                .get(PATH + "/" + id)
                .then()
                .statusCode(403);
        given().header("Authorization", Fixtures.manager(org.board()))
                .contentType(ContentType.JSON)
                .body("{\"orgUnitId\":\"" + org.board() + "\",\"year\":2026,\"title\":\"x\"}")
                .post(PATH)
                .then()
                .statusCode(403);
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body(ITEM.replace("\"likelihood\":3", "\"likelihood\":7"))
                .post(PATH + "/" + id + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("likelihood"));
    }

    @Test
    void theSchedulerPublishesAnOverdueControlOfAnAdoptedPlanOnceThroughTheOutbox() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        LocalDate due = today.plusDays(2);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"orgUnitId\":\"" + org.a1() + "\",\"year\":" + today.getYear()
                        + ",\"title\":\"Internkontrollplan\"}")
                .post(PATH);
        created.then().statusCode(201);
        String id = created.path("id");
        String item = ITEM.replace("2025-11-30", due.toString());
        Response one = given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body(item)
                .post(PATH + "/" + id + "/items");
        Response two = given().header("Authorization", karin())
                .header("If-Match", one.header("ETag"))
                .contentType(ContentType.JSON)
                .body(item.replace("Utredningstiden", "Genomförandeplanerna"))
                .post(PATH + "/" + id + "/items");
        two.then().statusCode(201);
        String late = two.path("items[0].id");
        String done = two.path("items[1].id");
        Response adopted = given().header("Authorization", karin())
                .header("If-Match", two.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"adoptedBy\":\"Socialnämnden § 3\"}")
                .post(PATH + "/" + id + "/adopt");
        adopted.then().statusCode(200);
        // the second control is carried out before its due date: never overdue
        given().header("Authorization", karin())
                .header("If-Match", adopted.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"resultStatus\":\"DONE_NO_REMARKS\",\"result\":\"Inga brister\",\"deviationsFound\":0}")
                .post(PATH + "/" + id + "/items/" + done + "/result")
                .then()
                .statusCode(200);
        job.run();
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM internal_control_item WHERE plan_id = '" + id + "' AND overdue_notified"))
                .as("not due yet")
                .isZero();
        clock.advance(Duration.ofDays(4));
        OverdueJob.Result r = job.run();
        assertThat(r.ran()).isTrue();
        assertThat(r.internalControlsOverdue()).isGreaterThanOrEqualTo(1);
        assertThat(job.run().internalControlsOverdue()).as("once").isZero();
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records = topic.await(
                    rec -> rec.key().equals(id)
                            && EventCodec.fromKafka(rec.headers(), rec.value())
                                    .type()
                                    .equals(InternalControlOverdueV1.TYPE),
                    2,
                    Duration.ofSeconds(5));
            assertThat(records).hasSize(1);
            InternalControlOverdueV1 e =
                    EventCodec.data(EventContract.assertValid(records.get(0)), InternalControlOverdueV1.class);
            assertThat(e)
                    .isEqualTo(new InternalControlOverdueV1(
                            UUID.fromString(id), UUID.fromString(late), org.a1(), today.getYear(), due));
            // ids, a year and a date: nothing of the plan's text, the risk, the control or the responsible role
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                    .doesNotContain("Utredningstiden")
                    .doesNotContain("Enhetschef")
                    .doesNotContain("Internkontrollplan");
        }
    }
}
