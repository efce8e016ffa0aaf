package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.testing.TestTokens;

/**
 * The pivot of seed 003 Figur 5.1 from events: distinct reports at every level, a unit that moved
 * between departments mid-year counted where it sat at the time, shares, IVO/IMY outcomes, months
 * and tertials; and the rebuild command replaying every topic to the same numbers.
 */
@QuarkusTest
class DeviationStatisticsTest {

    static final String PATH = "/report/v1/deviation-statistics";
    static final UUID BOARD = UUID.randomUUID();
    static final UUID ADMIN = UUID.randomUUID();
    static final UUID D1 = UUID.randomUUID();
    static final UUID D2 = UUID.randomUUID();
    static final UUID U11 = UUID.randomUUID();
    static final UUID U12 = UUID.randomUUID();
    static final UUID U21 = UUID.randomUUID();
    static EventEnvelope triageOfR2;

    @BeforeAll
    static void organisationAndReports() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        Events.unit(BOARD, null, "Socialnämnden test", "BOARD", start);
        Events.unit(ADMIN, BOARD, "Socialförvaltningen", "ADMINISTRATION", start);
        Events.unit(D1, ADMIN, "Barn och vuxna", "DEPARTMENT", start);
        Events.unit(D2, ADMIN, "Försörjning och arbete", "DEPARTMENT", start);
        Events.unit(U11, D1, "Öppenvårdsenhet", "UNIT", start);
        Events.unit(U12, D1, "Familjerättsenhet", "UNIT", start);
        Events.unit(U21, D2, "Arbetsmarknadscenter", "UNIT", start);
        // reorganisation: Familjerättsenhet moves to Försörjning och arbete from 1 July 2025
        Events.unit(U12, D2, "Familjerättsenhet", "UNIT", LocalDate.of(2025, 7, 1));

