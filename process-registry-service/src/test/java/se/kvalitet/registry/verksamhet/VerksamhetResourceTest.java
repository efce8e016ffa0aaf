package se.kvalitet.registry.verksamhet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

@QuarkusTest
public class VerksamhetResourceTest {

    static final String PATH = "/registry/v1/verksamheter";
    static final String ADMINISTRATION = "00000000-0000-4000-8000-000000000002";
    static final String ELDERLY = "00000000-0000-4000-8000-000000000010";
    static final String HEMTJANST_NORR = "00000000-0000-4000-8000-000000000011";
    static final String IFO = "00000000-0000-4000-8000-000000000020";
    static final String BARN_OCH_UNGA = "00000000-0000-4000-8000-000000000021";
    static final String DEMO_HEMTJANST = "00000000-0000-4000-c000-000000000001";
    static final String DEMO_SABO = "00000000-0000-4000-c000-000000000002";
    public static final String DEMO_BARN_OCH_UNGA = "00000000-0000-4000-c000-000000000003";
    public static final String DEMO_LSS = "00000000-0000-4000-c000-000000000005";

    public static String karin() {
        return TestTokens.user("karin")
                .roles("quality-team")
                .orgUnits(ADMINISTRATION)
                .bearer();
    }

    public static String anna() {
        return TestTokens.user("anna")
                .roles("reporter")
                .orgUnits(HEMTJANST_NORR)
                .bearer();
    }

    static String body(String code, String name, String legalBases, String kinds, String units) {
        return """
                {"code":"%s","name":"%s","description":"Beskrivning","legalBases":%s,"kinds":%s,"orgUnitIds":%s}""".formatted(code, name, legalBases, kinds, units);
    }

