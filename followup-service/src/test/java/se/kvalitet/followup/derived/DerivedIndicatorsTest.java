package se.kvalitet.followup.derived;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.followup.Fixtures;

/**
 * Indicators derived from deviation-service's events through the inbox: counts per unit and
 * category (a report once however many of its units a department holds), shares notified to IVO
 * and IMY, median days to close, actions on time; the same under redelivery and replay.
 */
@QuarkusTest
class DerivedIndicatorsTest {

    static final String CONSUMER = "followup.deviation-facts";
    static Fixtures.Org org;
    static List<DomainEvent> events;
    static List<EventEnvelope> first;

    static Instant at(String day, int hour) {
        return Instant.parse(day + "T" + (hour < 10 ? "0" : "") + hour + ":00:00Z");
    }

    @BeforeAll
    static void stream() {
        org = Fixtures.org();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        UUID d3 = UUID.randomUUID();
        UUID d4 = UUID.randomUUID();
        UUID d5 = UUID.randomUUID();
        UUID sarah1 = UUID.randomUUID();
        UUID breach1 = UUID.randomUUID();
        UUID sarah2 = UUID.randomUUID();
        UUID breach5 = UUID.randomUUID();
        UUID a1 = org.a1();
        UUID a2 = org.a2();
        UUID b1 = org.b1();
        List<DeviationCategory> none = List.of();
        events = new ArrayList<>(List.of(
                // d1 in a1, involving a2: lex Sarah (serious, notified to IVO on time) and a data breach (notified to
                // IMY late)
                new DeviationReportedV1(
                        d1, a1, List.of(a2), "STAFF", null, LocalDate.of(2025, 3, 9), at("2025-03-10", 9)),
                new DeviationTriagedV1(
                        d1,
                        a1,
                        List.of(a2),
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.PERSONAL_DATA_BREACH),
                        none,
                        false,
                        at("2025-03-10", 11)),
                new DeviationTrackOpenedV1(
                        d1, sarah1, DeviationCategory.LEX_SARAH, a1, List.of(a2), at("2025-03-10", 11)),
                new DeviationTrackOpenedV1(
                        d1, breach1, DeviationCategory.PERSONAL_DATA_BREACH, a1, List.of(a2), at("2025-03-10", 11)),
                new DeviationInvestigationCompletedV1(
                        d1,
                        sarah1,
                        DeviationCategory.LEX_SARAH,
                        a1,
                        List.of(a2),
                        Assessment.MISSFORHALLANDE,
                        true,
                        true,
                        List.of(),
                        List.of(),
                        1,
                        at("2025-03-15", 9),
                        LocalDate.of(2025, 3, 15)),
                new DeviationAuthorityNotifiedV1(
                        d1,
                        sarah1,
                        DeviationCategory.LEX_SARAH,
                        UUID.randomUUID(),
                        Authority.IVO,
                        NotificationKind.INITIAL,
                        a1,
                        at("2025-03-15", 9),
                        at("2025-03-22", 9),
                        at("2025-03-16", 9),
                        true,
                        0,
                        0),
                new DeviationAuthorityNotifiedV1(
                        d1,
                        breach1,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        UUID.randomUUID(),
                        Authority.IMY,
                        NotificationKind.INITIAL,
                        a1,
                        at("2025-03-10", 9),
                        at("2025-03-13", 9),
                        at("2025-03-14", 9),
                        false,
                        1,
                        24),
                new DeviationAuthorityNotifiedV1(
                        d1,
                        breach1,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        UUID.randomUUID(),
                        Authority.IMY,
                        NotificationKind.SUPPLEMENT,
                        a1,
                        null,
                        null,
                        at("2025-03-20", 9),
                        true,
                        0,
                        0),
                new DeviationTrackClosedV1(
                        d1,
                        breach1,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        DeviationTrackClosedV1.Closure.COMPLETED,
                        a1,
                        List.of(a2),
                        at("2025-03-10", 11),
                        at("2025-03-29", 9),
                        LocalDate.of(2025, 3, 29),
                        Assessment.RISK,
                        false,
                        true,
                        false,
                        null,
                        null,
                        null,
                        null),
                new DeviationClosedV1(
                        d1,
                        a1,
                        List.of(a2),
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.PERSONAL_DATA_BREACH),
                        at("2025-03-10", 9),
                        LocalDate.of(2025, 3, 10),
                        at("2025-03-30", 9),
                        LocalDate.of(2025, 3, 30),
                        20,
                        1),
                // d2 in a2: lex Sarah, not serious
                new DeviationReportedV1(
                        d2,
                        a2,
                        List.of(),
                        "CASE_SYSTEM",
                        DeviationCategory.LEX_SARAH,
                        LocalDate.of(2025, 4, 1),
                        at("2025-04-01", 8)),
                new DeviationTriagedV1(
                        d2, a2, List.of(), List.of(DeviationCategory.LEX_SARAH), none, false, at("2025-04-01", 10)),
                new DeviationTrackOpenedV1(
                        d2, sarah2, DeviationCategory.LEX_SARAH, a2, List.of(), at("2025-04-01", 10)),
                new DeviationInvestigationCompletedV1(
                        d2,
                        sarah2,
                        DeviationCategory.LEX_SARAH,
                        a2,
                        List.of(),
                        Assessment.INGET_MISSFORHALLANDE,
                        false,
                        false,
                        List.of(),
                        List.of(),
                        0,
                        at("2025-05-01", 9),
                        LocalDate.of(2025, 5, 1)),
                new DeviationClosedV1(
                        d2,
                        a2,
                        List.of(),
                        List.of(DeviationCategory.LEX_SARAH),
                        at("2025-04-01", 8),
                        LocalDate.of(2025, 4, 1),
                        at("2025-05-11", 9),
                        LocalDate.of(2025, 5, 11),
                        40,
                        0),
                // d3 in b1: other deviation with one action on time and one past due, not done
                new DeviationReportedV1(
                        d3, b1, List.of(), "STAFF", null, LocalDate.of(2025, 5, 5), at("2025-05-05", 8)),
                new DeviationTriagedV1(
                        d3,
                        b1,
                        List.of(),
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        none,
                        false,
                        at("2025-05-05", 12)),
                new DeviationActionAddedV1(
                        d3,
                        UUID.fromString(
                                "00000000-0000-4000-a000-" + b1.toString().substring(24)),
                        null,
                        null,
                        b1,
                        b1,
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        List.of(),
                        LocalDate.of(2025, 6, 1),
                        at("2025-05-06", 8)),
                new DeviationActionDoneV1(
                        d3,
                        UUID.fromString(
                                "00000000-0000-4000-a000-" + b1.toString().substring(24)),
                        null,
                        b1,
                        b1,
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        LocalDate.of(2025, 6, 1),
                        LocalDate.of(2025, 5, 30),
                        true,
                        0,
                        at("2025-05-30", 8)),
                new DeviationActionAddedV1(
                        d3,
                        UUID.randomUUID(),
                        null,
                        null,
                        b1,
                        b1,
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        List.of(),
                        LocalDate.of(2025, 6, 10),
                        at("2025-05-06", 8)),
                new DeviationClosedV1(
                        d3,
                        b1,
                        List.of(),
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        at("2025-05-05", 8),
                        LocalDate.of(2025, 5, 5),
                        at("2025-05-15", 9),
                        LocalDate.of(2025, 5, 15),
                        10,
                        2),
                // d4 in a1, the year before
                new DeviationReportedV1(
                        d4, a1, List.of(), "STAFF", null, LocalDate.of(2024, 12, 30), at("2024-12-30", 10)),
                // d5 in a1: first triaged as a data breach, then reclassified as another deviation
                new DeviationReportedV1(
                        d5, a1, List.of(), "STAFF", null, LocalDate.of(2025, 6, 1), at("2025-06-02", 8)),
                new DeviationTriagedV1(
                        d5,
                        a1,
                        List.of(),
                        List.of(DeviationCategory.PERSONAL_DATA_BREACH),
                        none,
                        false,
                        at("2025-06-02", 9)),
                new DeviationTrackOpenedV1(
                        d5, breach5, DeviationCategory.PERSONAL_DATA_BREACH, a1, List.of(), at("2025-06-02", 9)),
                new DeviationTriagedV1(
                        d5,
                        a1,
                        List.of(),
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        List.of(DeviationCategory.PERSONAL_DATA_BREACH),
                        true,
                        at("2025-06-03", 9)),
                new DeviationTrackClosedV1(
                        d5,
                        breach5,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        DeviationTrackClosedV1.Closure.RECLASSIFIED,
                        a1,
                        List.of(),
                        at("2025-06-02", 9),
                        at("2025-06-03", 9),
                        LocalDate.of(2025, 6, 3),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));
        first = Fixtures.sendAll(Topics.DEVIATION, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.inboxed(CONSUMER, first) == first.size());
    }

    static Map<String, Object> stats(UUID unit) {
        JsonPath p = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("orgUnitId", unit.toString())
                .get("/followup/v1/deviation-indicators")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return p.getMap("items[0]");
    }

    @SuppressWarnings("unchecked")
    static void assertFigures() {
        Map<String, Object> board = stats(org.board());
        Map<String, Object> deptA = stats(org.deptA());
        Map<String, Object> a1 = stats(org.a1());
        Map<String, Object> a2 = stats(org.a2());
        assertThat(board.get("reports")).isEqualTo(4);
        // a department counts a report that involves two of its units once: 3, not 2 + 2
        assertThat(deptA.get("reports")).isEqualTo(3);
        assertThat(a1.get("reports")).isEqualTo(2);
        assertThat(a2.get("reports")).isEqualTo(2);
        assertThat((Map<String, Object>) deptA.get("byCategory"))
                .containsEntry("LEX_SARAH", 2)
                .containsEntry("PERSONAL_DATA_BREACH", 1)
                .containsEntry("OTHER_DEVIATION", 1);
        assertThat((Map<String, Object>) deptA.get("lexSarahSeriousNotifiedToIvo"))
                .containsEntry("numerator", 1)
                .containsEntry("denominator", 2)
                .containsEntry("percent", 50);
        // the reclassified breach track is not a breach
        assertThat((Map<String, Object>) deptA.get("dataBreachesNotifiedToImy"))
                .containsEntry("numerator", 1)
                .containsEntry("denominator", 1);
        assertThat((Map<String, Object>) deptA.get("dataBreachesNotifiedWithin72h"))
                .containsEntry("numerator", 0)
                .containsEntry("denominator", 1);
        assertThat(deptA.get("medianDaysToClose")).isEqualTo(30);
        assertThat(board.get("medianDaysToClose")).isEqualTo(20);
        assertThat(board.get("closedReports")).isEqualTo(3);
        assertThat((Map<String, Object>) board.get("actionsDoneOnTime"))
                .containsEntry("numerator", 1)
                .containsEntry("denominator", 2);
        assertThat((Map<String, Object>) deptA.get("actionsDoneOnTime"))
                .containsEntry("denominator", 0)
                .doesNotContainKey("percent"); // no share of nothing: left out, never null
    }

    /** The old name answers the same, and says it is deprecated, when it goes and what replaces it (RFC 9745, RFC 8594). */
    @Test
    void theOldNameAnswersTheSameWithDeprecationAndSunset() {
        String unit = org.board().toString();
        String current = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("orgUnitId", unit)
                .get("/followup/v1/deviation-indicators")
                .then()
                .statusCode(200)
                .header("Deprecation", nullValue())
                .extract()
                .asString();
        String old = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("orgUnitId", unit)
                .get("/followup/v1/deviation-statistics")
                .then()
                .statusCode(200)
                .header("Deprecation", equalTo("@1796428800"))
                .header("Sunset", equalTo("Wed, 30 Jun 2027 00:00:00 GMT"))
                .header("Link", equalTo("</followup/v1/deviation-indicators>; rel=\"successor-version\""))
                .extract()
                .asString();
        assertThat(old).isEqualTo(current).contains("\"items\"");
    }

    @Test
    void theFiguresAreCountedOncePerReportAndUnit() {
        assertFigures();
    }

    @Test
    void redeliveryAndReplayLeaveTheSameFigures() {
        // redelivery: the very same events again
        Fixtures.sendEnvelopes(Topics.DEVIATION, first);
        // replay: the same facts published again under new event ids (e.g. a producer's outbox replayed)
        List<EventEnvelope> replay = Fixtures.sendAll(Topics.DEVIATION, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.inboxed(CONSUMER, replay) == replay.size());
        assertThat(Fixtures.inboxed(CONSUMER, first)).isEqualTo(first.size());
        assertFigures();
    }

    static String derived(String metric, String unit, String extra, String targets) {
        return given().header("Authorization", Fixtures.karin())
                .contentType("application/json")
                .body("""
                {"code":"%s","name":"Härlett nyckeltal","criterionCode":"SAFETY","unitOfMeasure":"%s","method":"DERIVED_FROM_EVENTS",
                 "frequency":"YEARLY","decimals":1,"genderSplit":false,"derivedMetric":"%s"%s,"targets":%s}""".formatted(Fixtures.code("D"), unit, metric, extra, targets))
                .post("/followup/v1/indicators")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void derivedIndicatorsAreEvaluatedAgainstTheirMalvarde() {
        String share = derived(
                "LEX_SARAH_SERIOUS_NOTIFIED_SHARE",
                "PERCENT",
                "",
                "[{\"validFromPeriod\":\"2025\",\"comparator\":\"AT_LEAST\",\"value\":60}]");
        Map<String, Object> dept = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("indicatorId", share)
                .queryParam("orgUnitId", org.deptA().toString())
                .get("/followup/v1/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("items[0]");
        assertThat(dept)
                .containsEntry("basis", "DERIVED")
                .containsEntry("status", "NOT_MET")
                .containsEntry("value", 50)
                .containsEntry("numerator", 1)
                .containsEntry("denominator", 2)
                .containsEntry("distance", -10);
        String sarah = derived("DEVIATION_COUNT", "COUNT", ",\"derivedCategory\":\"LEX_SARAH\"", "[]");
        Map<String, Object> board = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", "2025")
                .queryParam("indicatorId", sarah)
                .queryParam("orgUnitId", org.board().toString())
                .get("/followup/v1/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("items[0]");
        assertThat(board).containsEntry("value", 2).containsEntry("status", "NO_TARGET");
        // a derived indicator takes no measurements, and its metric must fit its unit of measure
        Fixtures.measure(share, org.a1(), "2025", "T", "\"value\":50")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("indicatorId"));
        given().header("Authorization", Fixtures.karin())
                .contentType("application/json")
                .body("""
                {"code":"%s","name":"Fel","criterionCode":"SAFETY","unitOfMeasure":"COUNT","method":"DERIVED_FROM_EVENTS",
                 "frequency":"YEARLY","decimals":0,"genderSplit":false,"derivedMetric":"MEDIAN_DAYS_TO_CLOSE","targets":[]}""".formatted(Fixtures.code("F")))
                .post("/followup/v1/indicators")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("unitOfMeasure"));
    }
}
