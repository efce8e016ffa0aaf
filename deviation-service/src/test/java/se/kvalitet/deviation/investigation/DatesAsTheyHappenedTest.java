package se.kvalitet.deviation.investigation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static se.kvalitet.deviation.investigation.InvestigationTest.LEX_SARAH_SECTIONS;
import static se.kvalitet.deviation.investigation.InvestigationTest.PATH;
import static se.kvalitet.deviation.investigation.InvestigationTest.entry;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;
import static se.kvalitet.deviation.investigation.InvestigationTest.trackId;
import static se.kvalitet.deviation.investigation.InvestigationTest.trackPath;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/**
 * Dates as they happened in the live API (issue 16 item 2): triage, assessment, IVO notification, position and
 * closing each take when they happened; the IVO clock runs from the assessment's date, so on-time/late and the
 * events follow the real dates, not the time of the API call. Each date is refused in the future (beyond the
 * clock skew) and before the deviation occurred, and each step not before what it rests on.
 */
@QuarkusTest
class DatesAsTheyHappenedTest {

    static final UUID HEMTJANST = InvestigationTest.HEMTJANST;
    static final String OCCURRED = "2025-03-01T08:00:00Z";

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();

    String file() {
        return given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Brukare lämnades ensam","description":"Dubbelbemanning uteblev vid förflyttning.",
                         "occurredAt":"%s","orgUnitId":"%s"}""".formatted(OCCURRED, HEMTJANST))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String future() {
        return Instant.now().plus(Duration.ofMinutes(10)).toString();
    }

    /** A lex Sarah case of March 2025, triaged and investigated then, posted now. */
    String investigatedLexSarah() {
        String id = file();
        String casePath = PATH + "/" + id;
        String triage = "{\"categories\":[\"LEX_SARAH\"],\"decidedAt\":\"%s\"}";
        post(karin, casePath + "/triage", etag(karin, casePath), triage.formatted("2025-02-28T23:59:59Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("decidedAt"));
        post(karin, casePath + "/triage", etag(karin, casePath), triage.formatted(future()))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("decidedAt"));
        post(karin, casePath + "/triage", etag(karin, casePath), triage.formatted("2025-03-03T09:00:00Z"))
                .then()
                .statusCode(200);
        String path = trackPath(id, trackId(karin, id));
        given().header("Authorization", karin)
                .get(path)
                .then()
                .statusCode(200)
                .body("openedAt", equalTo("2025-03-03T09:00:00Z"));
        for (String section : LEX_SARAH_SECTIONS) {
            entry(karin, path, section, "FACT", "Uppgift om " + section).then().statusCode(201);
        }
        return id;
    }

    @Test
    void aLexSarahCaseOfLastYearRunsItsIvoClockFromTheRealAssessmentAndIsOnTime() {
        String id = investigatedLexSarah();
        String casePath = PATH + "/" + id;
        String path = trackPath(id, trackId(karin, id));

        String assess = "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true,\"assessedAt\":\"%s\"}";
        post(karin, path + "/assessment", etag(karin, path), assess.formatted(future()))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("assessedAt"));
        post(karin, path + "/assessment", etag(karin, path), assess.formatted("2025-02-27T10:00:00Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("assessedAt"));
        post(karin, path + "/assessment", etag(karin, path), assess.formatted("2025-03-05T10:00:00Z"))
                .then()
                .statusCode(200)
                .body("assessedAt", equalTo("2025-03-05T10:00:00Z"))
                // lex Sarah: IVO snarast, 7 days from the serious assessment
                .body("notificationDueAt", startsWith("2025-03-12"));

        String notify = """
                {"kind":"INITIAL","sentAt":"%s","authorityReference":"3.5.1-9931/2025","content":"Anmälan enligt 14 kap. 7 § SoL"}""";
        post(karin, path + "/notifications", null, notify.formatted("2025-02-28T12:00:00Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sentAt"));
        post(karin, path + "/notifications", null, notify.formatted(future()))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sentAt"));
        // sent a year before this service received the report: allowed back to when the deviation occurred
        post(karin, path + "/notifications", null, notify.formatted("2025-03-10T13:00:00Z"))
                .then()
                .statusCode(201)
                .body("sentAt", equalTo("2025-03-10T13:00:00Z"))
                .body("onTime", equalTo(true));

        String complete = "{\"position\":\"Ställningstagande: rutinen ändras.\",\"completedAt\":\"%s\"}";
        post(karin, path + "/complete", etag(karin, path), complete.formatted("2025-03-09T12:00:00Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completedAt")); // before the notification it rests on
        post(karin, path + "/complete", etag(karin, path), complete.formatted(future()))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completedAt"));
        post(karin, path + "/complete", etag(karin, path), complete.formatted("2025-03-20T12:00:00Z"))
                .then()
                .statusCode(200)
                .body("closedAt", equalTo("2025-03-20T12:00:00Z"));

        String close = "{\"feedbackToReporter\":\"Tack. Rutinen ändras.\",\"closedAt\":\"%s\"}";
        post(karin, casePath + "/close", etag(karin, casePath), close.formatted("2025-03-19T12:00:00Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("closedAt")); // before its track ended
        post(karin, casePath + "/close", etag(karin, casePath), close.formatted(future()))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("closedAt"));
        post(karin, casePath + "/close", etag(karin, casePath), close.formatted("2025-03-25T15:00:00Z"))
                .then()
                .statusCode(200)
                .body("closedAt", equalTo("2025-03-25T15:00:00Z"));

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> id.equals(r.key()), 6, Duration.ofSeconds(20));
            var envelopes = records.stream().map(EventContract::assertValid).toList();
            var triaged = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationTriagedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationTriagedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(triaged.triagedAt()).isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
            var notified = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationAuthorityNotifiedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationAuthorityNotifiedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(notified.clockStartedAt()).isEqualTo(Instant.parse("2025-03-05T10:00:00Z"));
            assertThat(notified.sentAt()).isEqualTo(Instant.parse("2025-03-10T13:00:00Z"));
            assertThat(notified.onTime()).isTrue();
            var trackClosed = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationTrackClosedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationTrackClosedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(trackClosed.closedOn()).isEqualTo(LocalDate.of(2025, 3, 20));
            assertThat(trackClosed.notifiedOnTime()).isTrue();
            var closed = envelopes.stream()
                    .filter(e -> e.type().equals(DeviationClosedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationClosedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(closed.closedOn()).isEqualTo(LocalDate.of(2025, 3, 25));
            // closed (as dated) before this service received the report: 0 days, never negative
            assertThat(closed.daysToClose()).isZero();
        }
    }

    @Test
    void aNotificationLateAgainstTheRealAssessmentDateIsLateAndNeedsAReason() {
        String id = investigatedLexSarah();
        String path = trackPath(id, trackId(karin, id));
        post(
                        karin,
                        path + "/assessment",
                        etag(karin, path),
                        "{\"assessment\":\"MISSFORHALLANDE\",\"serious\":true,\"assessedAt\":\"2025-03-05T10:00:00Z\"}")
                .then()
                .statusCode(200);
        // three weeks after the assessment: late against the real date (on time had the clock started at the call)
        String notify = """
                {"kind":"INITIAL","sentAt":"2025-03-26T09:00:00Z","content":"Anmälan enligt 14 kap. 7 § SoL"%s}""";
        post(karin, path + "/notifications", null, notify.formatted(""))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/late-reason-required"));
        post(karin, path + "/notifications", null, notify.formatted(",\"lateReason\":\"Semesterperiod\""))
                .then()
                .statusCode(201)
                .body("onTime", equalTo(false));
        // a time a minute ahead of this server's clock is within the allowed clock skew
        String soon = Instant.now()
                .plus(Duration.ofMinutes(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Klart\",\"completedAt\":\"" + soon + "\"}")
                .then()
                .statusCode(200)
                .body("closedAt", equalTo(soon));
    }
}
