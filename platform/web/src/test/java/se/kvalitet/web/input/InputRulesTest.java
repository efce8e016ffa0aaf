package se.kvalitet.web.input;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Malformed input is a 400/415 problem naming the field, never a 500, never an echo of the value. */
@QuarkusTest
class InputRulesTest {

    static final String OK = """
            {"text":"Kvällsdosen gavs sent","ref":"p-1","tags":["a"],"labels":{"k":"v"},"day":"2026-11-20",
             "at":"2026-11-20T18:30:00Z","year":2026,"count":1,"nested":{"note":"n","source":"treserva"},"colour":"RED"}""";

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON)
                .body(json.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/test/input")
                .then();
    }

    static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("correlationId", notNullValue())
                .header("X-Correlation-Id", notNullValue());
    }

    @Test
    void aWellFormedBodyPasses() {
        post(OK).statusCode(200).body("text", equalTo("Kvällsdosen gavs sent")).body("year", equalTo(2026));
    }

    @Test
    void controlCharactersInAnyStringAreRefusedWithTheirPath() {
        problem(post(OK.replace("Kvällsdosen", "Kv\\u0000ll")), 400).body("errors[0].field", equalTo("text"));
        problem(post(OK.replace("\"a\"", "\"x\\u0001\"")), 400).body("errors[0].field", equalTo("tags[0]"));
        problem(post(OK.replace("\"note\":\"n\"", "\"note\":\"\\u001b[31m\"")), 400)
                .body("errors[0].field", equalTo("nested.note"));
        problem(post(OK.replace("\"v\"", "\"\\u0000\"")), 400).body("errors[0].field", equalTo("labels.k"));
        problem(post(OK.replace("\"k\"", "\"\\u0000\"")), 400).body(not(containsString("\\u0000")));
        problem(post(OK.replace("Kvällsdosen", "\\ud800")), 400).body("errors[0].field", equalTo("text"));
        // tab, line feed and carriage return are text
        post(OK.replace("Kvällsdosen", "a\\tb\\nc\\r\\n")).statusCode(200);
    }

    @Test
    void anOverlongUtf8EncodingOfNulIsRefused() {
        byte[] json = OK.replace("Kvällsdosen", "AB").getBytes(StandardCharsets.UTF_8);
        String s = new String(json, StandardCharsets.ISO_8859_1).replace("AB", "A\u00c0\u0080B");
        byte[] overlong = s.getBytes(StandardCharsets.ISO_8859_1);
        problem(
                given().contentType(ContentType.JSON)
                        .body(overlong)
                        .when()
                        .post("/test/input")
                        .then(),
                400);
    }

    @Test
    void duplicatedKeysTrailingGarbageAndEmptyBodiesAreMalformedJson() {
        problem(post(OK.replace("{\"text\"", "{\"text\":\"a\",\"text\"")), 400)
                .body("type", containsString("malformed-json"));
        problem(post(OK + " {}"), 400).body("type", containsString("malformed-json"));
        problem(post(OK + " x"), 400).body("type", containsString("malformed-json"));
        problem(post(""), 400);
        problem(post("   "), 400);
        problem(post("null"), 400);
        problem(post("[".repeat(5000) + "]".repeat(5000)), 400);
        problem(post("{\"count\":99999999999999999999}"), 400).body("errors[0].field", equalTo("count"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        problem(
                given().body(OK.getBytes(StandardCharsets.UTF_8))
                        .when()
                        .post("/test/input")
                        .then(),
                415);
        problem(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .when()
                        .post("/test/input")
                        .then(),
                415);
    }

    @Test
    void datesOutsideTheAcceptedYearsAreRefused() {
        for (String day : new String[] {"0000-01-01", "-0001-01-01", "1899-12-31", "+99999-01-01", "+10000-01-01"}) {
            problem(post(OK.replace("2026-11-20\"", day + "\"")), 400).body("errors[0].field", equalTo("day"));
        }
        for (String at : new String[] {"0000-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00"}) {
            problem(post(OK.replace("2026-11-20T18:30:00Z", at)), 400).body("errors[0].field", equalTo("at"));
        }
        problem(post(OK.replace("\"year\":2026", "\"year\":2147483647")), 400).body("errors[0].field", equalTo("year"));
        problem(post(OK.replace("\"year\":2026", "\"year\":-1")), 400).body("errors[0].field", equalTo("year"));
        post(OK.replace("2026-11-20\"", "9999-12-31\"")).statusCode(200);
        post(OK.replace("2026-11-20\"", "1900-01-01\"")).statusCode(200);
    }

    @Test
    void personalIdentityNumbersInAnyStringAreRefusedNamingTheFieldNeverTheNumber() {
        String json = OK.replace("Kvällsdosen gavs sent", "Brukaren 12 12 12\\u2013 1212")
                .replace("\"a\"", "\"\\uff11\\uff12\\uff11\\uff12\\uff11\\uff12-\\uff11\\uff12\\uff11\\uff12\"")
                .replace("p-1", "121212.1212")
                .replace("treserva", "19121212_1212");
        problem(post(json), 422)
                .body("type", containsString("personal-identity-number"))
                .body("errors.field", hasItem("text"))
                .body("errors.field", hasItem("tags[0]"))
                .body("errors.field", hasItem("ref"))
                .body("errors.field", hasItem("nested.source"))
                .body(not(containsString("1212")));
    }

    @Test
    void unknownKeysAreNamedOnlyWhenTheyArePlainNames() {
        problem(post(OK.replace("{\"text\"", "{\"personnummer\":1,\"text\"")), 400)
                .body("errors[0].field", equalTo("personnummer"));
        problem(post(OK.replace("{\"text\"", "{\"121212-1212\":1,\"text\"")), 400)
                .body(not(containsString("1212")))
                .body("errors[0].field", equalTo("request"));
        problem(post(OK.replace("{\"text\"", "{\"a b <script>\":1,\"text\"")), 400)
                .body(not(containsString("script")));
    }

    @Test
    void parametersThatDoNotConvertAre400NamingTheParameter() {
        String url = "/test/input/" + UUID.randomUUID();
        given().get(url + "?limit=5&page=2&day=2026-01-01&colour=RED&year=2026&subtree=true&q=x")
                .then()
                .statusCode(200)
                .body("limit", equalTo(5))
                .body("colour", equalTo("RED"));
        problem(given().get(url + "?limit=abc").then(), 400).body("errors[0].field", equalTo("limit"));
        problem(given().get(url + "?page=1e3").then(), 400).body("errors[0].field", equalTo("page"));
        problem(given().get(url + "?limit=0").then(), 400).body("errors[0].field", equalTo("limit"));
        problem(given().get("/test/input/not-a-uuid").then(), 400).body("errors[0].field", equalTo("id"));
        problem(given().get(url + "?day=2026-13-01").then(), 400).body("errors[0].field", equalTo("day"));
        problem(given().get(url + "?day=0000-01-01").then(), 400).body("errors[0].field", equalTo("day"));
        problem(given().get(url + "?colour=PURPLE").then(), 400).body("errors[0].field", equalTo("colour"));
        problem(given().get(url + "?year=2147483647").then(), 400).body("errors[0].field", equalTo("year"));
        problem(given().get(url + "?subtree=kanske").then(), 400).body("errors[0].field", equalTo("subtree"));
        problem(given().urlEncodingEnabled(false).get(url + "?q=a%00b").then(), 400)
                .body("errors[0].field", equalTo("q"));
        problem(given().urlEncodingEnabled(false).get(url + "?q=121212%201212").then(), 400)
                .body("errors[0].field", equalTo("q"))
                .body(not(containsString("1212 ")));
        problem(given().urlEncodingEnabled(false).get(url + "?%00=1").then(), 400);
        problem(given().urlEncodingEnabled(false).get("/test/input/a%00b").then(), 400);
    }

    @Test
    void aQueryParameterTheOperationDoesNotTakeIsA400NamingIt() {
        String url = "/test/input/" + UUID.randomUUID();
        problem(given().get(url + "?limit=5&asOf=2013-10-01").then(), 400)
                .body("type", containsString("unknown-query-parameter"))
                .body("errors[0].field", equalTo("asOf"))
                .body("detail", containsString("limit"))
                .body("detail", containsString("page")); // a @BeanParam's parameters are the operation's too
        problem(given().get(url + "?Limit=5&unitid=x").then(), 400)
                .body("errors.field", hasItem("Limit"))
                .body("errors.field", hasItem("unitid"));
        // a name that is not a plain name is not echoed
        problem(given().urlEncodingEnabled(false).get(url + "?19121212-1212=1").then(), 400)
                .body("errors[0].field", equalTo("query parameter"))
                .body(not(containsString("1212")));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(OK)
                                .post("/test/input?dryRun=true")
                                .then(),
                        400)
                .body("detail", containsString("takes no query parameters"));
    }

    @Test
    void theIdempotencyKeyHasAStrictShapeAndIsNoPersonnummer() {
        problem(
                        given().header("Idempotency-Key", "121212-1212")
                                .contentType(ContentType.JSON)
                                .body(OK)
                                .post("/test/input")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("Idempotency-Key"))
                .body(not(containsString("1212-")));
        problem(
                given().header("Idempotency-Key", "med mellanslag")
                        .contentType(ContentType.JSON)
                        .body(OK)
                        .post("/test/input")
                        .then(),
                400);
        problem(
                given().header("Idempotency-Key", "x".repeat(101))
                        .contentType(ContentType.JSON)
                        .body(OK)
                        .post("/test/input")
                        .then(),
                400);
        given().header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(OK)
                .post("/test/input")
                .then()
                .statusCode(200);
    }

    @Test
    void aCorrelationIdThatIsAPersonnummerIsReplaced() {
        given().header("X-Correlation-Id", "19121212-1212")
                .get("/test/input/" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", not(containsString("1212-1212")));
        given().header("X-Correlation-Id", "ok-123")
                .get("/test/input/" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", equalTo("ok-123"));
    }

    @Test
    void aValueTheDatabaseRefusesIsA4xxNotA500() {
        problem(given().get("/test/input/refused/22001").then(), 400).body(not(containsString("varying")));
        problem(given().get("/test/input/refused/23505").then(), 409);
        problem(given().get("/test/input/refused/23503").then(), 422);
        // two requests changed the same rows at once: a conflict the client may retry, never a 500
        for (String path : List.of("/test/input/refused/40P01", "/test/input/refused/40001", "/test/input/stale")) {
            problem(given().get(path).then(), 409)
                    .body("type", endsWith("/concurrent-change"))
                    .header("Retry-After", notNullValue());
        }
        // the database is not reachable: a 503 the client may retry (platform/web's DependencyUnavailableMappers)
        given().get("/test/input/refused/08006")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }

    @Test
    void limitsAnsweredBelowTheResourcesAreProblemsToo() {
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"text\":\"" + "x".repeat(80_000) + "\"}")
                        .post("/test/input")
                        .then(),
                413);
        problem(given().get("/test/input/" + "a".repeat(5000)).then(), 414);
        problem(
                given().header("X-Big", "b".repeat(30_000))
                        .get("/test/input/" + UUID.randomUUID())
                        .then(),
                431);
    }

    @TestHTTPResource("/test/input")
    URI input;

    @Test
    void aChunkedBodyBeyondTheLimitIsAProblemToo() throws Exception {
        // no Content-Length: the body's size is known only as it arrives
        byte[] big = ("{\"text\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(input)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "chunked-413")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(answer.statusCode())
                .as(answer.body())
                .isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(answer.body())
                .contains("\"status\":413")
                .contains("chunked-413");

        // a chunked body within the limit is read as usual
        byte[] small = "{\"text\":\"kort\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(input)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(ok.statusCode())
                .as(ok.body())
                .isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(ok.body()).contains("\"text\":\"kort\"");
    }
}
