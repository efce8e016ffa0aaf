package se.kvalitet.registry.requirement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.verksamhet.VerksamhetResourceTest;
import se.kvalitet.testing.TestTokens;

/** The requirement catalogue (kravkatalog): the shipped regulations as data, applicability, edits and withdrawal. */
@QuarkusTest
class RequirementResourceTest {

    static final String PATH = "/registry/v1/requirements";
    static final String SOSFS_2011_9 = "00000000-0000-4000-a000-000000000001";
    static final String SOSFS_2011_5 = "00000000-0000-4000-a000-000000000002";
    static final String PSL = "00000000-0000-4000-a000-000000000003";
    static final String GDPR = "00000000-0000-4000-a000-000000000004";
    static final String PROCESSES_4_2 = "00000000-0000-4000-b001-000000040002";
    static final String COOPERATION_4_5 = "00000000-0000-4000-b001-000000040005";
    static final String COOPERATION_HEALTH_4_6 = "00000000-0000-4000-b001-000000040006";
    static final String RISK_5_1 = "00000000-0000-4000-b001-000000050001";
    static final String LEX_SARAH_ROUTINES = "00000000-0000-4000-b002-000000020000";
    static final String LEX_MARIA = "00000000-0000-4000-b003-000000030005";
    static final String BREACH_ART_33 = "00000000-0000-4000-b004-000000000033";

    static String karin() {
        return VerksamhetResourceTest.karin();
    }

    static String anna() {
        return VerksamhetResourceTest.anna();
    }

    static String regulation(String code) {
        return """
                {"code":"%s","title":"Föreskrifter om testning","kind":"REGULATION","issuedBy":"Socialstyrelsen",
                 "url":"https://example.org/hslf"}""".formatted(code);
    }

    static String item(String reference, String summary, String bases, String kinds, int orderKey) {
        return """
                {"reference":"%s","summary":"%s","appliesToLegalBases":%s,"appliesToKinds":%s,"orderKey":%d}""".formatted(reference, summary, bases, kinds, orderKey);
    }

    static String newRegulation() {
        String code = "HSLF-FS " + UUID.randomUUID().toString().substring(0, 8);
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(regulation(code))
                .post(PATH + "/regulations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void theShippedCatalogueHoldsSosfs20119ChapterByChapterAndTheOtherRules() {
        given().header("Authorization", anna())
                .queryParam("limit", 500)
                .get(PATH + "/regulations")
                .then()
                .statusCode(200)
                .body("items.id", hasItems(SOSFS_2011_9, SOSFS_2011_5, PSL, GDPR))
                .body("items.code", hasItems("SOSFS 2011:9", "SOSFS 2011:5", "SFS 2010:659", "(EU) 2016/679"));
        given().header("Authorization", anna())
                .queryParam("kind", "EU_REGULATION")
                .get(PATH + "/regulations")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(GDPR))
                .body("items.kind", everyItem(equalTo("EU_REGULATION")));

        Response sosfs = given().header("Authorization", anna()).get(PATH + "/regulations/" + SOSFS_2011_9);
        sosfs.then().statusCode(200).header("ETag", notNullValue()).body("kind", equalTo("REGULATION"));
        List<String> references = sosfs.path("items.reference");
        // 3-7 kap in the regulation's own order
        assertThat(references)
                .startsWith(
                        "3 kap. 1 §",
                        "3 kap. 2 §",
                        "4 kap. 1 §",
                        "4 kap. 2 §",
                        "4 kap. 3 §",
                        "4 kap. 4 §",
                        "4 kap. 5 §")
                .contains("5 kap. 1 §", "5 kap. 8 §", "6 kap. 1 §")
                .endsWith("7 kap. 1 §", "7 kap. 2 §");
        assertThat(references).hasSize(21);

        given().header("Authorization", anna())
                .get(PATH + "/items/" + PROCESSES_4_2)
                .then()
                .statusCode(200)
                .body("regulationCode", equalTo("SOSFS 2011:9"))
                .body("reference", equalTo("4 kap. 2 §"))
                .body("summary", containsString("processer"))
                .body("appliesToLegalBases", equalTo(List.of()))
                .body("withdrawn", equalTo(false));
        given().header("Authorization", anna())
                .get(PATH + "/items/" + LEX_MARIA)
                .then()
                .statusCode(200)
                .body("regulationCode", equalTo("SFS 2010:659"))
                .body("reference", equalTo("3 kap. 5 §"))
                .body("appliesToLegalBases", equalTo(List.of("HSL", "PSL")));
        given().header("Authorization", anna())
                .get(PATH + "/items/" + BREACH_ART_33)
                .then()
                .statusCode(200)
                .body("summary", containsString("72 timmar"));
        given().header("Authorization", anna())
                .get(PATH + "/items/" + LEX_SARAH_ROUTINES)
                .then()
                .statusCode(200)
                .body("appliesToLegalBases", equalTo(List.of("SOL", "LSS", "LVU", "LVM", "SFB")));
    }

