package se.kvalitet.deviation.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.testing.TestTokens;

/**
 * Each case-management system has a machine client of its own (tokens signed for two clients, as Keycloak
 * issues them: subject = the client's service account, {@code azp} = the client id) and sees only the
 * reports it filed, and of those only the filer's view: what it sent, the stage and the closing feedback,
 * never the triage (lex Sarah) classification or the investigation.
 */
@QuarkusTest
class CaseSystemClientsTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");

    final String caseSystem =
            TestTokens.client("case-system").roles("case-system").bearer();
    final String caseSystem2 =
            TestTokens.client("case-system-2").roles("case-system").bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();

    static Response file(String bearer, String summary, String externalId) {
        // a machine client sends an Idempotency-Key with every new report (428 without one)
        return given().header("Authorization", bearer)
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("""
                {"summary":"%s","description":"Insatsen utfördes inte enligt beslut.","occurredAt":"2026-10-05T09:00:00Z",
                 "orgUnitId":"%s","suggestedCategory":"LEX_SARAH","externalReference":{"source":"treserva","id":"%s"}}""".formatted(summary, HEMTJANST, externalId))
                .post(PATH);
    }

    @Test
    void eachCaseSystemSeesOnlyWhatItsOwnClientFiledAndNeverTheClassification() {
        String reference = "AV-" + UUID.randomUUID();
        String first = file(caseSystem, "Från system ett", reference)
                .then()
                .statusCode(201)
                .body("channel", equalTo("CASE_SYSTEM"))
                .body("$", not(hasKey("categories")))
                .extract()
                .path("id");
        // the same reference from another system is that system's own report: no collision, no hint of the first
        String second = file(caseSystem2, "Från system två", reference)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
        // the same system sending it again is told which of its reports has it
        file(caseSystem, "Från system ett igen", reference)
                .then()
                .statusCode(409)
                .body("existingId", equalTo(first));

        // the quality team classifies the first as lex Sarah and assigns an investigator
        post(karin, PATH + "/" + first + "/triage", etag(karin, PATH + "/" + first), "{\"categories\":[\"LEX_SARAH\"]}")
                .then()
                .statusCode(200)
                .body("categories", contains("LEX_SARAH"));

        // each system reads its own report: the stage, not the classification
        given().header("Authorization", caseSystem)
                .get(PATH + "/" + first)
                .then()
                .statusCode(200)
                .body("summary", equalTo("Från system ett"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("suggestedCategory", equalTo("LEX_SARAH"))
                .body("$", not(hasKey("categories")))
                .body("$", not(hasKey("tracks")));
        given().header("Authorization", caseSystem2)
                .get(PATH + "/" + first)
                .then()
                .statusCode(404);
        given().header("Authorization", caseSystem)
                .get(PATH + "/" + second)
                .then()
                .statusCode(404);

        // lists: only its own, without categories; filtering by category tells a filer nothing
        given().header("Authorization", caseSystem)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(first))
                .body("items.id", not(hasItem(second)))
                .body("items.find { it.id == '" + first + "' }", not(hasKey("categories")));
        given().header("Authorization", caseSystem2)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(second))
                .body("items.id", not(hasItem(first)));
        given().header("Authorization", caseSystem2)
                .get(PATH + "?limit=500&source=treserva")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(first)));
        given().header("Authorization", caseSystem)
                .get(PATH + "?limit=500&category=LEX_SARAH")
                .then()
                .statusCode(200)
                .body("items", empty());
        given().header("Authorization", caseSystem)
                .get(PATH + "?limit=500&overdue=false")
                .then()
                .statusCode(200)
                .body("items", empty());
        given().header("Authorization", caseSystem)
                .get("/deviation/v1/my-deviations?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(first))
                .body("items.id", not(hasItem(second)))
                .body("items.find { it.id == '" + first + "' }.stage", equalTo("IN_PROGRESS"));
        given().header("Authorization", caseSystem2)
                .get("/deviation/v1/my-deviations?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(first)));

        // the client, not only the subject, identifies the filer: the same subject through another client sees nothing
        String sameSubjectOtherClient =
                TestTokens.user("case-system").roles("case-system").bearer();
        assertThat(TestTokens.user("case-system").subject())
                .isEqualTo(TestTokens.client("case-system").subject());
        given().header("Authorization", sameSubjectOtherClient)
                .get(PATH + "/" + first)
                .then()
                .statusCode(404);
        given().header("Authorization", sameSubjectOtherClient)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(first)));

        // track, triage history and actions are case work: not for a case system (role), and the quality team still
        // sees all
        given().header("Authorization", caseSystem)
                .get(PATH + "/" + first + "/triage-history")
                .then()
                .statusCode(403);
        given().header("Authorization", karin)
                .get(PATH + "?limit=500")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + first + "' }.categories", contains("LEX_SARAH"));
        // every refused read of the other system's report is in the access log
        assertThat(DeviationDb.count("SELECT count(*) FROM case_access_log WHERE deviation_id = '" + first
                        + "' AND granted = false"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReporterReadsTheFilersViewOfTheirOwnReportAndNoCaseWorkOfIt() {
        // erik manages Äldreomsorg's unit 11 and files a report on a unit of another department (he may: the duty to
        // report)
        String erik = TestTokens.user("erik-" + UUID.randomUUID())
                .roles("reporter", "unit-manager")
                .orgUnits(HEMTJANST)
                .bearer();
        String id = given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body("""
                {"summary":"Sett på besök","description":"Dörren till läkemedelsskåpet stod öppen.","occurredAt":"2026-10-05T09:00:00Z",
                 "orgUnitId":"00000000-0000-4000-8000-000000000021"}""")
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String track = post(
                        karin,
                        PATH + "/" + id + "/triage",
                        etag(karin, PATH + "/" + id),
                        "{\"categories\":[\"LEX_SARAH\"]}")
                .then()
                .statusCode(200)
                .extract()
                .path("tracks[0].id");
        given().header("Authorization", erik)
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("$", not(hasKey("categories")));
        // his manager role does not reach a unit outside his part: the track, the history and the actions are not his
        // to see
        given().header("Authorization", erik)
                .get(PATH + "/" + id + "/tracks/" + track)
                .then()
                .statusCode(404);
        given().header("Authorization", erik)
                .get(PATH + "/" + id + "/triage-history")
                .then()
                .statusCode(404);
        given().header("Authorization", erik)
                .get(PATH + "/" + id + "/actions")
                .then()
                .statusCode(404);
        given().header("Authorization", erik)
                .get("/deviation/v1/deadlines?limit=500")
                .then()
                .statusCode(200)
                .body("items.deviationId", not(hasItem(id)));
    }
}
