package se.kvalitet.deviation.action;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;
import static se.kvalitet.deviation.investigation.InvestigationTest.trackPath;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.deviation.clock.ClockWatcher;
import se.kvalitet.deviation.report.UnitManagerSubtreeTest;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.RootCause;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Actions with effect checks and overdue; the clock engine's deadlines list, per-unit policies and due-soon/overdue events. */
@QuarkusTest
class ActionsAndDeadlinesTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    /** The test profile gives complaints in this unit a one-second acknowledgement policy. */
    static final UUID FUNKTIONSSTOD_32 = UUID.fromString("00000000-0000-4000-8000-000000000032");

    static final UUID IFO = UUID.fromString("00000000-0000-4000-8000-000000000021");

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();
    final String erikName = "erik-" + UUID.randomUUID();
    final String erik =
            TestTokens.user(erikName).roles("unit-manager").orgUnits(HEMTJANST).bearer();
    final String foreignManager =
            TestTokens.user("ifo-chef").roles("unit-manager").orgUnits(IFO).bearer();

    @Inject
    ClockWatcher watcher;

    String fileAndTriage(UUID unit, String category) {
        String id = given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Läkemedel gavs vid fel tid","description":"Kvällsdosen gavs två timmar sent.",
                         "occurredAt":"2026-09-14T18:00:00Z","orgUnitId":"%s"}""".formatted(unit))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(
                        karin,
                        PATH + "/" + id + "/triage",
                        etag(karin, PATH + "/" + id),
                        "{\"categories\":[\"" + category + "\"]}")
                .then()
                .statusCode(200);
        return id;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    @Test
    void actionsAreAddedDoneOnTimeOrLateAndCheckedForEffect() {
        String id = fileAndTriage(HEMTJANST, "OTHER_DEVIATION");
        String track = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("tracks[0].id");
        String actions = PATH + "/" + id + "/actions";
        String body = """
                {"title":"Signeringslistan ses över","owner":"%s","dueDate":"%s","trackId":"%s",
                 "rootCauses":["DEFICIENT_ROUTINE","COMPETENCE"],"effectCheckDue":"%s"}""";
        // who may add: the quality team and the unit's manager; not the reporter, not a foreign manager
        post(reporter, actions, null, body.formatted("erik", today().plusDays(10), track, today().plusDays(40)))
                .then()
                .statusCode(403);
        post(foreignManager, actions, null, body.formatted("erik", today().plusDays(10), track, today().plusDays(40)))
                .then()
                .statusCode(404);
        // validation: nothing is stored for a bad request
        long before = DeviationDb.count("SELECT count(*) FROM deviation_action WHERE deviation_id = '" + id + "'");
        post(erik, actions, null, "{}").then().statusCode(400);
        post(erik, actions, null, "{\"title\":").then().statusCode(400);
        post(erik, actions, null, "[1,2]").then().statusCode(400);
        post(
                        erik,
                        actions,
                        null,
                        body.formatted("erik", today().plusDays(10), track, today().plusDays(40))
                                .replace("Signeringslistan ses över", "x".repeat(201)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("title"));
        post(
                        erik,
                        actions,
                        null,
                        body.formatted("erik", today().plusDays(10), track, today().plusDays(40))
                                .replace("Signeringslistan ses över", "x".repeat(1_100_000)))
                .then()
                .statusCode(413);
        post(
                        erik,
                        actions,
                        null,
                        body.formatted("erik", today().plusDays(10), track, today().plusDays(40))
                                .replace("\"rootCauses\"", "\"rootCauses\":\"COMPETENCE\",\"x\""))
                .then()
                .statusCode(400);
        post(erik, actions, null, body.formatted("erik", "2026-13-01", track, today()))
                .then()
                .statusCode(400);
        post(
                        erik,
                        actions,
                        null,
                        body.formatted("erik", today(), track, today()).replace("COMPETENCE", "BAD_LUCK"))
                .then()
                .statusCode(400);
        post(erik, actions, null, body.formatted("erik", today().plusDays(10), UUID.randomUUID(), today().plusDays(40)))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors[0].field", equalTo("trackId"));
        post(erik, actions, null, body.formatted("erik", today().plusDays(10), track, today().plusDays(2)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("effectCheckDue"));
        post(
                        erik,
                        actions,
                        null,
                        body.formatted("erik", today().plusDays(10), track, today().plusDays(40))
                                .replace("Signeringslistan ses över", "Prata med 19121212-1212"))
                .then()
                .statusCode(422);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation_action WHERE deviation_id = '" + id + "'"))
                .isEqualTo(before);

        String onTime = post(
                        erik,
                        actions,
                        null,
                        body.formatted(erikName, today().plusDays(10), track, today().plusDays(40)))
                .then()
                .statusCode(201)
                .body("status", equalTo("PLANNED"))
                .body("overdue", equalTo(false))
                .body("createdBy", equalTo(erikName))
                .body("orgUnitId", equalTo(HEMTJANST.toString()))
                .extract()
                .path("id");
        // an action whose due date has passed is overdue
        String late = post(
                        karin,
                        actions,
                        null,
                        body.formatted("karin", today().minusDays(3), track, today().plusDays(40)))
                .then()
                .statusCode(201)
                .body("overdue", equalTo(true))
                .extract()
                .path("id");
        given().header("Authorization", erik)
                .get("/deviation/v1/actions?overdue=true&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(late))
                .body("items.id", not(hasItem(onTime)))
                .body("items.overdue", everyItem(equalTo(true)));
        given().header("Authorization", foreignManager)
                .get("/deviation/v1/actions?overdue=true&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(late)));
        given().header("Authorization", erik)
                .get("/deviation/v1/actions?owner=mine")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(onTime)));
        given().header("Authorization", erik)
                .get("/deviation/v1/actions?overdue=maybe")
                .then()
                .statusCode(400);
        given().header("Authorization", erik)
                .get("/deviation/v1/actions?status=SLEEPING")
                .then()
                .statusCode(400);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .get("/deviation/v1/actions")
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .get(actions)
                .then()
                .statusCode(200)
                .body("size()", equalTo(2));
        // keyset pages (issue 20), in both orders: one action a page by nextCursor is the offset pages' order
        for (String order : new String[] {"", "&updatedSince=2026-01-01T00:00:00Z"}) {
            String list = "/deviation/v1/actions?deviationId=" + id + order;
            List<String> byOffset = given().header("Authorization", erik)
                    .get(list)
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(2))
                    .body("totalExact", equalTo(true))
                    .extract()
                    .path("items.id");
            String next = given().header("Authorization", erik)
                    .get(list + "&limit=1")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(byOffset.subList(0, 1)))
                    .extract()
                    .path("nextCursor");
            given().header("Authorization", erik)
                    .get(list + "&limit=1&cursor=" + next)
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(byOffset.subList(1, 2)))
                    .body("nextCursor", equalTo(null));
            given().header("Authorization", erik)
                    .get(list + "&limit=1&page=2")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(byOffset.subList(1, 2)));
            given().header("Authorization", erik)
                    .get(list + "&limit=1&page=2&cursor=" + next)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("page"));
            // a cursor of the other order is refused
            String other = order.isEmpty() ? "&updatedSince=2026-01-01T00:00:00Z" : "";
            given().header("Authorization", erik)
                    .get("/deviation/v1/actions?deviationId=" + id + other + "&cursor=" + next)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("cursor"));
        }
        given().header("Authorization", erik)
                .get("/deviation/v1/actions?page=21&limit=500")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));

        String onTimePath = actions + "/" + onTime;
        post(
                        erik,
                        onTimePath + "/effect-check",
                        etag(erik, onTimePath),
                        "{\"checkedOn\":\"" + today() + "\",\"effective\":true}")
                .then()
                .statusCode(409);
        post(erik, onTimePath + "/progress", "\"99\"", "{\"status\":\"IN_PROGRESS\"}")
                .then()
                .statusCode(412);
        post(erik, onTimePath + "/progress", null, "{\"status\":\"IN_PROGRESS\"}")
                .then()
                .statusCode(428);
        post(erik, onTimePath + "/progress", etag(erik, onTimePath), "{\"status\":\"IN_PROGRESS\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        post(erik, onTimePath + "/progress", etag(erik, onTimePath), "{\"status\":\"PLANNED\"}")
                .then()
                .statusCode(409);
        post(erik, onTimePath + "/progress", etag(erik, onTimePath), "{\"status\":\"DONE\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("doneDate"));
        post(
                        erik,
                        onTimePath + "/progress",
                        etag(erik, onTimePath),
                        "{\"status\":\"DONE\",\"doneDate\":\"" + today().plusDays(1) + "\"}")
                .then()
                .statusCode(400);
        // done as it happened, but not before the deviation occurred (2026-09-14)
        post(
                        erik,
                        onTimePath + "/progress",
                        etag(erik, onTimePath),
                        "{\"status\":\"DONE\",\"doneDate\":\"2026-09-13\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("doneDate"));
        post(
                        erik,
                        onTimePath + "/progress",
                        etag(erik, onTimePath),
                        "{\"status\":\"DONE\",\"doneDate\":\"" + today() + "\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("doneDate", equalTo(today().toString()));
        post(erik, onTimePath + "/progress", etag(erik, onTimePath), "{\"status\":\"CANCELLED\",\"reason\":\"x\"}")
                .then()
                .statusCode(409);
        post(
                        erik,
                        onTimePath + "/effect-check",
                        etag(erik, onTimePath),
                        "{\"checkedOn\":\"" + today().minusDays(1) + "\",\"effective\":true}")
                .then()
                .statusCode(400);
        post(
                        erik,
                        onTimePath + "/effect-check",
                        etag(erik, onTimePath),
                        "{\"checkedOn\":\"" + today() + "\",\"effective\":true,\"comment\":\"Inga fler sena doser.\"}")
                .then()
                .statusCode(200)
                .body("effective", equalTo(true))
                .body("effectCheckedBy", equalTo(erikName));
        post(
                        erik,
                        onTimePath + "/effect-check",
                        etag(erik, onTimePath),
                        "{\"checkedOn\":\"" + today() + "\",\"effective\":false}")
                .then()
                .statusCode(409);

        String latePath = actions + "/" + late;
        post(
                        karin,
                        latePath + "/progress",
                        etag(karin, latePath),
                        "{\"status\":\"DONE\",\"doneDate\":\"" + today() + "\"}")
                .then()
                .statusCode(200)
                .body("overdue", equalTo(false));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var envelopes = reader.await(r -> id.equals(r.key()), 7, Duration.ofSeconds(20)).stream()
                    .map(EventContract::assertValid)
                    .toList();
            var added = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationActionAddedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationActionAddedV1.class))
                    .toList();
            assertThat(added).hasSize(2);
            assertThat(added.get(0).rootCauses()).containsExactly(RootCause.DEFICIENT_ROUTINE, RootCause.COMPETENCE);
            var done = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationActionDoneV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationActionDoneV1.class))
                    .toList();
            assertThat(done).extracting(DeviationActionDoneV1::onTime).containsExactly(true, false);
            assertThat(done.get(1).daysLate()).isEqualTo(3);
            var checked = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationActionEffectCheckedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationActionEffectCheckedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(checked.effective()).isTrue();
            envelopes.forEach(e -> assertThat(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("Signeringslistan")
                    .doesNotContain("sena doser"));
        }
    }

    @Test
    void aClockPublishesOneDueSoonAndOneOverdueEventAndTheDeadlinesListIsScoped() {
        // complaints in unit 32 must be acknowledged within one second (a per-unit policy of the test profile)
        String id = fileAndTriage(FUNKTIONSSTOD_32, "COMPLAINT");
        String track = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("tracks[0].id");
        String path = trackPath(id, track);
        post(karin, path + "/complaint", etag(karin, path), """
                {"kind":"COMPLAINT","source":"CLIENT_OR_RELATIVE","channel":"EMAIL","anonymous":false,"receivedAt":"%s"}""".formatted(
                                Instant.now().minusSeconds(5)))
                .then()
                .statusCode(200)
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.policy", equalTo("PT1S"))
                .body("deadlines.find { it.kind == 'COMPLAINT_ANSWER' }.policy", equalTo("20wd"));
        String clockId = given().header("Authorization", karin)
                .get(path)
                .then()
                .extract()
                .path("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.id");

        assertThat(watcher.scan()).isGreaterThanOrEqualTo(2);
        watcher.scan(); // a second scan publishes nothing more for this clock

        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=overdue&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(clockId))
                .body("total", greaterThanOrEqualTo(1))
                .body("items.state", everyItem(equalTo("OVERDUE")));
        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=overdue&kind=IMY_NOTIFICATION&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(clockId)));
        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=due-soon&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(clockId)));
        given().header("Authorization", erik)
                .get("/deviation/v1/deadlines?state=overdue&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(clockId)));
        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=late")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("state"));
        given().header("Authorization", reporter)
                .get("/deviation/v1/deadlines")
                .then()
                .statusCode(403);
        given().header("Authorization", karin)
                .get(PATH + "?overdue=true&limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var envelopes = reader.await(r -> id.equals(r.key()), 5, Duration.ofSeconds(10)).stream()
                    .map(EventContract::assertValid)
                    .toList();
            var dueSoon = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationDeadlineDueSoonV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationDeadlineDueSoonV1.class))
                    .filter(e -> e.clockId().toString().equals(clockId))
                    .toList();
            var overdue = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationDeadlineOverdueV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationDeadlineOverdueV1.class))
                    .filter(e -> e.clockId().toString().equals(clockId))
                    .toList();
            assertThat(dueSoon).hasSize(1);
            assertThat(overdue).hasSize(1);
            assertThat(overdue.get(0).clockKind()).isEqualTo(ClockKind.COMPLAINT_ACKNOWLEDGEMENT);
            assertThat(overdue.get(0).orgUnitId()).isEqualTo(FUNKTIONSSTOD_32);
        }
        // acknowledging late stops the clock: it leaves the overdue list and shows as met late
        post(karin, path + "/acknowledgement", etag(karin, path), "{\"acknowledgedAt\":\"" + Instant.now() + "\"}")
                .then()
                .statusCode(200)
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.state", equalTo("MET_LATE"));
        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=overdue&limit=100")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(clockId)));

        // "as of" an instant (issue 16 item 3), on both sides of the start, the due instant and the stop
        var clock = given().header("Authorization", karin)
                .get(path)
                .then()
                .extract()
                .jsonPath();
        String find = "deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.";
        Instant started = Instant.parse(clock.getString(find + "startedAt"));
        Instant due = Instant.parse(clock.getString(find + "dueAt"));
        Instant stopped = Instant.parse(clock.getString(find + "stoppedAt"));
        assertThat(stopped).isAfter(due);
        Object[][] sides = {
            {started.minusMillis(1), "NOT_STARTED", false, false},
            {started, null, true, false},
            {due.minusMillis(1), null, true, false},
            {due, "OVERDUE", true, true},
            {stopped.minusMillis(1), "OVERDUE", true, true},
            {stopped, "MET_LATE", false, false}
        };
        for (Object[] side : sides) {
            String at = side[0].toString();
            List<String> running = given().header("Authorization", karin)
                    .queryParam("asOf", at)
                    .queryParam("kind", "COMPLAINT_ACKNOWLEDGEMENT")
                    .queryParam("limit", 500)
                    .get("/deviation/v1/deadlines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            List<String> overdue = given().header("Authorization", karin)
                    .queryParam("asOf", at)
                    .queryParam("state", "overdue")
                    .queryParam("kind", "COMPLAINT_ACKNOWLEDGEMENT")
                    .queryParam("limit", 500)
                    .get("/deviation/v1/deadlines")
                    .then()
                    .statusCode(200)
                    .body("items.state", everyItem(equalTo("OVERDUE")))
                    .extract()
                    .path("items.id");
            assertThat(running.contains(clockId)).as("running at %s", at).isEqualTo(side[2]);
            assertThat(overdue.contains(clockId)).as("overdue at %s", at).isEqualTo(side[3]);
            String state = given().header("Authorization", karin)
                    .queryParam("asOf", at)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path(find + "state");
            if (side[1] == null) {
                assertThat(state).as("at %s", at).isIn("OPEN", "DUE_SOON");
            } else {
                assertThat(state).as("at %s", at).isEqualTo(side[1]);
            }
        }
        // an instant, not a day: these deadlines are to the minute
        given().header("Authorization", karin)
                .queryParam("asOf", "2026-03-01")
                .get("/deviation/v1/deadlines")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().header("Authorization", karin)
                .queryParam("asOf", "2026-03-01T25:00:00Z")
                .get(path)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    /**
     * Issue 16 item 3: the actions' overdue (flag and filter) and the reports' overdue filter answer for an instant
     * ({@code asOf}), from the action's due clock: on both sides of its start, its due instant and its stop.
     */
    @Test
    void overdueAnswersAsOfAnInstantOnBothSidesOfTheDueInstant() {
        String id = fileAndTriage(HEMTJANST, "OTHER_DEVIATION");
        LocalDate dueDate = today().plusDays(2);
        var created = post(
                        karin,
                        PATH + "/" + id + "/actions",
                        null,
                        "{\"title\":\"Rutinen ses över\",\"owner\":\"karin\",\"dueDate\":\"" + dueDate + "\"}")
                .then()
                .statusCode(201)
                .body("overdue", equalTo(false))
                .extract()
                .jsonPath();
        String action = created.getString("id");
        Instant started = Instant.parse(created.getString("createdAt"));
        // an action runs to the end of its due date (Swedish time)
        Instant due =
                dueDate.plusDays(1).atStartOfDay(ZoneId.of("Europe/Stockholm")).toInstant();
        Object[][] sides = {
            {started.minusMillis(1), false},
            {started, false},
            {due.minusMillis(1), false},
            {due, true},
            {due.plusMillis(1), true}
        };
        for (Object[] side : sides) {
            assertOverdueAt(id, action, (Instant) side[0], (boolean) side[1]);
        }
        // done today: its clock stopped at the start of the done date, so it is not overdue at the due instant
        post(
                        karin,
                        PATH + "/" + id + "/actions/" + action + "/progress",
                        etag(karin, PATH + "/" + id + "/actions/" + action),
                        "{\"status\":\"DONE\",\"doneDate\":\"" + today() + "\"}")
                .then()
                .statusCode(200);
        assertOverdueAt(id, action, due, false);
        // an instant, not a day (as /deadlines?asOf); on the report list only with overdue, which it answers for
        for (String query : new String[] {
            "/deviation/v1/actions?asOf=2026-03-01",
            "/deviation/v1/actions?overdue=true&asOf=2026-03-01T25:00:00Z",
            PATH + "/" + id + "/actions?asOf=2026-03-01",
            PATH + "/" + id + "/actions/" + action + "?asOf=2026-03-01",
            PATH + "/" + id + "/actions/" + action + "?asOf=2026-03-01T25:00:00Z",
            PATH + "?overdue=true&asOf=2026-03-01",
            PATH + "?asOf=2026-03-01T12:00:00Z"
        }) {
            given().header("Authorization", karin)
                    .get(query)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("asOf"));
        }
    }

    private void assertOverdueAt(String id, String action, Instant at, boolean overdue) {
        String when = at.toString();
        given().header("Authorization", karin)
                .queryParam("deviationId", id)
                .queryParam("asOf", when)
                .get("/deviation/v1/actions")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + action + "' }.overdue", equalTo(overdue));
        given().header("Authorization", karin)
                .queryParam("asOf", when)
                .get(PATH + "/" + id + "/actions")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + action + "' }.overdue", equalTo(overdue));
        // the one action's read answers for the same instant (its ETag as without asOf)
        given().header("Authorization", karin)
                .queryParam("asOf", when)
                .get(PATH + "/" + id + "/actions/" + action)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(etag(karin, PATH + "/" + id + "/actions/" + action)))
                .body("id", equalTo(action))
                .body("overdue", equalTo(overdue));
        for (boolean filter : new boolean[] {true, false}) {
            List<String> actions = given().header("Authorization", karin)
                    .queryParam("deviationId", id)
                    .queryParam("overdue", filter)
                    .queryParam("asOf", when)
                    .get("/deviation/v1/actions")
                    .then()
                    .statusCode(200)
                    .body("items.overdue", everyItem(equalTo(filter)))
                    .extract()
                    .path("items.id");
            assertThat(actions.contains(action))
                    .as("actions overdue=%s at %s", filter, when)
                    .isEqualTo(filter == overdue);
            // the report's other running clock (its investigation, 30 days) is due later: only the action counts
            List<String> reports = given().header("Authorization", karin)
                    .queryParam("overdue", filter)
                    .queryParam("asOf", when)
                    .queryParam("orgUnit", HEMTJANST)
                    .queryParam("limit", 100)
                    .get(PATH)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertThat(reports.contains(id))
                    .as("reports overdue=%s at %s", filter, when)
                    .isEqualTo(filter == overdue);
        }
    }

    @Test
    void aUnitInheritsThePolicyOfTheNearestUnitAboveItThatHasOne() throws Exception {
        // a new group under unit 32 (which has a one-second acknowledgement policy in the test profile)
        UUID group = UUID.randomUUID();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            UnitManagerSubtreeTest.publish(producer, group, FUNKTIONSSTOD_32, LocalDate.of(2025, 1, 1));
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> DeviationDb.count(
                                "SELECT count(DISTINCT org_unit_id) FROM orgcopy_version WHERE org_unit_id = '" + group
                                        + "'")
                        == 1);
        String id = fileAndTriage(group, "COMPLAINT");
        String track = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("tracks[0].id");
        String path = trackPath(id, track);
        post(karin, path + "/complaint", etag(karin, path), """
                {"kind":"COMPLAINT","source":"STAFF","channel":"LETTER","anonymous":false,"receivedAt":"%s"}""".formatted(
                                Instant.now().minusSeconds(5)))
                .then()
                .statusCode(200)
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.policy", equalTo("PT1S"))
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.state", equalTo("OVERDUE"));
        // a unit elsewhere keeps the default
        String other = fileAndTriage(HEMTJANST, "COMPLAINT");
        String otherPath = trackPath(
                other,
                given().header("Authorization", karin)
                        .get(PATH + "/" + other)
                        .then()
                        .extract()
                        .path("tracks[0].id"));
        post(karin, otherPath + "/complaint", etag(karin, otherPath), """
                {"kind":"COMPLAINT","source":"STAFF","channel":"LETTER","anonymous":false,"receivedAt":"%s"}""".formatted(
                                Instant.now().minusSeconds(5)))
                .then()
                .statusCode(200)
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.policy", equalTo("3wd"));
    }
}