    @Test
    void aVerksamhetGetsTheRequirementsOfItsLegalBases() {
        // LSS housing with home nursing (LSS, HSL, GDPR): lex Sarah, lex Maria and health-care cooperation apply
        given().header("Authorization", anna())
                .queryParams("verksamhetId", VerksamhetResourceTest.DEMO_LSS, "limit", 500)
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body(
                        "items.id",
                        hasItems(
                                PROCESSES_4_2,
                                COOPERATION_4_5,
                                COOPERATION_HEALTH_4_6,
                                RISK_5_1,
                                LEX_SARAH_ROUTINES,
                                LEX_MARIA,
                                BREACH_ART_33));
        // Barn och unga (SOL, LVU, GDPR): lex Sarah, no lex Maria, no health-care cooperation
        Response children = given().header("Authorization", anna())
                .queryParams("verksamhetId", VerksamhetResourceTest.DEMO_BARN_OCH_UNGA, "limit", 500)
                .get(PATH + "/items");
        children.then()
                .statusCode(200)
                .body("items.id", hasItems(PROCESSES_4_2, COOPERATION_4_5, LEX_SARAH_ROUTINES, BREACH_ART_33))
                .body("items.id", not(hasItem(LEX_MARIA)))
                .body("items.id", not(hasItem(COOPERATION_HEALTH_4_6)));
        // by legal basis alone: HSL gets lex Maria and every general item, never an item listing only other bases
        given().header("Authorization", anna())
                .queryParams("legalBasis", "HSL", "limit", 500)
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body("items.id", hasItems(LEX_MARIA, PROCESSES_4_2))
                .body("items.id", not(hasItem(LEX_SARAH_ROUTINES)));
        given().header("Authorization", anna())
                .queryParams("regulationId", SOSFS_2011_5)
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("items.regulationCode", everyItem(equalTo("SOSFS 2011:5")));
        // text search over summary, reference and regulation code, case-insensitive; LIKE wildcards are literal
        given().header("Authorization", anna())
                .queryParams("q", "EGENKONTROLL")
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body("items.id", hasItem("00000000-0000-4000-b001-000000050002"));
        given().header("Authorization", anna())
                .queryParams("q", "%")
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().header("Authorization", anna())
                .queryParams("q", "x".repeat(201))
                .get(PATH + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("q"));
        given().header("Authorization", anna())
                .queryParams("verksamhetId", UUID.randomUUID())
                .get(PATH + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("verksamhetId"));
    }

