package se.kvalitet.registry.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.Api;

/** The demo organisation's documents after the seeds: Malmö's core processes, Nacka's process areas, coverage with hits and gaps. */
@QuarkusTest
class DemoDataTest {

    static String doc(int n) {
        return DemoDocuments.documentId(n).toString();
    }

    @Test
    void malmosFourCoreProcessesAndNackasProcessAreasAreInForce() {
        given().header("Authorization", anna())
                .queryParams("type", "PROCESS", "limit", 500)
                .get(DOCS)
                .then()
                .statusCode(200)
                .body(
                        "items.title",
                        hasItems(
                                "Barn- och ungdomsvård och familjehemsvård",
                                "Vuxen boende",
                                "Missbruk och beroende",
                                "Ekonomiskt bistånd",
                                "Kvalitetssäkring av sociala tjänster",
                                "Tillgänglighet",
                                "Samarbete och samverkan",
                                "Handläggning och dokumentation",
                                "Fel och brister i verksamheten",
                                "Synpunkter och klagomål",
                                "Personal- och kompetensförsörjning",
                                "Försörjning av varor och tjänster",
                                "Uppföljning och utvärdering av verksamheten"));
        given().header("Authorization", anna())
                .get(DOCS + "/" + doc(1))
                .then()
                .statusCode(200)
                .body("processCategory", equalTo("CORE"))
                .body("decision.decidedBy", equalTo("BOARD"))
                .body("activities.name", hasItems("Förhandsbedöma", "Utreda", "Följa upp"))
                .body("activities.size()", equalTo(7))
                .body("cooperationPartnerIds.size()", equalTo(3));
        // routines per activity, a guideline per core process, checklists and agreements
        given().header("Authorization", anna())
                .queryParams("processId", doc(1), "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", hasItems(doc(110), doc(111), doc(202), doc(401)));
        // a revised routine has its history and a diff
        given().header("Authorization", anna())
                .get(DOCS + "/" + doc(101) + "/versions")
                .then()
                .body("status", equalTo(List.of("SUPERSEDED", "APPROVED")));
        given().header("Authorization", anna())
                .queryParams("from", 1, "to", 2)
                .get(DOCS + "/" + doc(101) + "/diff")
                .then()
                .body("linesAdded", greaterThan(0));
        // some reviews are overdue, some due
        given().header("Authorization", anna())
                .queryParams("state", "OVERDUE", "limit", 500)
                .get("/registry/v1/reviews")
                .then()
                .body("items.id", hasItems(doc(103), doc(105), doc(401)));
        given().header("Authorization", anna())
                .queryParams("state", "DUE", "limit", 500)
                .get("/registry/v1/reviews")
                .then()
                .body("items.id", hasItems(doc(102), doc(107)));
        given().header("Authorization", anna())
                .queryParams("q", "orosanmälan")
                .get("/registry/v1/search")
                .then()
                .body("items.documentId", hasItem(doc(110)));
    }

    @Test
    void theCoverageMatrixHasHitsAndGaps() {
        Response r = given().header("Authorization", karin())
                .queryParam("unit", Api.ADMINISTRATION)
                .get("/registry/v1/coverage");
        r.then().statusCode(200).body("operatingUnits.size()", equalTo(6));
        int covered = r.path("summary.covered");
        int partial = r.path("summary.partial");
        int gaps = r.path("summary.gaps");
        assertThat(covered).isGreaterThan(5);
        assertThat(partial).isGreaterThan(0);
        assertThat(gaps).isGreaterThan(0);
        // lex Sarah: one administration-wide routine covers every unit where SoL or LSS applies
        r.then()
                .body(
                        "requirements.find { it.requirementItemId == '00000000-0000-4000-b002-000000020000' }.state",
                        equalTo("COVERED"))
                // egenkontroll only in home care
                .body(
                        "requirements.find { it.requirementItemId == '00000000-0000-4000-b001-000000050002' }.state",
                        equalTo("PARTIAL"))
                // nobody has a routine for the management system itself (3 kap. 1 §)
                .body(
                        "requirements.find { it.requirementItemId == '00000000-0000-4000-b001-000000030001' }.state",
                        equalTo("GAP"));
        given().header(
                        "Authorization",
                        se.kvalitet.testing.TestTokens.user("bo")
                                .roles("viewer")
                                .bearer())
                .queryParam("unit", Api.BOARD)
                .get("/registry/v1/risk-matrix")
                .then()
                .statusCode(200)
                .body("total", greaterThan(4));
    }
}