    static String uniqueCode() {
        return "V-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String etag(String id) {
        return given().header("Authorization", karin())
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    @Test
    void theDemoVerksamheterAreFoundByUnitWithItsSubtreeAndByLegalBasis() {
        // Äldreomsorg itself runs nothing; its units Hemtjänst Norr and Ekbacken do
        given().header("Authorization", anna())
                .queryParams("orgUnitId", ELDERLY, "includeSubtree", true, "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItems(DEMO_HEMTJANST, DEMO_SABO))
                .body("items.id", not(hasItem(DEMO_BARN_OCH_UNGA)));
        given().header("Authorization", anna())
                .queryParams("orgUnitId", ELDERLY, "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(DEMO_HEMTJANST)))
                .body("items.id", not(hasItem(DEMO_SABO)));
        given().header("Authorization", anna())
                .queryParams("orgUnitId", HEMTJANST_NORR, "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(DEMO_HEMTJANST))
                .body("items.id", not(hasItem(DEMO_SABO)));
        // the whole administration: every demo verksamhet
        given().header("Authorization", anna())
                .queryParams("orgUnitId", ADMINISTRATION, "includeSubtree", true, "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItems(DEMO_HEMTJANST, DEMO_SABO, DEMO_BARN_OCH_UNGA, DEMO_LSS));

        given().header("Authorization", anna())
                .queryParams("legalBasis", "LVU", "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(DEMO_BARN_OCH_UNGA))
                .body("items.id", not(hasItem(DEMO_HEMTJANST)))
                .body("items.legalBases", everyItem(hasItem("LVU")));
        given().header("Authorization", anna())
                .queryParams("kind", "DISABILITY", "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(DEMO_LSS))
                .body("items.kinds", everyItem(hasItem("DISABILITY")));

        given().header(
                        "Authorization",
                        TestTokens.client("case-system").roles("case-system").bearer())
                .get(PATH + "/" + DEMO_HEMTJANST)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Hemtjänst"))
                .body("orgUnitIds", equalTo(List.of(HEMTJANST_NORR)))
                .body("legalBases", equalTo(List.of("SOL", "HSL", "PSL", "GDPR")))
                .body("kinds", equalTo(List.of("ELDERLY_CARE", "HOME_CARE")));
    }

    @Test
    void aVerksamhetIsCreatedAndReplacedUnderTheLock() {
        String code = uniqueCode();
        Response created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(
                        code,
                        "Familjebehandling",
                        "[\"SOL\",\"GDPR\"]",
                        "[\"INDIVIDUAL_AND_FAMILY\"]",
                        "[\"" + IFO + "\",\"" + BARN_OCH_UNGA + "\"]"))
                .post(PATH);
        created.then()
                .statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .header("ETag", notNullValue())
                .body("code", equalTo(code))
                .body("name", equalTo("Familjebehandling"))
                .body("orgUnitIds", hasItems(IFO, BARN_OCH_UNGA));
        String id = created.path("id");

        given().header("Authorization", anna())
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("legalBases", equalTo(List.of("SOL", "GDPR")))
                .body("description", equalTo("Beskrivning"));

        String replacement = body(
                code,
                "Familjebehandling och stöd",
                "[\"SOL\",\"LVU\",\"GDPR\"]",
                "[\"INDIVIDUAL_AND_FAMILY\",\"CHILD_AND_YOUTH\"]",
                "[\"" + BARN_OCH_UNGA + "\"]");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .header("If-Match", "\"999\"")
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(412)
                .body("currentETag", equalTo(etag(id)));

        String before = etag(id);
        Response replaced = given().header("Authorization", karin())
                .header("If-Match", before)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id);
        replaced.then()
                .statusCode(200)
                .body("name", equalTo("Familjebehandling och stöd"))
                .body("orgUnitIds", equalTo(List.of(BARN_OCH_UNGA)))
                .body("kinds", equalTo(List.of("INDIVIDUAL_AND_FAMILY", "CHILD_AND_YOUTH")));
        assertThat(replaced.header("ETag")).isNotEqualTo(before).isEqualTo(etag(id));
        // the old ETag is stale now
        given().header("Authorization", karin())
                .header("If-Match", before)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put(PATH + "/" + id)
                .then()
                .statusCode(412);

        // stored: the link to IFO is gone, the one to Barn och unga stays
        given().header("Authorization", anna())
                .queryParams("orgUnitId", IFO, "limit", 500)
                .get(PATH)
                .then()
                .body("items.id", not(hasItem(id)));
        given().header("Authorization", anna())
                .queryParams("orgUnitId", BARN_OCH_UNGA, "limit", 500)
                .get(PATH)
                .then()
                .body("items.id", hasItem(id));
        given().header("Authorization", anna())
                .queryParams("legalBasis", "LVU", "limit", 500)
                .get(PATH)
                .then()
                .body("items.id", hasItem(id));

        // codes are unique
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "Dubblett", "[\"SOL\"]", "[\"HOME_CARE\"]", "[]"))
                .post(PATH)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/verksamhet-code-taken"));
    }

    @Test
    void anUnknownOrgUnitIsA422NamingTheField() {
        String code = uniqueCode();
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(
                        code,
                        "Okänd enhet",
                        "[\"SOL\"]",
                        "[\"HOME_CARE\"]",
                        "[\"" + HEMTJANST_NORR + "\",\"" + UUID.randomUUID() + "\"]"))
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/unknown-org-unit"))
                .body("errors.field", equalTo(List.of("orgUnitIds[1]")));
        given().header("Authorization", anna())
                .queryParam("limit", 500)
                .get(PATH)
                .then()
                .body("items.code", not(hasItem(code)));

        // and on replace, leaving the stored verksamhet as it was
        given().header("Authorization", karin())
                .header("If-Match", etag(DEMO_SABO))
                .contentType(ContentType.JSON)
                .body(body(
                        "SÄBO",
                        "Särskilt boende för äldre",
                        "[\"SOL\"]",
                        "[\"ELDERLY_CARE\"]",
                        "[\"" + UUID.randomUUID() + "\"]"))
                .put(PATH + "/" + DEMO_SABO)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("orgUnitIds[0]"));
        given().header("Authorization", anna())
                .get(PATH + "/" + DEMO_SABO)
                .then()
                .body("orgUnitIds", equalTo(List.of("00000000-0000-4000-8000-000000000012")));
    }

    @Test
    void badInputIsA400ProblemNamingWhatIsWrong() {
        String code = uniqueCode();
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, " ", "[\"SOL\"]", "[\"HOME_CARE\"]", "[]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "X", "[\"SOL\",\"SOCIALLAGEN\"]", "[\"HOME_CARE\"]", "[]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", startsWith("legalBases"))
                .body("errors[0].message", containsString("GDPR"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "X", "[]", "[\"HOME_CARE\"]", "[]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("legalBases"));
        // wrong type: a string where a list belongs, a malformed UUID in the list
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "X", "[\"SOL\"]", "[\"HOME_CARE\"]", "\"" + IFO + "\""))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("orgUnitIds"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "X", "[\"SOL\"]", "[\"HOME_CARE\"]", "[\"not-a-uuid\"]"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", startsWith("orgUnitIds"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"code\":\"X\",\"name\":")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://kvalitet.se/problems/malformed-json"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(code, "X", "[\"SOL\"]", "[\"HOME_CARE\"]", "[]").replace("}", ",\"owner\":\"x\"}"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("owner"));
        given().header("Authorization", anna())
                .queryParam("legalBasis", "SOCIALLAGEN")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("legalBasis"));
        given().header("Authorization", anna())
                .queryParam("orgUnitId", "not-a-uuid")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("orgUnitId"));
        given().header("Authorization", anna())
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", anna())
                .queryParam("limit", 0)
                .get(PATH)
                .then()
                .statusCode(400);
    }

    @Test
    void onlyTheQualityTeamAndAdminsChangeVerksamheter() {
        String request = body(uniqueCode(), "X", "[\"SOL\"]", "[\"HOME_CARE\"]", "[]");
        given().header("Authorization", anna())
                .contentType(ContentType.JSON)
                .body(request)
                .post(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header(
                        "Authorization",
                        TestTokens.user("per").roles("process-owner").bearer())
                .header("If-Match", etag(DEMO_LSS))
                .contentType(ContentType.JSON)
                .body(request)
                .put(PATH + "/" + DEMO_LSS)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON).body(request).post(PATH).then().statusCode(401);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .get(PATH)
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.user("admin").roles("admin").bearer())
                .contentType(ContentType.JSON)
                .body(request)
                .post(PATH)
                .then()
                .statusCode(201);
    }
}
