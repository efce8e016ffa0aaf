package se.kvalitet.deviation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

/**
 * Object-level checks on what a write's body points at (issue 13 item 6): the units of a report and of an
 * action against the organisation copy and the caller's part of it, people by form, other objects by
 * existence and visibility. A refused reference is a 403 (outside the caller's scope) or a 422 (no such
 * object) naming the field, and nothing is stored.
 */
@QuarkusTest
class WriteReferencesTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID AEO = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final UUID EKBACKEN = UUID.fromString("00000000-0000-4000-8000-000000000012");
    static final UUID IFO = UUID.fromString("00000000-0000-4000-8000-000000000021");
    static final String UNKNOWN_REFERENCE = "https://kvalitet.se/problems/unknown-reference";
    static final String FOREIGN_REFERENCE = "https://kvalitet.se/problems/foreign-reference";

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();
    /** erik manages Äldreomsorg (unit 10) and so units 11 and 12 under it. */
    final String erik = TestTokens.user("erik-" + UUID.randomUUID())
            .roles("unit-manager")
            .orgUnits(AEO)
            .bearer();

    static String today(int plusDays) {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(plusDays).toString();
    }

    String file(UUID unit, String involved) {
        String id = given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                {"summary":"Larm kvitterades inte","description":"Nattpersonalen hörde inte larmet.","occurredAt":"2026-10-01T02:00:00Z",
                 "orgUnitId":"%s","involvedOrgUnitIds":[%s]}""".formatted(unit, involved))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(karin, PATH + "/" + id + "/triage", etag(karin, PATH + "/" + id), "{\"categories\":[\"OTHER_DEVIATION\"]}")
                .then()
                .statusCode(200);
        return id;
    }

    static String action(String owner, Object unit) {
        return """
                {"title":"Larmrutinen gås igenom","owner":"%s",%s"dueDate":"%s"}""".formatted(owner, unit == null ? "" : "\"orgUnitId\":\"" + unit + "\",", today(20));
    }

    static long actionsOf(String id) {
        return DeviationDb.count("SELECT count(*) FROM deviation_action WHERE deviation_id = '" + id + "'");
    }

    @Test
    void aReportNamesOnlyUnitsTheOrganisationHas() {
        UUID unknown = UUID.randomUUID();
        long before = DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Okänd enhet'");
        String body = """
                {"summary":"Okänd enhet","description":"Händelsen.","occurredAt":"2026-10-01T02:00:00Z","orgUnitId":"%s",
                 "involvedOrgUnitIds":["%s","%s"]}""";
        given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body(body.formatted(unknown, EKBACKEN, UUID.randomUUID()))
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(UNKNOWN_REFERENCE))
                .body("errors.field", hasItems("orgUnitId", "involvedOrgUnitIds[1]"));
        given().header(
                        "Authorization",
                        TestTokens.client("case-system").roles("case-system").bearer())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(body.formatted(HEMTJANST, UUID.randomUUID(), EKBACKEN))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("involvedOrgUnitIds[0]"));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Okänd enhet'"))
                .isEqualTo(before);
        // any member of staff reports on any unit the organisation has (the duty to report is not limited to one's own
        // unit)
        given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body(body.formatted(IFO, EKBACKEN, HEMTJANST))
                .post(PATH)
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(IFO.toString()));
    }

    @Test
    void anActionIsAttributedOnlyToAUnitOfTheCallersOwnPartAndAnExistingOne() {
        String id = file(HEMTJANST, "");
        String actions = PATH + "/" + id + "/actions";

        // a manager of Äldreomsorg may not put work on IFO's lists, nor on a unit that does not exist
        post(erik, actions, null, action("erik", IFO))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(FOREIGN_REFERENCE))
                .body("errors[0].field", equalTo("orgUnitId"));
        post(erik, actions, null, action("erik", UUID.randomUUID()))
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("orgUnitId"));
        // the quality team may attribute it anywhere, but only to a unit the organisation has
        post(karin, actions, null, action("karin", UUID.randomUUID()))
                .then()
                .statusCode(422)
                .body("type", equalTo(UNKNOWN_REFERENCE))
                .body("errors[0].field", equalTo("orgUnitId"));
        // an owner is a username: a personal identity number is no username
        post(karin, actions, null, action("191212121212", HEMTJANST))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("owner"));
        post(karin, actions, null, action("Karin Karlsson", HEMTJANST))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("owner"));
        assertThat(actionsOf(id)).isZero();

        // within his part: the report's unit (the default) and another unit under Äldreomsorg
        post(erik, actions, null, action("erik", null))
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(HEMTJANST.toString()));
        String ekbacken = post(erik, actions, null, action("erik", EKBACKEN))
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(EKBACKEN.toString()))
                .extract()
                .path("id");
        String ifo = post(karin, actions, null, action("karin", IFO))
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(IFO.toString()))
                .extract()
                .path("id");
        assertThat(actionsOf(id)).isEqualTo(3);
        // it runs among IFO's deadlines; erik does not move work that is not his part's
        given().header("Authorization", karin)
                .get("/deviation/v1/deadlines?state=running&orgUnit=" + IFO + "&limit=500")
                .then()
                .statusCode(200)
                .body("items.subjectId", hasItems(ifo));
        post(erik, actions + "/" + ifo + "/progress", etag(erik, actions + "/" + ifo), "{\"status\":\"IN_PROGRESS\"}")
                .then()
                .statusCode(403);
        post(
                        erik,
                        actions + "/" + ekbacken + "/progress",
                        etag(erik, actions + "/" + ekbacken),
                        "{\"status\":\"IN_PROGRESS\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void anInvestigatorAttributesActionsToTheUnitsTheReportConcerns() {
        String id = file(HEMTJANST, "\"" + EKBACKEN + "\"");
        String track = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("tracks[0].id");
        String ingridName = "ingrid-" + UUID.randomUUID();
        String ingrid =
                TestTokens.user(ingridName).roles("investigator").orgUnits(AEO).bearer();
        String trackPath = PATH + "/" + id + "/tracks/" + track;
        post(karin, trackPath + "/assign", etag(karin, trackPath), "{\"investigator\":\"" + ingridName + "\"}")
                .then()
                .statusCode(200);
        // an investigator is named by username: not a personal identity number, not a name with spaces
        post(karin, trackPath + "/assign", etag(karin, trackPath), "{\"investigator\":\"19121212-1212\"}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("investigator"));
        post(karin, trackPath + "/assign", etag(karin, trackPath), "{\"investigator\":\"Ingrid I\"}")
                .then()
                .statusCode(400);
        given().header("Authorization", karin).get(trackPath).then().body("investigator", equalTo(ingridName));

        String actions = PATH + "/" + id + "/actions";
        post(ingrid, actions, null, action(ingridName, HEMTJANST)).then().statusCode(201);
        post(ingrid, actions, null, action(ingridName, EKBACKEN)).then().statusCode(201);
        post(ingrid, actions, null, action(ingridName, IFO))
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("orgUnitId"));
        post(ingrid, actions, null, action(ingridName, AEO))
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("orgUnitId"));
        assertThat(actionsOf(id)).isEqualTo(2);
    }
}