        UUID r1 = Events.deviation(
                U11,
                List.of(),
                LocalDate.of(2025, 2, 10),
                DeviationCategory.LEX_SARAH,
                DeviationCategory.PERSONAL_DATA_BREACH);
        Events.closedTrack(
                r1,
                U11,
                DeviationCategory.PERSONAL_DATA_BREACH,
                Assessment.RISK,
                false,
                true,
                true,
                LocalDate.of(2025, 2, 10));
        UUID r2 = Events.deviation(U11, List.of(U12), LocalDate.of(2025, 3, 5), DeviationCategory.OTHER_DEVIATION);
        triageOfR2 = Events.envelope(new DeviationTriagedV1(
                r2,
                U11,
                List.of(U12),
                List.of(DeviationCategory.OTHER_DEVIATION),
                List.of(),
                false,
                java.time.Instant.parse("2025-03-05T12:00:00Z")));
        Events.send(triageOfR2);
        Events.send(triageOfR2); // redelivered
        Events.deviation(U12, List.of(), LocalDate.of(2025, 8, 20), DeviationCategory.OTHER_DEVIATION);
        Events.deviation(U21, List.of(U11), LocalDate.of(2025, 9, 1), DeviationCategory.COMPLAINT);
        Events.deviation(U21, List.of(), LocalDate.of(2025, 5, 2), DeviationCategory.NOT_A_DEVIATION);
        UUID r6 = Events.deviation(U11, List.of(), LocalDate.of(2025, 10, 15), DeviationCategory.LEX_SARAH);
        Events.closedTrack(
                r6,
                U11,
                DeviationCategory.LEX_SARAH,
                Assessment.MISSFORHALLANDE,
                true,
                true,
                false,
                LocalDate.of(2025, 10, 15));
        Events.deviation(UUID.randomUUID(), List.of(), LocalDate.of(2025, 4, 1), DeviationCategory.OTHER_DEVIATION);
        Events.deviation(U11, List.of(), LocalDate.of(2024, 6, 1), DeviationCategory.OTHER_DEVIATION);
    }

    static String quality() {
        return TestTokens.user("karin").roles("quality-team").bearer();
    }

    static JsonPath stats(UUID root) {
        return given().header("Authorization", quality())
                .queryParam("orgUnit", root.toString())
                .queryParam("year", "2025")
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath settled() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath j = stats(BOARD);
            assertThat(j.getLong("reports")).isEqualTo(6);
            assertThat(j.getLong("authority.find { it.trackType == 'LEX_SARAH' }.notified"))
                    .isEqualTo(1);
            assertThat(j.getLong("authority.find { it.trackType == 'PERSONAL_DATA_BREACH' }.notified"))
                    .isEqualTo(1);
            assertThat(row(j, U12).get("parentId")).isEqualTo(D2.toString());
        });
        return stats(BOARD);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath j, UUID unit) {
        return j.getMap("rows.find { it.orgUnitId == '" + unit + "' }");
    }

    static long count(JsonPath j, UUID unit, String category) {
        return ((Number) ((Map<?, ?>) row(j, unit).get("counts")).get(category)).longValue();
    }

    static long total(JsonPath j, UUID unit) {
        return ((Number) row(j, unit).get("total")).longValue();
    }

    @Test
    void distinctReportsAtEveryLevelWithUnitsWhereTheySatAtTheTime() {
        JsonPath j = settled();
        assertThat(total(j, U11)).isEqualTo(4);
        assertThat(total(j, U12)).isEqualTo(2);
        assertThat(total(j, U21)).isEqualTo(2);
        // r2 touched both units of Barn och vuxna: once in the department; U12 was there in March, then moved
        assertThat(total(j, D1)).isEqualTo(4);
        assertThat(total(j, D2)).isEqualTo(3);
        // r4 touched a unit of each department: once in the administration and the board
        assertThat(total(j, ADMIN)).isEqualTo(6);
        assertThat(total(j, BOARD)).isEqualTo(6);
        assertThat(count(j, U11, "LEX_SARAH")).isEqualTo(2);
        assertThat(count(j, U11, "COMPLAINT")).isEqualTo(1);
        assertThat(count(j, D1, "OTHER_DEVIATION")).isEqualTo(1);
        assertThat(count(j, D2, "OTHER_DEVIATION")).isEqualTo(1);
        assertThat(count(j, BOARD, "OTHER_DEVIATION")).isEqualTo(2);
        assertThat(j.getLong("categoryAssignments")).isEqualTo(7);
        assertThat(j.getLong("deviations")).isEqualTo(5);
        assertThat(j.getLong("unplaced")).isPositive();
        // drawn as the organisation stood at the end of the period, root first, children alphabetically (sv)
        assertThat(j.getList("rows.name"))
                .containsExactly(
                        "Socialnämnden test",
                        "Socialförvaltningen",
                        "Barn och vuxna",
                        "Öppenvårdsenhet",
                        "Försörjning och arbete",
                        "Arbetsmarknadscenter",
                        "Familjerättsenhet");
        assertThat(j.getList("rows.depth", Integer.class)).containsExactly(0, 1, 2, 3, 2, 3, 3);
        assertThat(j.getList("columns.label")).contains("Lex Sarah", "Personuppgiftsincident", "Synpunkt/klagomål");
        // the pivot was read from the day cells, which the events' changes to deviation_fact kept right
        assertThat(Db.dayCellMismatches()).isZero();
    }

    @Test
    void sharesAuthorityOutcomesMonthsAndTertials() {
        JsonPath j = settled();
        assertThat(j.getString("shares.LEX_SARAH.percent")).isEqualTo("40.0");
        assertThat(j.getLong("shares.LEX_SARAH.numerator")).isEqualTo(2);
        assertThat(j.getLong("shares.LEX_SARAH.denominator")).isEqualTo(5);
        assertThat(j.getString("shares.NOT_A_DEVIATION.percent")).isEqualTo("16.7");
        Map<String, Object> sarah = j.getMap("authority.find { it.trackType == 'LEX_SARAH' }");
        assertThat(sarah)
                .containsEntry("authority", "IVO")
                .containsEntry("reports", 2)
                .containsEntry("reportable", 1)
                .containsEntry("notified", 1)
                .containsEntry("onTime", 0)
                .containsEntry("late", 1);
        assertThat(j.getString("authority.find { it.trackType == 'LEX_SARAH' }.notifiedShare.percent"))
                .isEqualTo("50.0");
        Map<String, Object> breach = j.getMap("authority.find { it.trackType == 'PERSONAL_DATA_BREACH' }");
        assertThat(breach)
                .containsEntry("authority", "IMY")
                .containsEntry("reportable", 1)
                .containsEntry("onTime", 1);
        assertThat(j.getList("byMonth.period"))
                .containsExactly("2025-02", "2025-03", "2025-05", "2025-08", "2025-09", "2025-10");
        assertThat(j.getList("byTertial.period")).containsExactly("2025-T1", "2025-T2", "2025-T3");
        assertThat(j.getList("byTertial.total", Long.class)).containsExactly(2L, 2L, 2L);
        // the previous year is its own period
        JsonPath before = given().header("Authorization", quality())
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("from", "2024-01-01")
                .queryParam("to", "2024-12-31")
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(before.getLong("reports")).isEqualTo(1);
        // a department's subtree
        JsonPath d2 = stats(D2);
        assertThat(d2.getLong("reports")).isEqualTo(3);
        assertThat(d2.getList("rows.name"))
                .containsExactly("Försörjning och arbete", "Arbetsmarknadscenter", "Familjerättsenhet");
    }

    @Test
    void rebuildReplaysEveryTopicToIdenticalReadModels() {
        JsonPath j = settled();
        String before = j.prettify();
        String checksum = checksum();
        String admin = TestTokens.user("admin").roles("admin").bearer();
        given().header("Authorization", quality())
                .contentType("application/json")
                .body("{\"confirm\":true}")
                .when()
                .post("/report/v1/admin/read-model-rebuilds")
                .then()
                .statusCode(403);
        given().header("Authorization", admin)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/report/v1/admin/read-model-rebuilds")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("confirm"));
        String location = given().header("Authorization", admin)
                .contentType("application/json")
                .body("{\"confirm\":true}")
                .when()
                .post("/report/v1/admin/read-model-rebuilds")
                .then()
                .statusCode(202)
                .body("status", equalTo("RUNNING"))
                .extract()
                .header("Location");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().header("Authorization", admin)
                        .when()
                        .get(location)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DONE")));
        assertThat(given().header("Authorization", admin)
                        .when()
                        .get(location)
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("eventsRead"))
                .isPositive();
        assertThat(stats(BOARD).prettify()).isEqualTo(before);
        assertThat(checksum()).isEqualTo(checksum);
        // the rebuild truncated and refilled deviation_fact: its day cells followed
        assertThat(Db.dayCellMismatches()).isZero();
        // the redelivered triage is still applied once
        assertThat(Db.count("SELECT count(*) FROM inbox_event WHERE event_id = '" + triageOfR2.id() + "'"))
                .isEqualTo(1);
        given().header("Authorization", admin)
                .when()
                .get("/report/v1/admin/read-model-rebuilds/not-a-uuid")
                .then()
                .statusCode(400);
        given().header("Authorization", admin)
                .when()
                .get("/report/v1/admin/read-model-rebuilds/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    /** The read models' content (not their timestamps). */
    static String checksum() {
        return Db.value("""
                SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
                  SELECT concat_ws(',', deviation_id, org_unit_id, category, channel, occurred_on, category_mask, flags, multi_unit) x
                  FROM deviation_fact
                  UNION ALL SELECT concat_ws(',', deviation_id, category) FROM deviation_fact_category
                  UNION ALL SELECT concat_ws(',', deviation_id, org_unit_id) FROM deviation_fact_involved_unit
                  UNION ALL SELECT concat_ws(',', track_id, assessment, serious, authority_notified, notified_on_time) FROM deviation_fact_track
                  UNION ALL SELECT concat_ws(',', notification_id, on_time) FROM deviation_fact_notification
                  UNION ALL SELECT concat_ws(',', org_unit_id, valid_from, valid_to, parent_id, name, active) FROM orgcopy_version
                  UNION ALL SELECT concat_ws(',', occurrence_id, executed_on, overdue) FROM followup_egenkontroll
                  UNION ALL SELECT concat_ws(',', measurement_id, value, revision) FROM followup_measurement
                  UNION ALL SELECT concat_ws(',', document_id, version, in_force, review_overdue) FROM registry_document
                  UNION ALL SELECT concat_ws(',', risk_id, assessment) FROM registry_risk_assessment
                  UNION ALL SELECT concat_ws(',', indicator_id, revision, code, name) FROM followup_indicator
                  UNION ALL SELECT concat_ws(',', indicator_id, valid_from_period, comparator, target_value) FROM followup_indicator_target
                  UNION ALL SELECT concat_ws(',', indicator_id, org_unit_id, period, gender, sequence, status, value)
                  FROM followup_evaluation) t""");
    }

    @Test
    void badInputAndAccess() {
        given().when().get(PATH).then().statusCode(401);
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .when()
                .get(PATH)
                .then()
                .statusCode(403);
        given().header("Authorization", quality())
                .queryParam("orgUnit", "nope")
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("orgUnit"));
        given().header("Authorization", quality())
                .queryParam("orgUnit", UUID.randomUUID().toString())
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
        given().header("Authorization", quality())
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("year", "20x5")
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
        given().header("Authorization", quality())
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("from", "2025-02-30")
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("year", "2025")
                .when()
                .get(PATH)
                .then()
                .statusCode(200);
    }
}
