package se.kvalitet.deviation.complaint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static se.kvalitet.deviation.investigation.InvestigationTest.entry;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;
import static se.kvalitet.deviation.investigation.InvestigationTest.trackPath;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Personal data breach (IMY 72 h, late reason, supplements, data subjects) and complaint tracks, end to end through REST. */
@QuarkusTest
class BreachAndComplaintTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();

    String file(String summary) {
        return given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"%s","description":"Beskrivning av händelsen.","occurredAt":"2026-09-14T08:00:00Z","orgUnitId":"%s"}""".formatted(summary, HEMTJANST))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String triage(String id, String categories, String reason) {
        String etag = etag(karin, PATH + "/" + id);
        post(
                        karin,
                        PATH + "/" + id + "/triage",
                        etag,
                        "{\"categories\":" + categories + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                                + "}")
                .then()
                .statusCode(200);
        return etag;
    }

    String track(String id, String category) {
        List<String> ids = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("tracks.findAll { it.category == '" + category + "' && it.state != 'RECLASSIFIED' }.id");
        return ids.get(0);
    }

    @Test
    void aHighRiskBreachIsNotifiedToImyLateWithAReasonSupplementedAndToldToTheDataSubjects() {
        String id = file("Journalutdrag skickat till fel mottagare");
        triage(id, "[\"PERSONAL_DATA_BREACH\"]", null);
        String path = trackPath(id, track(id, "PERSONAL_DATA_BREACH"));
        Instant created = Instant.parse(given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("createdAt"));
        // awareness defaults to the report's arrival; IMY is due 72 h later
        given().header("Authorization", karin)
                .get(path)
                .then()
                .statusCode(200)
                .body("state", equalTo("INVESTIGATING"))
                .body("breach.awareAt", notNullValue())
                .body(
                        "notificationDueAt",
                        equalTo(created.plus(Duration.ofHours(72)).toString()))
                .body("deadlines.kind", hasItem("IMY_NOTIFICATION"));

        // bad input stops at validation and changes nothing
        post(karin, path + "/breach", etag(karin, path), "{\"dataCategories\":[\"SHOE_SIZE\"]}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dataCategories[0]"));
        post(karin, path + "/breach", etag(karin, path), "{\"affectedCount\":-1}")
                .then()
                .statusCode(400);
        post(karin, path + "/breach", etag(karin, path), "{\"affectedCount\":\"many\"}")
                .then()
                .statusCode(400);
        post(karin, path + "/breach", "\"9999\"", "{\"affectedCount\":3}")
                .then()
                .statusCode(412);
        post(
                        karin,
                        path + "/breach",
                        etag(karin, path),
                        "{\"awareAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("awareAt"));
        // nor before the breach occurred (2026-09-14T08:00Z)
        post(karin, path + "/breach", etag(karin, path), "{\"awareAt\":\"2026-09-14T07:59:59Z\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("awareAt"));
        post(reporter, path + "/breach", etag(karin, path), "{\"affectedCount\":3}")
                .then()
                .statusCode(403);

        // the unit learned of it four days ago: the 72 h have passed
        Instant aware = Instant.now().minus(Duration.ofHours(96)).truncatedTo(ChronoUnit.SECONDS);
        post(karin, path + "/breach", etag(karin, path), """
                {"awareAt":"%s","affectedCount":3,"dataCategories":["HEALTH","IDENTITY","HEALTH"]}""".formatted(aware))
                .then()
                .statusCode(200)
                .body("breach.awareAt", equalTo(aware.toString()))
                .body(
                        "breach.imyNotificationDueAt",
                        equalTo(aware.plus(Duration.ofHours(72)).toString()))
                .body("breach.dataCategories", containsInAnyOrder("HEALTH", "IDENTITY"))
                .body(
                        "deadlines.findAll { it.kind == 'IMY_NOTIFICATION' }.state",
                        containsInAnyOrder("CANCELLED", "OVERDUE"));
        post(karin, path + "/assessment", etag(karin, path), "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(422);
        post(karin, path + "/assessment", etag(karin, path), "{\"assessment\":\"HIGH_RISK\"}")
                .then()
                .statusCode(200)
                .body("serious", equalTo(true))
                .body("breach.dataSubjectsNotificationRequired", equalTo(true));

        String notification = """
                {"kind":"%s","sentAt":"%s","authorityReference":"IMY-2026-1234","content":"Anmälan om personuppgiftsincident"%s}""";
        // now, to the millisecond: not after the completion below (which is at the server's now and may not come before
        // the initial notification), and not before the report's own arrival several requests ago
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        post(karin, path + "/notifications", null, notification.formatted("SUPPLEMENT", sent, ""))
                .then()
                .statusCode(409);
        post(karin, path + "/notifications", null, notification.formatted("INITIAL", sent, ""))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("lateReason"));
        post(
                        karin,
                        path + "/notifications",
                        null,
                        notification.formatted(
                                "INITIAL", sent, ",\"lateReason\":\"Incidenten upptäcktes av enheten under en helg.\""))
                .then()
                .statusCode(201)
                .body("authority", equalTo("IMY"))
                .body("onTime", equalTo(false));
        // supplements in phases
        post(karin, path + "/notifications", null, notification.formatted("SUPPLEMENT", sent, ""))
                .then()
                .statusCode(201)
                .body("kind", equalTo("SUPPLEMENT"));
        post(karin, path + "/breach", etag(karin, path), "{\"awareAt\":\"" + aware.minusSeconds(3600) + "\"}")
                .then()
                .statusCode(409);

        entry(karin, path, "WHAT_HAPPENED_AND_CONSEQUENCES", "FACT", "Ett journalutdrag skickades till fel adress.")
                .then()
                .statusCode(201);
        entry(karin, path, "MEASURES_TAKEN", "FACT", "Mottagaren har raderat brevet.")
                .then()
                .statusCode(201);
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Utskicksrutinen ändras.\"}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("dataSubjectsNotifiedAt"));
        post(karin, path + "/breach", etag(karin, path), "{\"dataSubjectsNotifiedAt\":\"" + sent + "\"}")
                .then()
                .statusCode(200);
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Utskicksrutinen ändras.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var envelopes = reader.await(r -> id.equals(r.key()), 6, Duration.ofSeconds(20)).stream()
                    .map(EventContract::assertValid)
                    .toList();
            var notified = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationAuthorityNotifiedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationAuthorityNotifiedV1.class))
                    .toList();
            assertThat(notified).hasSize(2);
            assertThat(notified.get(0).authority()).isEqualTo(Authority.IMY);
            assertThat(notified.get(0).onTime()).isFalse();
            var closed = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationTrackClosedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationTrackClosedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(closed.assessment()).isEqualTo(Assessment.HIGH_RISK);
            assertThat(closed.authorityNotified()).isTrue();
            assertThat(closed.notifiedOnTime()).isFalse();
        }
    }

    @Test
    void aBreachWithoutRiskIsDocumentedAndCompletedWithoutNotifyingImy() {
        String id = file("USB-minne borttappat, krypterat");
        triage(id, "[\"PERSONAL_DATA_BREACH\"]", null);
        String path = trackPath(id, track(id, "PERSONAL_DATA_BREACH"));
        post(karin, path + "/assessment", etag(karin, path), "{\"assessment\":\"NO_RISK\"}")
                .then()
                .statusCode(200)
                .body("notificationDueAt", nullValue())
                .body("deadlines.find { it.kind == 'IMY_NOTIFICATION' }.state", equalTo("NOT_REQUIRED"));
        post(
                        karin,
                        path + "/notifications",
                        null,
                        "{\"kind\":\"INITIAL\",\"sentAt\":\"" + Instant.now() + "\",\"content\":\"x\"}")
                .then()
                .statusCode(409);
        entry(karin, path, "WHAT_HAPPENED_AND_CONSEQUENCES", "FACT", "Minnet var krypterat.")
                .then()
                .statusCode(201);
        entry(karin, path, "MEASURES_TAKEN", "FACT", "Nyckeln byttes.").then().statusCode(201);
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Ingen risk.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"));
    }

    @Test
    void aNamedComplaintIsAcknowledgedAnsweredAndLinkedToTheDeviationItBecame() {
        String id = file("Anhörig klagar på uteblivet besök");
        triage(id, "[\"COMPLAINT\"]", null);
        String path = trackPath(id, track(id, "COMPLAINT"));
        post(karin, path + "/acknowledgement", etag(karin, path), "{\"acknowledgedAt\":\"" + Instant.now() + "\"}")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("complaint-not-registered"));
        String register = """
                {"kind":"COMPLAINT","source":"%s","channel":"%s","anonymous":false,"receivedAt":"%s"}""";
        Instant received = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        post(karin, path + "/complaint", etag(karin, path), register.formatted("NEIGHBOUR", "PHONE", received))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("source"));
        post(
                        karin,
                        path + "/complaint",
                        etag(karin, path),
                        register.formatted("CLIENT_OR_RELATIVE", "PIGEON", received))
                .then()
                .statusCode(400);
        post(karin, path + "/complaint", etag(karin, path), "{\"kind\":\"COMPLAINT\"}")
                .then()
                .statusCode(400);
        post(
                        karin,
                        path + "/complaint",
                        etag(karin, path),
                        register.formatted("CLIENT_OR_RELATIVE", "PHONE", "yesterday"))
                .then()
                .statusCode(400);
        post(
                        TestTokens.user("erik")
                                .roles("unit-manager")
                                .orgUnits(HEMTJANST)
                                .bearer(),
                        path + "/complaint",
                        etag(karin, path),
                        register.formatted("CLIENT_OR_RELATIVE", "PHONE", received))
                .then()
                .statusCode(403);
        post(karin, path + "/complaint", etag(karin, path), register.formatted("CLIENT_OR_RELATIVE", "PHONE", received))
                .then()
                .statusCode(200)
                .body("state", equalTo("RECEIVED"))
                .body("complaint.source", equalTo("CLIENT_OR_RELATIVE"))
                .body("complaint.acknowledgementDueAt", notNullValue())
                .body("complaint.answerDueAt", notNullValue())
                .body("deadlines.kind", hasItems("COMPLAINT_ACKNOWLEDGEMENT", "COMPLAINT_ANSWER"));
        post(
                        karin,
                        path + "/acknowledgement",
                        etag(karin, path),
                        "{\"acknowledgedAt\":\"" + received.minusSeconds(60) + "\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("acknowledgedAt"));
        post(
                        karin,
                        path + "/acknowledgement",
                        etag(karin, path),
                        "{\"acknowledgedAt\":\"" + received.plusSeconds(3600) + "\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("deadlines.find { it.kind == 'COMPLAINT_ACKNOWLEDGEMENT' }.state", equalTo("MET"));
        post(karin, path + "/complaint", etag(karin, path), register.formatted("STAFF", "PHONE", received))
                .then()
                .statusCode(409);
        post(
                        karin,
                        path + "/answer",
                        etag(karin, path),
                        "{\"answeredAt\":\"" + Instant.now() + "\",\"answer\":\"Gäller 19121212-1212\"}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("answer"));
        post(
                        karin,
                        path + "/answer",
                        etag(karin, path),
                        "{\"answeredAt\":\"" + Instant.now() + "\",\"answer\":\"" + "x".repeat(10001) + "\"}")
                .then()
                .statusCode(400);
        Instant answered = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        post(
                        karin,
                        path + "/answer",
                        etag(karin, path),
                        "{\"answeredAt\":\"" + answered + "\",\"answer\":\"Vi beklagar. Planeringen ses över.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("ANSWERED"))
                .body("complaint.answer", equalTo("Vi beklagar. Planeringen ses över."));

        // the complaint showed a deviation: the quality team adds the track, then links the outcome to it
        String outcome =
                "{\"deviationOccurred\":true,\"linkedTrackId\":\"%s\",\"outcome\":\"Besöket uteblev på grund av planeringsmiss.\"}";
        post(karin, path + "/outcome", etag(karin, path), outcome.formatted(UUID.randomUUID()))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("linkedTrackId"));
        triage(id, "[\"COMPLAINT\",\"OTHER_DEVIATION\"]", "Klagomålet visade en avvikelse");
        String other = track(id, "OTHER_DEVIATION");
        post(
                        karin,
                        path + "/outcome",
                        etag(karin, path),
                        outcome.formatted(other).replace("true", "false"))
                .then()
                .statusCode(422);
        // when the outcome was decided (issue 16 item 2): not in the future, not before the answer
        String dated = outcome.replace("}", ",\"completedAt\":\"%s\"}");
        post(
                        karin,
                        path + "/outcome",
                        etag(karin, path),
                        dated.formatted(other, Instant.now().plus(Duration.ofDays(1))))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completedAt"));
        post(karin, path + "/outcome", etag(karin, path), dated.formatted(other, answered.minusSeconds(1)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completedAt"));
        Instant decided = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        post(karin, path + "/outcome", etag(karin, path), dated.formatted(other, decided))
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("complaint.deviationOccurred", equalTo(true))
                .body("complaint.linkedTrackId", equalTo(other));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var closed = reader.await(r -> id.equals(r.key()), 6, Duration.ofSeconds(20)).stream()
                    .map(EventContract::assertValid)
                    .filter(e -> e.type().equals(DeviationTrackClosedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationTrackClosedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(closed.complaintSource()).isEqualTo(ComplaintSource.CLIENT_OR_RELATIVE);
            assertThat(closed.complaintChannel()).isEqualTo(ComplaintChannel.PHONE);
            assertThat(closed.deviationOccurred()).isTrue();
            assertThat(closed.closedAt()).isEqualTo(decided);
        }
    }

    @Test
    void anAnonymousSuggestionGetsNoReplyAndNoClocks() {
        String id = file("Förslag om fler promenader");
        triage(id, "[\"COMPLAINT\"]", null);
        String path = trackPath(id, track(id, "COMPLAINT"));
        post(karin, path + "/complaint", etag(karin, path), """
                {"kind":"SUGGESTION","source":"CLIENT_OR_RELATIVE","channel":"WEB_FORM","anonymous":true,"receivedAt":"%s"}""".formatted(
                                Instant.now().minusSeconds(60)))
                .then()
                .statusCode(200)
                .body("complaint.acknowledgementDueAt", nullValue())
                .body("complaint.answerDueAt", nullValue())
                .body("deadlines.size()", equalTo(0));
        post(karin, path + "/acknowledgement", etag(karin, path), "{\"acknowledgedAt\":\"" + Instant.now() + "\"}")
                .then()
                .statusCode(409);
        post(
                        karin,
                        path + "/answer",
                        etag(karin, path),
                        "{\"answeredAt\":\"" + Instant.now() + "\",\"answer\":\"Tack\"}")
                .then()
                .statusCode(409);
        post(karin, path + "/outcome", etag(karin, path), "{\"outcome\":\"Förslaget tas upp på APT.\"}")
                .then()
                .statusCode(400);
        post(
                        karin,
                        path + "/outcome",
                        etag(karin, path),
                        "{\"deviationOccurred\":false,\"outcome\":\"Förslaget tas upp på APT.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("position", equalTo("Förslaget tas upp på APT."));
        // every track has ended: the report can be closed
        post(
                        karin,
                        PATH + "/" + id + "/close",
                        etag(karin, PATH + "/" + id),
                        "{\"feedbackToReporter\":\"Tack för förslaget.\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
    }
}