    @Test
    void qualityTeamsAddEditAndWithdrawItemsUnderTheLock() {
        String reg = newRegulation();
        Response added = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("3 kap. 1 §", "Rutiner för anmälan", "[\"HSL\"]", "[\"HEALTH_CARE\"]", 301))
                .post(PATH + "/regulations/" + reg + "/items");
        added.then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .header("Location", containsString(PATH + "/items/"))
                .body("appliesToLegalBases", equalTo(List.of("HSL")))
                .body("appliesToKinds", equalTo(List.of("HEALTH_CARE")));
        String id = added.path("id");
        // a second item with the same reference while the first is in force
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("3 kap. 1 §", "Dubblett", "[]", "[]", 301))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/requirement-reference-taken"))
                .body("requirementItemId", equalTo(id));

        String etag = added.header("ETag");
        String replacement = item("3 kap. 1 §", "Rutiner för anmälan och utredning", "[]", "[]", 301);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/items/" + id)
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", "\"41\"")
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/items/" + id)
                .then()
                .statusCode(412);
        Response replaced = given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/items/" + id);
        replaced.then()
                .statusCode(200)
                .body("summary", equalTo("Rutiner för anmälan och utredning"))
                .body("appliesToLegalBases", equalTo(List.of()));
        assertThat(replaced.header("ETag")).isNotEqualTo(etag);
        given().header("Authorization", anna())
                .get(PATH + "/items/" + id)
                .then()
                .body("appliesToKinds", equalTo(List.of()));

        // withdrawn today: kept and readable, left out of lists unless asked for, no longer editable
        given().header("Authorization", karin())
                .header("If-Match", replaced.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"Upphävd\"}")
                .post(PATH + "/items/" + id + "/withdraw")
                .then()
                .statusCode(200)
                .body("withdrawn", equalTo(true))
                .body("withdrawnOn", notNullValue())
                .body("withdrawnReason", equalTo("Upphävd"));
        given().header("Authorization", anna())
                .get(PATH + "/regulations/" + reg)
                .then()
                .body("items", equalTo(List.of()));
        given().header("Authorization", anna())
                .queryParam("includeWithdrawn", true)
                .get(PATH + "/regulations/" + reg)
                .then()
                .body("items.id", equalTo(List.of(id)));
        given().header("Authorization", anna())
                .queryParams("regulationId", reg)
                .get(PATH + "/items")
                .then()
                .body("total", equalTo(0));
        String current = given().header("Authorization", anna())
                .get(PATH + "/items/" + id)
                .then()
                .extract()
                .header("ETag");
        given().header("Authorization", karin())
                .header("If-Match", current)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/items/" + id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/requirement-item-withdrawn"));
        // the reference is free again for a new item
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("3 kap. 1 §", "Ny lydelse", "[]", "[]", 301))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(201);
        given().header("Authorization", anna())
                .queryParams("regulationId", reg, "updatedSince", "2000-01-01T00:00:00Z")
                .get(PATH + "/items")
                .then()
                .body("total", equalTo(1));
        given().header("Authorization", anna())
                .queryParams("regulationId", reg, "updatedSince", "2999-01-01T00:00:00Z")
                .get(PATH + "/items")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void aRegulationIsEditedUnderTheLock() {
        String reg = newRegulation();
        String etag = given().header("Authorization", anna())
                .get(PATH + "/regulations/" + reg)
                .then()
                .extract()
                .header("ETag");
        String code = "HSLF-FS " + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(regulation(code).replace("Föreskrifter om testning", "Föreskrifter om ledningssystem"))
                .put(PATH + "/regulations/" + reg)
                .then()
                .statusCode(200)
                .body("title", equalTo("Föreskrifter om ledningssystem"))
                .body("code", equalTo(code));
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(regulation(code))
                .put(PATH + "/regulations/" + reg)
                .then()
                .statusCode(412);
        String fresh = given().header("Authorization", anna())
                .get(PATH + "/regulations/" + reg)
                .then()
                .extract()
                .header("ETag");
        given().header("Authorization", karin())
                .header("If-Match", fresh)
                .contentType(ContentType.JSON)
                .body(regulation("SOSFS 2011:9"))
                .put(PATH + "/regulations/" + reg)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/regulation-code-taken"));
        given().header("Authorization", anna())
                .get(PATH + "/regulations/" + reg)
                .then()
                .body("code", equalTo(code));
    }

    @Test
    void badInputAndForbiddenEditsAreProblems() {
        String reg = newRegulation();
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("reference", "summary", "orderKey"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("1 §", "X", "[\"SOCIALLAGEN\"]", "[]", 1))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("GDPR"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("1 §", "x".repeat(2001), "[]", "[]", 1))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("summary"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("1 §", "X", "[]", "[]", 1).replace("1}", "\"etta\"}"))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("orderKey"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(item("1 §", "X", "[]", "[]", 1))
                .post(PATH + "/regulations/" + UUID.randomUUID() + "/items")
                .then()
                .statusCode(404);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(regulation("X").replace("https://example.org/hslf", "javascript:alert(1)"))
                .post(PATH + "/regulations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("url"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(regulation("SOSFS 2011:9"))
                .post(PATH + "/regulations")
                .then()
                .statusCode(409);
        given().header("Authorization", anna())
                .queryParam("kind", "BYLAW")
                .get(PATH + "/regulations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
        // a malformed id is a 400 naming the parameter (issue 13/14), not JAX-RS's bare 404
        given().header("Authorization", anna())
                .get(PATH + "/items/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("id"));
        given().header("Authorization", anna())
                .queryParam("updatedSince", "yesterday")
                .get(PATH + "/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("updatedSince"));

        // only the quality team and admins edit the catalogue; nothing is written
        given().header("Authorization", anna())
                .contentType(ContentType.JSON)
                .body(item("9 §", "X", "[]", "[]", 9))
                .post(PATH + "/regulations/" + reg + "/items")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header(
                        "Authorization",
                        TestTokens.user("per").roles("process-owner").bearer())
                .contentType(ContentType.JSON)
                .body(regulation("X-1"))
                .post(PATH + "/regulations")
                .then()
                .statusCode(403);
        given().header(
                        "Authorization",
                        TestTokens.user("per").roles("process-owner").bearer())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH + "/items/" + PROCESSES_4_2 + "/withdraw")
                .then()
                .statusCode(403);
        given().header("Authorization", anna())
                .queryParam("includeWithdrawn", true)
                .get(PATH + "/regulations/" + reg)
                .then()
                .body("items", equalTo(List.of()));
        given().header("Authorization", anna())
                .get(PATH + "/items/" + PROCESSES_4_2)
                .then()
                .body("withdrawn", equalTo(false));
        given().get(PATH + "/items").then().statusCode(401);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .get(PATH + "/items")
                .then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(27));
    }
}
