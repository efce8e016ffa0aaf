package se.kvalitet.registry.coverage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.registry.Api.ADMINISTRATION;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.EGENKONTROLL_5_2;
import static se.kvalitet.registry.Api.ROUTINES_4_4;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.approve;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.requirement;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.UnitCoverageChangedV1;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TopicReader;

/** GET /coverage: seed 002's matrix computed, with hits and gaps, and unit-coverage.changed when it moves. */
@QuarkusTest
class CoverageTest {

    static final String LEX_MARIA = "00000000-0000-4000-b003-000000030005";
    static final String LEX_SARAH_ROUTINES = "00000000-0000-4000-b002-000000020000";

    static String verksamhet(String unit, String bases, String kinds) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Verksamhet","legalBases":%s,"kinds":%s,"orgUnitIds":["%s"]}""".formatted(Api.unique("V"), bases, kinds, unit))
                .post("/registry/v1/verksamheter")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void theMatrixShowsWhichRoutineSatisfiesEachRequirementAndTheGaps() {
        String department = Api.unit(Api.root(Api.unique("Nämnd")), Api.unique("Avdelning"));
        String homeCare = Api.unit(department, "Hemtjänst Syd");
        String nursingHome = Api.unit(department, "Lindens boende");
        String vHomeCare = verksamhet(homeCare, "[\"SOL\"]", "[\"HOME_CARE\"]");
        verksamhet(nursingHome, "[\"SOL\",\"HSL\"]", "[\"ELDERLY_CARE\"]");

        // before any routine: everything that applies is a gap; lex Maria only where HSL applies
        Response before = given().header("Authorization", anna())
                .queryParam("unit", department)
                .get("/registry/v1/coverage");
        before.then()
                .statusCode(200)
                .body("operatingUnits.orgUnitId", hasItems(homeCare, nursingHome))
                .body("summary.covered", equalTo(0))
                .body(
                        "requirements.find { it.requirementItemId == '" + LEX_MARIA + "' }.applicableOrgUnitIds",
                        equalTo(List.of(nursingHome)))
                .body(
                        "requirements.find { it.requirementItemId == '" + LEX_SARAH_ROUTINES + "' }.state",
                        equalTo("GAP"));
        int applicable = before.path("summary.applicable");
        assertThat(applicable).isGreaterThan(15);

        // a department-wide routine for 4 kap. 4 § and an egenkontroll routine for home care only
        String process =
                Api.processDraft(karin(), department, List.of(department), Api.unique("Process"), "Genomföra insats");
        approve(karin(), process, Api.today()).then().statusCode(200);
        String wide = Api.routineDraft(
                karin(),
                process,
                null,
                department,
                List.of(department),
                "Rutin för genomförandeplaner",
                "Gör så här.",
                List.of(requirement(ROUTINES_4_4, "DOCUMENT_REVIEW", "Enhetschef")));
        approve(karin(), wide, Api.today()).then().statusCode(200);
        String homeOnly = Api.routineDraft(
                karin(),
                process,
                null,
                homeCare,
                List.of(homeCare),
                "Rutin för egenkontroll i hemtjänsten",
                "Gör så här.",
                List.of(requirement(EGENKONTROLL_5_2, "EGENKONTROLL", "Enhetschef")));
        approve(karin(), homeOnly, Api.today()).then().statusCode(200);

        Response after = given().header("Authorization", anna())
                .queryParam("unit", department)
                .get("/registry/v1/coverage");
        after.then()
                .statusCode(200)
                .body("requirements.find { it.requirementItemId == '" + ROUTINES_4_4 + "' }.state", equalTo("COVERED"))
                .body(
                        "requirements.find { it.requirementItemId == '" + ROUTINES_4_4 + "' }.documents[0].title",
                        equalTo("Rutin för genomförandeplaner"))
                .body(
                        "requirements.find { it.requirementItemId == '" + ROUTINES_4_4
                                + "' }.documents[0].followUpMethod",
                        equalTo("DOCUMENT_REVIEW"))
                .body(
                        "requirements.find { it.requirementItemId == '" + ROUTINES_4_4 + "' }.documents[0].responsible",
                        equalTo("Enhetschef"))
                .body(
                        "requirements.find { it.requirementItemId == '" + EGENKONTROLL_5_2 + "' }.state",
                        equalTo("PARTIAL"))
                .body(
                        "requirements.find { it.requirementItemId == '" + EGENKONTROLL_5_2 + "' }.uncoveredOrgUnitIds",
                        equalTo(List.of(nursingHome)))
                .body("gaps.requirementItemId", hasItems(EGENKONTROLL_5_2, LEX_MARIA))
                .body("gaps.requirementItemId", not(hasItem(ROUTINES_4_4)))
                .body("summary.covered", equalTo(1))
                .body("summary.partial", equalTo(1));
        // one verksamhet only: home care's requirements, where egenkontroll is covered
        given().header("Authorization", anna())
                .queryParams("unit", department, "verksamhet", vHomeCare)
                .get("/registry/v1/coverage")
                .then()
                .statusCode(200)
                .body("operatingUnits.orgUnitId", equalTo(List.of(homeCare)))
                .body(
                        "requirements.find { it.requirementItemId == '" + EGENKONTROLL_5_2 + "' }.state",
                        equalTo("COVERED"))
                .body("requirements.requirementItemId", not(hasItem(LEX_MARIA)));
        // as of a day before the routines were decided
        given().header("Authorization", anna())
                .queryParams("unit", department, "asOf", "2024-06-01")
                .get("/registry/v1/coverage")
                .then()
                .statusCode(200)
                .body("summary.covered", equalTo(0));
        // both sides of the day they came into force (issue 16 item 3)
        given().header("Authorization", anna())
                .queryParams(
                        "unit",
                        department,
                        "asOf",
                        java.time.LocalDate.parse(Api.today()).minusDays(1).toString())
                .get("/registry/v1/coverage")
                .then()
                .statusCode(200)
                .body(
                        "asOf",
                        equalTo(java.time.LocalDate.parse(Api.today())
                                .minusDays(1)
                                .toString()))
                .body("summary.covered", equalTo(0));
        given().header("Authorization", anna())
                .queryParams("unit", department, "asOf", Api.today())
                .get("/registry/v1/coverage")
                .then()
                .statusCode(200)
                .body("summary.covered", equalTo(1))
                .body("summary.partial", equalTo(1));

        // the nursing home's snapshot was published with its gaps; home care's moved to covering egenkontroll
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            List<UnitCoverageChangedV1> home = Api.events(reader, homeCare, UnitCoverageChangedV1.TYPE, 4).stream()
                    .map(e -> se.kvalitet.events.EventCodec.data(e, UnitCoverageChangedV1.class))
                    .toList();
            UnitCoverageChangedV1 latest = home.get(home.size() - 1);
            assertThat(latest.coveredRequirementItemIds())
                    .extracting(UUID::toString)
                    .contains(ROUTINES_4_4, EGENKONTROLL_5_2);
            assertThat(latest.gaps())
                    .extracting(g -> g.requirementItemId().toString())
                    .doesNotContain(EGENKONTROLL_5_2)
                    .contains(LEX_SARAH_ROUTINES);
            assertThat(latest.gaps())
                    .allSatisfy(g -> assertThat(g.regulationCode()).isNotBlank());
            assertThat(latest.documentsInForceCount()).isEqualTo(3);
            assertThat(latest.applicableCount())
                    .isEqualTo(latest.coveredRequirementItemIds().size()
                            + latest.gaps().size());
            UnitCoverageChangedV1 first = home.get(0);
            assertThat(first.coveredRequirementItemIds()).isEmpty();
        }

        // withdrawing the wide routine opens the gap again
        post(karin(), DOCS + "/" + wide + "/withdraw", body("reason", "OBSOLETE"), etag(wide))
                .then()
                .statusCode(200);
        given().header("Authorization", anna())
                .queryParam("unit", homeCare)
                .get("/registry/v1/coverage")
                .then()
                .body("requirements.find { it.requirementItemId == '" + ROUTINES_4_4 + "' }.state", equalTo("GAP"));
    }

    @Test
    void badCoverageQueriesAreProblems() {
        given().header("Authorization", anna())
                .get("/registry/v1/coverage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("unit"));
        given().header("Authorization", anna())
                .queryParam("unit", "x")
                .get("/registry/v1/coverage")
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .queryParam("unit", UUID.randomUUID())
                .get("/registry/v1/coverage")
                .then()
                .statusCode(404);
        given().header("Authorization", anna())
                .queryParams("unit", ADMINISTRATION, "verksamhet", UUID.randomUUID())
                .get("/registry/v1/coverage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("verksamhet"));
        given().header("Authorization", anna())
                .queryParams("unit", ADMINISTRATION, "asOf", "igår")
                .get("/registry/v1/coverage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("asOf"));
        given().header(
                        "Authorization",
                        se.kvalitet.testing.TestTokens.client("case-system")
                                .roles("case-system")
                                .bearer())
                .queryParam("unit", ADMINISTRATION)
                .get("/registry/v1/coverage")
                .then()
                .statusCode(403);
    }
}
