package se.kvalitet.deviation.investigation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.PersonRef;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Lex Sarah and lex Maria investigations: entries, assessment, frozen IVO notifications, position. */
@QuarkusTest
public class InvestigationTest {

    public static final String PATH = "/deviation/v1/deviations";
    public static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    public static final List<String> LEX_SARAH_SECTIONS = List.of(
            "WHAT_HAPPENED_AND_CONSEQUENCES",
            "WHEN_AND_HOW_NOTICED",
            "CAUSES",
            "HAPPENED_BEFORE",
            "CAN_RECUR",
            "MEASURES_TAKEN",
            "MEASURES_PLANNED");

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();
    final String ingridName = "ingrid-" + UUID.randomUUID();
    final String ingrid = TestTokens.user(ingridName).roles("investigator").bearer();
    final String maria = TestTokens.user("maria-" + UUID.randomUUID())
            .roles("medically-responsible")
            .bearer();

    String fileAndTriage(String category) {
        String id = given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Brukare lämnades ensam","description":"Dubbelbemanning uteblev vid förflyttning.",
                         "occurredAt":"2026-09-14T08:00:00Z","orgUnitId":"%s"}""".formatted(HEMTJANST))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String etag = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .header("ETag");
        given().header("Authorization", karin)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body("{\"categories\":[\"" + category + "\"]}")
                .when()
                .post(PATH + "/" + id + "/triage")
                .then()
                .statusCode(200);
        return id;
    }

    public static String trackId(String bearer, String id) {
        return given().header("Authorization", bearer)
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("tracks[0].id");
    }

    public static String trackPath(String id, String trackId) {
        return PATH + "/" + id + "/tracks/" + trackId;
    }

    public static String etag(String bearer, String path) {
        return given().header("Authorization", bearer)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    public static Response entry(String bearer, String path, String section, String kind, String text) {
        return given().header("Authorization", bearer)
                .contentType(ContentType.JSON)
                .body("""
                        {"section":"%s","kind":"%s","entryDate":"2026-09-15","source":"Samtal med personal","text":"%s"}""".formatted(section, kind, text))
                .when()
                .post(path + "/entries");
    }

    public static Response post(String bearer, String path, String etag, String json) {
        var req = given().header("Authorization", bearer)
                .contentType(ContentType.JSON)
                .body(json);
        if (etag != null) {
            req = req.header("If-Match", etag);
        }
        return req.when().post(path);
    }

    @Test
    void aSeriousLexSarahCaseIsInvestigatedNotifiedToIvoFrozenAndCompleted() throws Exception {
        String id = fileAndTriage("LEX_SARAH");
        String track = trackId(karin, id);
        String path = trackPath(id, track);

        // an investigator sees nothing until assigned
        given().header("Authorization", ingrid).get(PATH + "/" + id).then().statusCode(404);
        entry(ingrid, path, "CAUSES", "FACT", "x").then().statusCode(404);
        post(karin, path + "/assign", etag(karin, path), "{\"investigator\":\"" + ingridName + "\"}")
                .then()
                .statusCode(200)
                .body("investigator", equalTo(ingridName))
                .body("state", equalTo("INVESTIGATING"));
        String investigationDueAt = given().header("Authorization", karin)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .path("deadlines.find { it.kind == 'LEX_SARAH_INVESTIGATION' }.dueAt");
        // the same person again changes nothing and tells nobody twice (one assigned event below)
        post(karin, path + "/assign", etag(karin, path), "{\"investigator\":\"" + ingridName + "\"}")
                .then()
                .statusCode(200)
                .body("investigator", equalTo(ingridName));
        given().header("Authorization", ingrid).get(PATH + "/" + id).then().statusCode(200);
        given().header("Authorization", ingrid)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        given().header(
                        "Authorization",
                        TestTokens.user("other-investigator")
                                .roles("investigator")
                                .bearer())
                .get(path)
                .then()
                .statusCode(404);
        given().header("Authorization", reporter).get(path).then().statusCode(403);

        // entries: validated, screened, authored from the token
        entry(ingrid, path, "FEELINGS", "FACT", "x").then().statusCode(400).body("errors[0].field", equalTo("section"));
        given().header("Authorization", ingrid)
                .contentType(ContentType.JSON)
                .body("""
                        {"section":"CAUSES","kind":"FACT","entryDate":"%s","source":"s","text":"t"}""".formatted(LocalDate.now().plusDays(3)))
                .when()
                .post(path + "/entries")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("entryDate"));
        entry(ingrid, path, "CAUSES", "FACT", "Brukaren 121212-1212 föll")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("text"));
        for (String section : LEX_SARAH_SECTIONS.subList(0, 6)) {
            entry(ingrid, path, section, "FACT", "Uppgift om " + section)
                    .then()
                    .statusCode(201)
                    .body("author", equalTo(ingridName))
                    .body("kind", equalTo("FACT"));
        }
        post(ingrid, path + "/complete", etag(ingrid, path), "{\"position\":\"Klart\"}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItems("entries.MEASURES_PLANNED", "assessment"));
        entry(ingrid, path, "MEASURES_PLANNED", "ASSESSMENT", "Rutinen för dubbelbemanning ses över.")
                .then()
                .statusCode(201);
        given().header("Authorization", ingrid)
                .get(path)
                .then()
                .statusCode(200)
                .body("missingSections.size()", equalTo(0))
                .body("entries.size()", equalTo(7));

        // assessment rules
        post(ingrid, path + "/assessment", etag(ingrid, path), "{\"assessment\":\"VARDSKADA\",\"serious\":false}")
                .then()
                .statusCode(422);
        post(ingrid, path + "/assessment", etag(ingrid, path), "{\"assessment\":\"MISSFORHALLANDE\"}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("serious"));
        post(
                        ingrid,
                        path + "/assessment",
                        etag(ingrid, path),
                        "{\"assessment\":\"INGET_MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(422);
        post(ingrid, path + "/assessment", "\"0\"", "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(412);
        post(ingrid, path + "/assessment", etag(ingrid, path), "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(200)
                .body("state", equalTo("ASSESSED"))
                .body("notificationDueAt", notNullValue());

        // a serious case is not completed before IVO is notified; the investigator does not file
        post(ingrid, path + "/complete", etag(ingrid, path), "{\"position\":\"Klart\"}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("notifications"));
        String notification = """
                {"kind":"%s","sentAt":"%s","authorityReference":"3.5.1-4711/2026","content":"Anmälan enligt 14 kap. 7 § SoL: %s"}""";
        post(ingrid, path + "/notifications", null, notification.formatted("INITIAL", Instant.now(), "x"))
                .then()
                .statusCode(403);
        post(karin, path + "/notifications", null, notification.formatted("SUPPLEMENT", Instant.now(), "x"))
                .then()
                .statusCode(409);
        Response filed =
                post(karin, path + "/notifications", null, notification.formatted("INITIAL", Instant.now(), "första"));
        filed.then().statusCode(201).body("onTime", equalTo(true)).body("kind", equalTo("INITIAL"));
        String snapshot = filed.path("snapshot");
        assertThat(snapshot)
                .contains("Dubbelbemanning uteblev")
                .contains("Rutinen för dubbelbemanning ses över")
                .contains("första");
        assertThat((String) filed.path("snapshotSha256"))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(snapshot.getBytes(StandardCharsets.UTF_8))));
        post(karin, path + "/notifications", null, notification.formatted("INITIAL", Instant.now(), "igen"))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/already-notified"));
        post(karin, path + "/notifications", null, notification.formatted("SUPPLEMENT", Instant.now(), "komplettering"))
                .then()
                .statusCode(201)
                .body("kind", equalTo("SUPPLEMENT"));
        String notificationId = filed.path("id");
        given().header("Authorization", karin)
                .get(path + "/notifications/" + notificationId)
                .then()
                .statusCode(200)
                .body("snapshot", equalTo(snapshot));
        assertThatThrownBy(() -> DeviationDb.execute(
                        "UPDATE authority_notification SET snapshot = '{}' WHERE id = '" + notificationId + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                        () -> DeviationDb.execute("DELETE FROM investigation_entry WHERE track_id = '" + track + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");

        post(
                        ingrid,
                        path + "/complete",
                        etag(ingrid, path),
                        "{\"position\":\"Ett allvarligt missförhållande har förekommit.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"));
        entry(ingrid, path, "OTHER", "FACT", "sent").then().statusCode(409);
        String caseEtag = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .header("ETag");
        post(karin, PATH + "/" + id + "/close", caseEtag, "{\"feedbackToReporter\":\"Tack. Rutinen ändras.\"}")
                .then()
                .statusCode(200);

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> id.equals(r.key()), 8, Duration.ofSeconds(20));
            var envelopes = records.stream().map(EventContract::assertValid).toList();
            var notified = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationAuthorityNotifiedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationAuthorityNotifiedV1.class))
                    .toList();
            assertThat(notified).hasSize(2);
            assertThat(notified.get(0).onTime()).isTrue();
            var completed = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationInvestigationCompletedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationInvestigationCompletedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(completed.assessment()).isEqualTo(Assessment.MISSFORHALLANDE);
            assertThat(completed.serious()).isTrue();
            var closed = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationTrackClosedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationTrackClosedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(closed.closure()).isEqualTo(DeviationTrackClosedV1.Closure.COMPLETED);
            assertThat(closed.authorityNotified()).isTrue();
            assertThat(closed.notifiedOnTime()).isTrue();
            // the assignment, once, through the outbox: the investigator by a keyed pseudonym only (report-service
            // recognises the person who saved notification preferences under that username), due by the
            // investigation clock
            var assigned = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationInvestigatorAssignedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationInvestigatorAssignedV1.class))
                    .toList();
            assertThat(assigned).hasSize(1);
            String key = ConfigProvider.getConfig().getValue("kvalitet.person-ref.key", String.class);
            assertThat(assigned.get(0).investigatorRef())
                    .isEqualTo(PersonRef.withKey(key).of(ingridName))
                    .doesNotContain(ingridName);
            assertThat(assigned.get(0).trackId()).hasToString(track);
            assertThat(assigned.get(0).trackType()).isEqualTo(DeviationCategory.LEX_SARAH);
            assertThat(assigned.get(0).orgUnitId()).isEqualTo(HEMTJANST);
            assertThat(assigned.get(0).dueAt()).isEqualTo(Instant.parse(investigationDueAt));
            for (ConsumerRecord<String, byte[]> r : records) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .doesNotContain("Dubbelbemanning")
                        .doesNotContain(
                                "3.5.1-4711/2026"); // the authority's reference, whole: "4711" alone turns up in
                // timestamps
            }
        }
    }

    @Test
    void lexMariaIsAssessedAndNotifiedByTheMasOnlyAndALateNotificationNeedsAReason() {
        String id = fileAndTriage("LEX_MARIA");
        given().header("Authorization", maria)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        String track = trackId(maria, id);
        String path = trackPath(id, track);
        post(karin, path + "/assessment", etag(karin, path), "{\"assessment\":\"ALLVARLIG_VARDSKADA\"}")
                .then()
                .statusCode(403);
        post(maria, path + "/assessment", etag(maria, path), "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true}")
                .then()
                .statusCode(422);
        post(
                        maria,
                        path + "/assessment",
                        etag(maria, path),
                        "{\"assessment\":\"ALLVARLIG_VARDSKADA\",\"serious\":false}")
                .then()
                .statusCode(422);
        post(maria, path + "/assessment", etag(maria, path), "{\"assessment\":\"ALLVARLIG_VARDSKADA\"}")
                .then()
                .statusCode(200)
                .body("serious", equalTo(true));
        String body = """
                {"kind":"INITIAL","sentAt":"%s","content":"Lex Maria-anmälan"%s}""";
        Instant sent = Instant.now().plusSeconds(60); // the test policy gives the MAS one second
        post(karin, path + "/notifications", null, body.formatted(sent, ""))
                .then()
                .statusCode(403);
        post(maria, path + "/notifications", null, body.formatted(sent, ""))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("lateReason"));
        post(
                        maria,
                        path + "/notifications",
                        null,
                        body.formatted(sent, ",\"lateReason\":\"Journalen behövde granskas först.\""))
                .then()
                .statusCode(201)
                .body("onTime", equalTo(false))
                .body("lateReason", notNullValue());
        post(maria, path + "/complete", etag(maria, path), "{\"position\":\"p\"}")
                .then()
                .statusCode(422)
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "entries.CAUSES",
                                "entries.MEASURES_PLANNED",
                                "entries.MEASURES_TAKEN",
                                "entries.WHAT_HAPPENED_AND_CONSEQUENCES"));
    }

    @Test
    void otherDeviationsHaveNoAssessmentAndCompleteWithTheirAnalysis() {
        String id = fileAndTriage("OTHER_DEVIATION");
        String path = trackPath(id, trackId(karin, id));
        post(karin, path + "/assessment", etag(karin, path), "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":false}")
                .then()
                .statusCode(422);
        post(
                        karin,
                        path + "/notifications",
                        null,
                        "{\"kind\":\"INITIAL\",\"sentAt\":\"" + Instant.now() + "\",\"content\":\"x\"}")
                .then()
                .statusCode(422);
        entry(karin, path, "WHAT_HAPPENED_AND_CONSEQUENCES", "FACT", "Beslutet expedierades en vecka sent.")
                .then()
                .statusCode(201);
        entry(karin, path, "CAUSES", "ASSESSMENT", "Rutinen för expediering var okänd för nyanställda.")
                .then()
                .statusCode(201);
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Introduktionen kompletteras.\"}")
                .then()
                .statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("position", equalTo("Introduktionen kompletteras."));
        given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("tracks[0].state", equalTo("COMPLETED"))
                .body("status", not(equalTo("CLOSED")));
        // the reporter follows the stage; the tracks are case work, not the filer's view
        given().header("Authorization", reporter)
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("tracks", nullValue());
    }
}
