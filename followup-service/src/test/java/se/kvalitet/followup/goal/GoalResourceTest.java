package se.kvalitet.followup.goal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/** Goals: overarching → board → operational per unit; who may write which; quality criteria are configurable. */
@QuarkusTest
class GoalResourceTest {

    static final String PATH = "/followup/v1/goals";
    static Fixtures.Org org;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    static String goal(String level, Object parent, Object unit, String title) {
        return "{\"level\":\"%s\",\"parentId\":%s,\"orgUnitId\":%s,\"title\":\"%s\",\"criterionCode\":\"SAFETY\",\"validFrom\":2025}"
                .formatted(
                        level,
                        parent == null ? "null" : "\"" + parent + "\"",
                        unit == null ? "null" : "\"" + unit + "\"",
                        title);
    }

    static Response post(String token, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH);
    }

    @Test
    void goalsBreakDownLevelByLevel() {
        String top = post(karin(), goal("OVERARCHING", null, null, "God kommunal service"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String board = post(karin(), goal("BOARD", top, org.board(), "Kunderna ska vara nöjda"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response op = post(karin(), goal("OPERATIONAL", board, org.deptA(), "Nöjda brukare i avdelning A"));
        op.then().statusCode(201).body("level", equalTo("OPERATIONAL")).body("criterionCode", equalTo("SAFETY"));
        String dept = op.path("id");
        String a1 = post(karin(), goal("OPERATIONAL", dept, org.a1(), "Nöjda brukare i A1"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(karin(), goal("OPERATIONAL", dept, org.b1(), "Fel avdelning"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("parentId"));
        post(karin(), goal("OPERATIONAL", top, org.a1(), "Hoppar över nämndmålet"))
                .then()
                .statusCode(400);
        post(karin(), goal("OPERATIONAL", board, null, "Utan enhet"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("orgUnitId"));
        post(karin(), goal("BOARD", board, null, "Nämndmål under nämndmål"))
                .then()
                .statusCode(400);
        post(karin(), goal("OVERARCHING", top, null, "Med förälder")).then().statusCode(400);
        post(karin(), goal("OPERATIONAL", board, UUID.randomUUID(), "Okänd enhet"))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("orgUnitId"));
        post(karin(), goal("OPERATIONAL", UUID.randomUUID(), org.a1(), "Okänt överordnat mål"))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("parentId"));
        post(karin(), goal("BOARD", top, null, "Okänt kriterium").replace("SAFETY", "LUCK"))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("criterionCode"));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("parentId", board)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(dept));
        // no cycles: a goal cannot break down a goal below it
        Response current = given().header("Authorization", karin()).get(PATH + "/" + dept);
        given().header("Authorization", karin())
                .header("If-Match", current.header("ETag"))
                .contentType(ContentType.JSON)
                .body(goal("OPERATIONAL", a1, org.deptA(), "Cykel"))
                .put(PATH + "/" + dept)
                .then()
                .statusCode(400)
                .body("detail", containsString("below it"));
        // a goal others break down keeps its level
        Response boardGoal = given().header("Authorization", karin()).get(PATH + "/" + board);
        given().header("Authorization", karin())
                .header("If-Match", boardGoal.header("ETag"))
                .contentType(ContentType.JSON)
                .body(goal("OVERARCHING", null, null, "Uppgraderat"))
                .put(PATH + "/" + board)
                .then()
                .statusCode(409);
    }

    @Test
    void unitManagersWriteTheOperationalGoalsOfTheirUnits() {
        String top = post(karin(), goal("OVERARCHING", null, null, "Effektivt resursutnyttjande"))
                .path("id");
        String board = post(karin(), goal("BOARD", top, null, "Effektiv användning av resurser"))
                .path("id");
        String erik = Fixtures.manager(org.deptA());
        Response own = post(erik, goal("OPERATIONAL", board, org.a2(), "Kortare väntetider i A2"));
        own.then().statusCode(201);
        post(erik, goal("OPERATIONAL", board, org.b1(), "Andras enhet")).then().statusCode(403);
        post(erik, goal("BOARD", top, null, "Nämndens")).then().statusCode(403);
        String foreign =
                post(karin(), goal("OPERATIONAL", board, org.b1(), "B1:s mål")).path("id");
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body("{}")
                .put(PATH + "/" + foreign)
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .header("If-Match", "\"9\"")
                .contentType(ContentType.JSON)
                .body("{}")
                .put(PATH + "/" + own.path("id"))
                .then()
                .statusCode(412);
        given().header("Authorization", erik)
                .header("If-Match", own.header("ETag"))
                .contentType(ContentType.JSON)
                .body(goal("OPERATIONAL", board, org.a2(), "Kortare väntetider i A2, omformulerat"))
                .put(PATH + "/" + own.path("id"))
                .then()
                .statusCode(200)
                .body("title", equalTo("Kortare väntetider i A2, omformulerat"));
        post(Fixtures.anna(), goal("OPERATIONAL", board, org.a2(), "x")).then().statusCode(403);
        given().header("Authorization", Fixtures.bi())
                .queryParam("level", "BOARD")
                .get(PATH)
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bi())
                .queryParam("level", "LOFTY")
                .get(PATH)
                .then()
                .statusCode(400);
    }

    @Test
    void theListOfQualityCriteriaIsConfigurable() {
        String code = "CRIT_"
                + UUID.randomUUID()
                        .toString()
                        .substring(0, 8)
                        .toUpperCase(Locale.ROOT)
                        .replace("-", "");
        String body =
                "{\"code\":\"%s\",\"nameSv\":\"Kontinuitet\",\"nameEn\":\"Continuity\",\"sortOrder\":20,\"active\":true}"
                        .formatted(code);
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/followup/v1/quality-criteria");
        created.then().statusCode(201).body("version", equalTo(0));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/followup/v1/quality-criteria")
                .then()
                .statusCode(409);
        given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body(body.replace("\"active\":true", "\"active\":false"))
                .put("/followup/v1/quality-criteria/" + code)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/followup/v1/quality-criteria/" + code)
                .then()
                .statusCode(412);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                {"code":"%s","name":"x","criterionCode":"%s","unitOfMeasure":"COUNT","method":"SURVEY","frequency":"YEARLY","decimals":0,"genderSplit":false}""".formatted(Fixtures.code("R"), code))
                .post("/followup/v1/indicators")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("criterionCode"));
        given().header("Authorization", Fixtures.anna())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/followup/v1/quality-criteria")
                .then()
                .statusCode(403);
        given().header("Authorization", Fixtures.anna())
                .get("/followup/v1/quality-criteria")
                .then()
                .statusCode(200)
                .body("code", hasItem(code));
    }
}
