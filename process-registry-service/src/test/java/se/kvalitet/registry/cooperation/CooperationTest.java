package se.kvalitet.registry.cooperation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.IFO;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.put;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.CooperationPartnerKind;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TopicReader;

/** Samverkan (4 kap. 5 §): cooperation partners, and processes and agreements that name them. */
@QuarkusTest
class CooperationTest {

    static final String PARTNERS = "/registry/v1/cooperation-partners";

    static String partner(String name, String kind) {
        return post(karin(), PARTNERS, body("name", name, "kind", kind, "organisationNumber", "202100-0001"), null)
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract()
                .path("id");
    }

    @Test
    void partnersAreKeptAndAnAgreementNeedsThem() {
        String police = partner(Api.unique("Polisen, område Syd"), "POLICE");
        String school = partner(Api.unique("Skolan"), "SCHOOL");
        given().header("Authorization", anna())
                .queryParams("kind", "POLICE", "limit", 500)
                .get(PARTNERS)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(police))
                .body("items.id", not(hasItem(school)));
        // an agreement without partners cannot be approved
        String agreement = post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "COOPERATION_AGREEMENT",
                                "title",
                                Api.unique("Överenskommelse"),
                                "content",
                                "Parterna samverkar kring barn i behov av särskilt stöd.",
                                "ownerOrgUnitId",
                                IFO,
                                "orgUnitIds",
                                List.of(IFO),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(201)
                .body("requiresCooperation", equalTo(true))
                .extract()
                .path("id");
        post(karin(), DOCS + "/" + agreement + "/submit", "{}", etag(agreement))
                .then()
                .statusCode(200);
        post(
                        karin(),
                        DOCS + "/" + agreement + "/approve",
                        body("decidedBy", "BOARD", "decidedOn", Api.today()),
                        etag(agreement))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("cooperationPartnerIds"));
        post(karin(), DOCS + "/" + agreement + "/return-to-draft", "{}", etag(agreement))
                .then()
                .statusCode(200);
        put(
                        karin(),
                        DOCS + "/" + agreement + "/draft",
                        body(
                                "title",
                                "Överenskommelse om barn i behov av särskilt stöd",
                                "content",
                                "Parterna samverkar.",
                                "ownerOrgUnitId",
                                IFO,
                                "orgUnitIds",
                                List.of(IFO),
                                "cooperationPartnerIds",
                                List.of(police, school),
                                "reviewInterval",
                                "YEARLY"),
                        etag(agreement))
                .then()
                .statusCode(200);
        Api.approve(karin(), agreement, Api.today()).then().statusCode(200);
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentApprovedV1 e = Api.event(reader, agreement, DocumentApprovedV1.class, 1);
            org.assertj.core.api.Assertions.assertThat(e.cooperationPartnerKinds())
                    .containsExactly(CooperationPartnerKind.POLICE, CooperationPartnerKind.SCHOOL);
            org.assertj.core.api.Assertions.assertThat(e.cooperationPartnerIds())
                    .extracting(UUID::toString)
                    .containsExactlyInAnyOrder(police, school);
        }
        given().header("Authorization", anna())
                .queryParams("partnerId", police)
                .get(DOCS)
                .then()
                .body("items.id", equalTo(List.of(agreement)));

        // a partner whose cooperation ended is kept, but new versions cannot name it
        String etag = given().header("Authorization", karin())
                .get(PARTNERS + "/" + school)
                .then()
                .extract()
                .header("ETag");
        put(
                        karin(),
                        PARTNERS + "/" + school,
                        body("name", "Skolan (avslutad)", "kind", "SCHOOL", "active", false),
                        etag)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        given().header("Authorization", anna())
                .queryParams("limit", 500)
                .get(PARTNERS)
                .then()
                .body("items.id", not(hasItem(school)));
        given().header("Authorization", anna())
                .queryParams("limit", 500, "includeInactive", true)
                .get(PARTNERS)
                .then()
                .body("items.id", hasItem(school));
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                "X",
                                "ownerOrgUnitId",
                                IFO,
                                "orgUnitIds",
                                List.of(),
                                "cooperationPartnerIds",
                                List.of(school),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("cooperationPartnerIds[0]"));
    }

    @Test
    void badPartnersAndOversizedBodiesAreProblems() {
        String name = Api.unique("Regionen");
        partner(name, "REGION");
        post(karin(), PARTNERS, body("name", name.toUpperCase(Locale.ROOT), "kind", "REGION"), null)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/partner-name-taken"));
        post(karin(), PARTNERS, body("name", "X", "kind", "COUNTY"), null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
        post(karin(), PARTNERS, body("name", "X", "kind", "REGION", "organisationNumber", "12"), null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("organisationNumber"));
        post(anna(), PARTNERS, body("name", "X", "kind", "REGION"), null).then().statusCode(403);
        put(karin(), PARTNERS + "/" + UUID.randomUUID(), body("name", "X", "kind", "REGION"), "\"0\"")
                .then()
                .statusCode(404);
        // over the 1 MB body limit
        Response big = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(body(
                        "type",
                        "ROUTINE",
                        "title",
                        "Stor",
                        "content",
                        "x".repeat(1_200_000),
                        "ownerOrgUnitId",
                        IFO,
                        "orgUnitIds",
                        List.of(),
                        "reviewInterval",
                        "YEARLY"))
                .post(DOCS);
        big.then().statusCode(413);
    }
}
