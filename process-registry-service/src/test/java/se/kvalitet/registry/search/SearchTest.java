package se.kvalitet.registry.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.ELDERLY;
import static se.kvalitet.registry.Api.HEMTJANST_NORR;
import static se.kvalitet.registry.Api.IFO;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.approve;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.Api;

/** Swedish full-text search: stemming, ranking, highlighted snippets, only approved versions, filters by unit and type. */
@QuarkusTest
class SearchTest {

    static final String WORD = "fjärrvärmeledning";

    static String routine(String unit, String title, String content) {
        String id = Api.routineDraft(karin(), null, null, unit, List.of(unit), title, content, List.of());
        approve(karin(), id, Api.today()).then().statusCode(200);
        return id;
    }

    @Test
    void wordsAreFoundByTheirSwedishStemRankedAndHighlighted() {
        String inTitle = routine(
                HEMTJANST_NORR,
                "Rutin vid avbrott i " + WORD + "en",
                "Kontakta jouren. Se till att brukaren inte fryser.");
        String inText = routine(
                HEMTJANST_NORR,
                "Rutin för kalla lägenheter",
                "Om " + WORD + "arna i området har avbrott kontaktar personalen jouren <script>x</script> direkt.");
        String elsewhere = routine(IFO, "Rutin för " + WORD + " på kontoret", "Gäller kontoret.");
        String draft = Api.routineDraft(
                karin(),
                null,
                null,
                HEMTJANST_NORR,
                List.of(HEMTJANST_NORR),
                "Utkast om " + WORD,
                "Ej beslutad.",
                List.of());

        Response r = given().header("Authorization", anna())
                .queryParam("q", WORD + "arna")
                .get("/registry/v1/search");
        r.then()
                .statusCode(200)
                .body("total", equalTo(3))
                // the title weighs most: both title hits rank above the text hit
                .body("items[2].documentId", equalTo(inText))
                .body("items.documentId", not(hasItem(draft)))
                .body("items.find { it.documentId == '" + inTitle + "' }.titleHighlight", containsString("<mark>"))
                .body(
                        "items.find { it.documentId == '" + inText + "' }.snippet",
                        containsString("<mark>" + WORD + "arna</mark>"))
                // the text is escaped before highlighting
                .body("items.find { it.documentId == '" + inText + "' }.snippet", containsString("&lt;script&gt;"))
                .body("items.find { it.documentId == '" + inText + "' }.rank", greaterThan(0f));
        // by unit: documents for the unit, above it or under it
        given().header("Authorization", anna())
                .queryParams("q", WORD, "unit", ELDERLY)
                .get("/registry/v1/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.documentId", not(hasItem(elsewhere)));
        given().header("Authorization", anna())
                .queryParams("q", WORD, "type", "GUIDELINE")
                .get("/registry/v1/search")
                .then()
                .body("total", equalTo(0));
        given().header("Authorization", anna())
                .queryParams("q", WORD, "type", "ROUTINE", "limit", 1, "page", 2)
                .get("/registry/v1/search")
                .then()
                .body("total", equalTo(3))
                .body("items.size()", equalTo(1))
                .body("page", equalTo(2));
        given().header("Authorization", anna())
                .queryParams("q", WORD, "limit", 10, "page", 9)
                .get("/registry/v1/search")
                .then()
                .body("total", equalTo(3))
                .body("items.size()", equalTo(0));
        // phrases and exclusions (web-search syntax)
        given().header("Authorization", anna())
                .queryParam("q", WORD + " -kontoret")
                .get("/registry/v1/search")
                .then()
                .body("items.documentId", not(hasItem(elsewhere)));
        // withdrawn: no longer found
        post(karin(), DOCS + "/" + elsewhere + "/withdraw", body("reason", "OBSOLETE"), Api.etag(elsewhere))
                .then()
                .statusCode(200);
        given().header("Authorization", anna())
                .queryParam("q", WORD)
                .get("/registry/v1/search")
                .then()
                .body("total", equalTo(2));
        // only stop words: nothing, not an error
        given().header("Authorization", anna())
                .queryParam("q", "och att")
                .get("/registry/v1/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void badSearchesAreProblems() {
        given().header("Authorization", anna())
                .get("/registry/v1/search")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("q"));
        given().header("Authorization", anna())
                .queryParam("q", "x".repeat(201))
                .get("/registry/v1/search")
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .queryParams("q", "rutin", "type", "MEMO")
                .get("/registry/v1/search")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("type"));
        given().header("Authorization", anna())
                .queryParams("q", "rutin", "unit", "elva")
                .get("/registry/v1/search")
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .queryParams("q", "\"'):&|!<->*")
                .get("/registry/v1/search")
                .then()
                .statusCode(200);
        given().queryParams("q", "rutin").get("/registry/v1/search").then().statusCode(401);
    }
}
