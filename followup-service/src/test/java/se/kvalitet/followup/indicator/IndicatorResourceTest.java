package se.kvalitet.followup.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

@QuarkusTest
class IndicatorResourceTest {

    static final String PATH = "/followup/v1/indicators";

    static String karin() {
        return TestTokens.user("karin").roles("quality-team").bearer();
    }

    static String anna() {
        return TestTokens.user("anna").roles("reporter").bearer();
    }

    static String body(String code, String targets) {
        return """
                {"code":"%s","name":"Andel nöjda brukare","criterionCode":"SAFETY","unitOfMeasure":"PERCENT",
                 "method":"SURVEY","frequency":"YEARLY","responsibleRole":"Kvalitetsutvecklare","decimals":1,
                 "genderSplit":true,"targets":%s}""".formatted(code, targets);
    }

    @Test
    void anIndicatorWithMalvardenThatChangeOverTimeIsStoredAndRead() {
        Instant before = Instant.now();
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("TRYGGHET-1", """
                        [{"validFromPeriod":"2026","comparator":"AT_LEAST","value":90},
                         {"validFromPeriod":"2024-T2","comparator":"BETWEEN","value":80,"upper":95}]"""))
                .post(PATH);
        created.then()
                .statusCode(201)
                .body("code", equalTo("TRYGGHET-1"))
                .body("targets.validFromPeriod", equalTo(java.util.List.of("2024-T2", "2026")))
                .body("targets[0].upper", equalTo(95))
                .body("genderSplit", equalTo(true));
        String id = created.path("id");
        given().header("Authorization", anna())
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Andel nöjda brukare"))
                .body("targets", hasSize(2));
        given().header(
                        "Authorization",
                        TestTokens.client("bi-reader").roles("bi-reader").bearer())
                .queryParam("updatedSince", before.toString())
                .queryParam("limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.code", hasItem("TRYGGHET-1"));
        given().header("Authorization", anna())
                .queryParam("updatedSince", Instant.now().plusSeconds(60).toString())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void aReplacementNeedsTheETagAndReplacesTheTargets() {
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("TRYGGHET-2", "[{\"validFromPeriod\":\"2025\",\"comparator\":\"AT_LEAST\",\"value\":80}]"))
                .post(PATH);
        String id = created.path("id");
        String etag = created.header("ETag");
        String replacement =
                body("TRYGGHET-2", "[{\"validFromPeriod\":\"2025\",\"comparator\":\"AT_LEAST\",\"value\":85}]");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("targets[0].value", equalTo(85));
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(412);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-1", "[{\"validFromPeriod\":\"2025\",\"comparator\":\"BETWEEN\",\"value\":80}]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("targets[0]"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-2", "[{\"validFromPeriod\":\"2025-Q5\",\"comparator\":\"AT_LEAST\",\"value\":80}]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-3", "[]").replace("SAFETY", "HAPPINESS"))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("criterionCode"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-4", "[]")
                        .replace("}", ",\"responsibleOrgUnitId\":\"" + java.util.UUID.randomUUID() + "\"}"))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("responsibleOrgUnitId"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-4", "[]").replace("YEARLY", "HOURLY"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("BAD-5", """
                        [{"validFromPeriod":"2025","comparator":"AT_LEAST","value":80},
                         {"validFromPeriod":"2025","comparator":"AT_LEAST","value":85}]"""))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("targets[1].validFromPeriod"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("DUP-1", "[]"))
                .post(PATH)
                .then()
                .statusCode(201);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body("DUP-1", "[]"))
                .post(PATH)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/indicator-code-taken"));
        given().header("Authorization", anna())
                .queryParam("updatedSince", "yesterday")
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", anna())
                .get(PATH + "/00000000-0000-4000-8000-00000000dead")
                .then()
                .statusCode(404);
    }

    @Test
    void staffReadOnlyTheQualityTeamWrites() {
        given().header("Authorization", anna())
                .contentType(ContentType.JSON)
                .body(body("NOPE-1", "[]"))
                .post(PATH)
                .then()
                .statusCode(403);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", anna())
                .get("/followup/v1/quality-criteria")
                .then()
                .statusCode(200)
                .body(
                        "code",
                        hasItems(
                                "SELF_DETERMINATION_INTEGRITY",
                                "HOLISTIC_VIEW_COORDINATION",
                                "SAFETY",
                                "KNOWLEDGE_BASED",
                                "AVAILABILITY",
                                "EFFICIENCY"));
    }

    @Test
    void theDemoIndicatorsAreThere() {
        given().header("Authorization", anna())
                .queryParam("limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.code", hasItems("BRUKARE-PAVERKA", "UTREDNING-DAGAR", "SAMORDNAD-PLAN"));
    }
}
