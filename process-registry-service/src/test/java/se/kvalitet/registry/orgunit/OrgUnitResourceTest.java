package se.kvalitet.registry.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

@QuarkusTest
class OrgUnitResourceTest {

    static final String PATH = "/registry/v1/org-units";
    static final String ADMINISTRATION = "00000000-0000-4000-8000-000000000002";
    static final String ELDERLY = "00000000-0000-4000-8000-000000000010";
    static final String IFO = "00000000-0000-4000-8000-000000000020";

    static String karin() {
        return TestTokens.user("karin")
                .roles("quality-team")
                .orgUnits(ADMINISTRATION)
                .bearer();
    }

    static String anna() {
        return TestTokens.user("anna")
                .roles("reporter")
                .orgUnits("00000000-0000-4000-8000-000000000011")
                .bearer();
    }

    static String create(String name, String parent, String validFrom) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","type":"UNIT","parentId":"%s","validFrom":"%s"}""".formatted(name, parent, validFrom))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
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
    void theDemoOrganisationIsThereAndSubtreesAreAnswered() {
        given().header("Authorization", anna())
                .queryParam("under", ELDERLY)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.name", containsInAnyOrder("Äldreomsorg", "Hemtjänst Norr", "Ekbackens särskilda boende"));
        given().header(
                        "Authorization",
                        TestTokens.client("bi-reader").roles("bi-reader").bearer())
                .get(PATH + "/" + IFO)
                .then()
                .statusCode(200)
                .body("type", equalTo("DEPARTMENT"))
                .body("parentId", equalTo(ADMINISTRATION));
        // before the demo organisation existed none of it was there (units moved in with an earlier history may be:
        // the migration import's tests create units valid from 2020)
        given().header("Authorization", anna())
                .queryParams("asOf", "2023-06-01", "limit", 500)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(ADMINISTRATION)))
                .body("items.id", not(hasItem(ELDERLY)))
                .body("items.id", not(hasItem(IFO)));
    }

    @Test
    void aNewUnitIsStoredAndPublishedAsAValidEvent() {
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            Response r = given().header("Authorization", karin())
                    .header("X-Correlation-Id", "reg-1")
                    .contentType(ContentType.JSON)
                    .body("""
                            {"code":"IFO-FB","name":"Familjebehandling","type":"UNIT","parentId":"%s","validFrom":"2026-01-01"}""".formatted(IFO))
                    .post(PATH);
            r.then().statusCode(201).body("change", equalTo("CREATED")).body("active", equalTo(true));
            String id = r.path("id");
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(rec -> id.equals(rec.key()), 1, Duration.ofSeconds(20));
            EventEnvelope env = EventContract.assertValid(records.get(0));
            assertThat(env.type()).isEqualTo(OrgUnitChangedV1.TYPE);
            assertThat(env.correlationId()).isEqualTo("reg-1");
            OrgUnitChangedV1 e = EventCodec.data(env, OrgUnitChangedV1.class);
            assertThat(e.parentId()).hasToString(IFO);
            assertThat(e.name()).isEqualTo("Familjebehandling");
            assertThat(e.code()).isEqualTo("IFO-FB");
            assertThat(e.change()).isEqualTo("CREATED");
        }
    }

    @Test
    void aMoveKeepsHistorySoQuestionsCanBeAskedAsOfADay() {
        String id = create("Korttidsboende", ELDERLY, "2025-01-01");
        given().header("Authorization", karin())
                .header("If-Match", etag(id))
                .contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + IFO + "\",\"effectiveFrom\":\"2026-03-01\"}")
                .post(PATH + "/" + id + "/move")
                .then()
                .statusCode(200)
                .body("change", equalTo("MOVED"));
        given().header("Authorization", anna())
                .queryParam("asOf", "2025-06-01")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("parentId", equalTo(ELDERLY))
                .body("validTo", equalTo("2026-03-01"));
        given().header("Authorization", anna())
                .queryParam("asOf", "2026-06-01")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("parentId", equalTo(IFO))
                .body("validTo", nullValue());
        // both sides of the creation day and of the move (issue 16 item 3)
        given().header("Authorization", anna())
                .queryParam("asOf", "2024-12-31")
                .get(PATH + "/" + id)
                .then()
                .statusCode(404);
        for (String[] side : new String[][] {{"2025-01-01", ELDERLY}, {"2026-02-28", ELDERLY}, {"2026-03-01", IFO}}) {
            given().header("Authorization", anna())
                    .queryParam("asOf", side[0])
                    .get(PATH + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("parentId", equalTo(side[1]));
        }
        // an empty asOf is today; a malformed one a 400 naming it
        given().header("Authorization", anna())
                .queryParam("asOf", "")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("parentId", equalTo(IFO));
        given().header("Authorization", anna())
                .queryParam("asOf", "2026-02-29")
                .get(PATH + "/" + id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().header("Authorization", anna())
                .queryParams("under", ELDERLY, "asOf", "2025-06-01", "limit", 500)
                .get(PATH)
                .then()
                .body("items.id", hasItem(id));
        given().header("Authorization", anna())
                .queryParams("under", ELDERLY, "asOf", "2026-06-01", "limit", 500)
                .get(PATH)
                .then()
                .body("items.id.findAll { it == '" + id + "' }", hasSize(0));
        given().header("Authorization", anna())
                .get(PATH + "/" + id + "/history")
                .then()
                .statusCode(200)
                .body("change", equalTo(List.of("CREATED", "MOVED")))
                // each version's recording time, as its org-unit.changed event carried it (consumers' look-up)
                .body("changedAt", everyItem(notNullValue()));
        // a change before the latest one would rewrite history
        given().header("Authorization", karin())
                .header("If-Match", etag(id))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"effectiveFrom\":\"2025-06-01\"}")
                .post(PATH + "/" + id + "/rename")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/retroactive-change"));
    }

    @Test
    void renameSplitMergeAndClose() {
        String a = create("Enhet A", IFO, "2025-01-01");
        String child = create("Grupp A1", a, "2025-01-01");
        given().header("Authorization", karin())
                .header("If-Match", etag(a))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Enhet Alfa\",\"effectiveFrom\":\"2025-02-01\"}")
                .post(PATH + "/" + a + "/rename")
                .then()
                .statusCode(200)
                .body("name", equalTo("Enhet Alfa"));
        // a unit with units under it cannot simply close
        given().header("Authorization", karin())
                .header("If-Match", etag(a))
                .contentType(ContentType.JSON)
                .body("{\"effectiveFrom\":\"2025-03-01\"}")
                .post(PATH + "/" + a + "/close")
                .then()
                .statusCode(409)
                .body("activeChildren", hasItem(child));
        Response split = given().header("Authorization", karin())
                .header("If-Match", etag(a))
                .contentType(ContentType.JSON)
                .body(
                        "{\"parts\":[{\"name\":\"Enhet Beta\"}],\"closeOriginal\":false,\"effectiveFrom\":\"2025-04-01\"}")
                .post(PATH + "/" + a + "/split");
        split.then()
                .statusCode(200)
                .body("[0].change", equalTo("SPLIT"))
                .body("[1].change", equalTo("CREATED"))
                .body("[1].relatedOrgUnitIds", hasItem(a));
        String beta = split.path("[1].id");
        given().header("Authorization", karin())
                .header("If-Match", etag(a))
                .contentType(ContentType.JSON)
                .body("{\"intoId\":\"" + beta + "\",\"effectiveFrom\":\"2025-05-01\"}")
                .post(PATH + "/" + a + "/merge")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("change", equalTo("MERGED"))
                .body("relatedOrgUnitIds", hasItem(beta));
        given().header("Authorization", anna())
                .queryParam("asOf", "2025-06-01")
                .get(PATH + "/" + child)
                .then()
                .body("parentId", equalTo(beta))
                .body("change", equalTo("MOVED"));
        given().header("Authorization", anna())
                .queryParam("asOf", "2025-06-01")
                .get(PATH + "/" + a)
                .then()
                .body("active", equalTo(false));
        // closed units are not listed unless asked for
        given().header("Authorization", anna())
                .queryParams("under", IFO, "asOf", "2025-06-01", "limit", 500)
                .get(PATH)
                .then()
                .body("items.id.findAll { it == '" + a + "' }", hasSize(0));
        given().header("Authorization", anna())
                .queryParams("under", IFO, "asOf", "2025-06-01", "limit", 500, "includeClosed", true)
                .get(PATH)
                .then()
                .body("items.id", hasItem(a));
    }

    @Test
    void badInputIsAProblemNamingWhatIsWrong() {
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"type\":\"UNIT\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"type\":\"PLANET\",\"parentId\":\"" + IFO + "\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("type"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"type\":\"UNIT\",\"parentId\":\"" + UUID.randomUUID() + "\"}")
                .post(PATH)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("parentId"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"type\":\"UNIT\",\"parentId\":\"not-a-uuid\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", anna())
                .queryParam("asOf", "2025-13-45")
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + IFO + "\"}")
                .post(PATH + "/" + ELDERLY + "/move")
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", "\"999\"")
                .contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + IFO + "\"}")
                .post(PATH + "/" + ELDERLY + "/move")
                .then()
                .statusCode(412);
        // a department cannot be moved under one of its own units
        given().header("Authorization", karin())
                .header("If-Match", etag(ELDERLY))
                .contentType(ContentType.JSON)
                .body("{\"parentId\":\"00000000-0000-4000-8000-000000000011\"}")
                .post(PATH + "/" + ELDERLY + "/move")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/org-unit-cycle"));
        given().header("Authorization", anna())
                .get(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void onlyTheQualityTeamAndAdminsChangeTheOrganisation() {
        given().header("Authorization", anna())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"type\":\"UNIT\",\"parentId\":\"" + IFO + "\"}")
                .post(PATH)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"type\":\"UNIT\",\"parentId\":\"" + IFO + "\"}")
                .post(PATH)
                .then()
                .statusCode(401);
        given().get(PATH).then().statusCode(401);
    }
}
