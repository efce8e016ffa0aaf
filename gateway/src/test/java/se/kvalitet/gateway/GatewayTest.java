package se.kvalitet.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.TestTokens;

/** The gateway in front of four stand-in services (real HTTP servers), with real signed tokens. */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class GatewayTest {

    static String token(String user) {
        return TestTokens.user(user + "-" + UUID.randomUUID())
                .roles("quality-team")
                .sign();
    }

    @Test
    void eachPrefixGoesToItsServiceWithTheTokenCorrelationIdAndForwardedHeaders() {
        String token = token("karin");
        for (String service : FakeServices.NAMES) {
            given().auth()
                    .oauth2(token)
                    .header("X-Correlation-Id", "case-4711." + service)
                    .get("/" + service + "/v1/echo?x=1")
                    .then()
                    .statusCode(200)
                    .header("X-Correlation-Id", "case-4711." + service)
                    .body("service", equalTo(service))
                    .body("uri", equalTo("/" + service + "/v1/echo?x=1"))
                    .body("headers.authorization", equalTo("Bearer " + token))
                    .body("headers.x-correlation-id", equalTo("case-4711." + service))
                    .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                    .body("headers.x-forwarded-proto", equalTo("http"))
                    .body("headers.x-forwarded-host", notNullValue());
        }
    }

    @Test
    void aMissingOrMalformedCorrelationIdIsReplacedByANewOne() {
        String token = token("karin");
        String generated = given().auth()
                .oauth2(token)
                .get("/deviation/v1/echo")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Correlation-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        Response r = given().auth()
                .oauth2(token)
                .header("X-Correlation-Id", "bad id\" <script>")
                .get("/deviation/v1/echo");
        assertThat(r.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
        assertThat(r.jsonPath().getString("headers.x-correlation-id")).isEqualTo(r.header("X-Correlation-Id"));
    }

    @Test
    void bodiesAreStreamedThroughUnchanged() throws Exception {
        byte[] body = new byte[900_000];
        new Random(7).nextBytes(body);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().auth()
                .oauth2(token("karin"))
                .contentType("application/octet-stream")
                .body(body)
                .post("/followup/v1/echo")
                .then()
                .statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(sha))
                .body("method", equalTo("POST"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        given().auth()
                .oauth2(token("karin"))
                .contentType("application/octet-stream")
                .body(new byte[1_100_000])
                .post("/followup/v1/echo")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/payload-too-large"));
    }

    @Test
    void withoutAValidTokenTheEdgeAnswers401ProblemsAndNothingReachesTheService() {
        given().get("/deviation/v1/echo")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("correlationId", notNullValue());
        given().auth()
                .oauth2("not.a.token")
                .get("/deviation/v1/echo")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.user("x").audience("another-api").sign())
                .get("/deviation/v1/echo")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.user("x")
                        .issuedAt(Instant.now().minusSeconds(900))
                        .expiresAt(Instant.now().minusSeconds(600))
                        .sign())
                .get("/deviation/v1/echo")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.user("x")
                        .issuer("http://127.0.0.1:1/realms/other")
                        .sign())
                .get("/deviation/v1/echo")
                .then()
                .statusCode(401);
    }

    @Test
    void aCallerOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        String greedy = token("greedy");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 45; i++) {
            Response r = given().auth().oauth2(greedy).get("/registry/v1/echo");
            if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.header("Retry-After");
                assertThat(r.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(10);
        assertThat(retryAfter).matches("[1-9][0-9]*");
        given().auth().oauth2(token("patient")).get("/registry/v1/echo").then().statusCode(200);
    }

    @Test
    void aSlowServiceGivesA504ProblemAfterItsTimeoutNotAHang() {
        long t0 = System.nanoTime();
        given().auth()
                .oauth2(token("karin"))
                .get("/report/v1/slow")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/gateway-timeout"));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2900);
    }

    @Test
    void aDownServiceGives503ProblemsOpensTheCircuitShowsInHealthAndRecovers() throws Exception {
        String token = token("karin");
        FakeServices.stopServer("followup");
        try {
            for (int i = 0; i < 5; i++) {
                // not sent: safe to send again, and when
                given().auth()
                        .oauth2(token)
                        .get("/followup/v1/echo")
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                        .body("type", equalTo("https://kvalitet.se/problems/service-unavailable"))
                        .body("outcome", equalTo("not-processed"));
            }
            // the circuit is open: answered at once, with when to retry
            given().auth()
                    .oauth2(token)
                    .get("/followup/v1/echo")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", matchesPattern("[1-9][0-9]*"));
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.data.followup", hasItem(containsString("DOWN")));
            // other services are untouched
            given().auth().oauth2(token).get("/deviation/v1/echo").then().statusCode(200);
        } finally {
            FakeServices.startServer("followup");
        }
        // the circuit closes once the service's readiness is UP again (probed, not tried with a user's request)
        GatewayFailureTest.waitFor(
                () -> given().auth().oauth2(token).get("/followup/v1/echo").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void oneMergedOpenApiDocumentForTheSuite() {
        Response doc = given().get("/openapi").then().statusCode(200).extract().response();
        for (String service : FakeServices.NAMES) {
            assertThat(doc.jsonPath().getMap("paths")).containsKey("/" + service + "/v1/things");
            assertThat(doc.jsonPath().getString("components.schemas." + service + "_Problem.description"))
                    .isEqualTo("problem of " + service);
            assertThat(doc.jsonPath()
                            .getString("paths.'/" + service
                                    + "/v1/things'.get.responses.'400'.content.'application/problem+json'.schema.$ref"))
                    .isEqualTo("#/components/schemas/" + service + "_Problem");
        }
        // a schema that is the same in every service is there once, under its own name
        assertThat(doc.jsonPath().getString("components.schemas.Shared.type")).isEqualTo("object");
        // a schema nothing refers to is left out (a generated client would get a class nothing returns)
        assertThat(doc.jsonPath().getMap("components.schemas")).doesNotContainKey("Internal");
        assertThat(doc.jsonPath().getList("x-unavailable-services")).isEmpty();
        given().get("/q/swagger-ui/").then().statusCode(200);

        // operation ids stay unique: the first service keeps its own, the others are prefixed with their name
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String service : FakeServices.NAMES) {
            ids.add(doc.jsonPath().getString("paths.'/" + service + "/v1/things'.get.operationId"));
        }
        assertThat(ids).doesNotHaveDuplicates().contains("listThings").anyMatch(id -> id.endsWith("ListThings"));
        // what the gateway itself answers, on every operation, and its own operations
        String things = "paths.'/" + FakeServices.NAMES.get(0) + "/v1/things'.get.responses.";
        for (String code : java.util.List.of("429", "502", "503", "504", "414", "431")) {
            assertThat(doc.jsonPath()
                            .getString(things + "'" + code + "'.content.'application/problem+json'.schema.$ref"))
                    .as(code)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(doc.jsonPath().getString(things + "'503'.headers.Retry-After.$ref"))
                .isEqualTo("#/components/headers/Retry-After");
        assertThat(doc.jsonPath().getString("paths.'/api-info'.get.operationId"))
                .isEqualTo("getApiInfo");
        // the gateway's own operations: its own refusals, never a proxied outcome
        assertThat(doc.jsonPath().getMap("paths.'/api-info'.get.responses"))
                .containsKeys("200", "414", "429", "431")
                .doesNotContainKeys("502", "504");
        assertThat(doc.jsonPath().getList("tags.name")).contains("API");
        assertThat(doc.jsonPath().getList("servers.url")).isNotEmpty();
        // YAML as well as JSON
        given().accept("application/yaml")
                .get("/openapi")
                .then()
                .statusCode(200)
                .contentType("application/yaml")
                .body(org.hamcrest.Matchers.containsString("openapi: 3.1.0"));
        given().get("/openapi?format=yaml").then().statusCode(200).contentType("application/yaml");
        given().get("/openapi?format=xml").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void apiInfoHealthCorsAndSecurityHeaders() {
        given().get("/api-info")
                .then()
                .statusCode(200)
                .body("apiName", equalTo("kvalitet"))
                .body("apiDocumentation", equalTo("/openapi"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options("/deviation/v1/echo")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/deviation/v1/echo")
                .then()
                .header("Access-Control-Allow-Origin", (String) null);
    }
}
