package se.kvalitet.deviation.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.testing.TestTokens;

/** Idempotent retries and the personnummer guard on intake. */
@QuarkusTest
class IntakeSafeguardsTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");

    static String caseSystem() {
        return TestTokens.client("case-system").roles("case-system").bearer();
    }

    static String body(String summary) {
        return """
                {"summary":"%s","description":"Larmet besvarades efter 40 minuter.",
                 "occurredAt":"2026-10-02T03:10:00Z","orgUnitId":"%s","suggestedCategory":"OTHER_DEVIATION"}""".formatted(summary, HEMTJANST);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnsTheFirstResponseAndStoresOnce() {
        String key = "retry-" + UUID.randomUUID();
        String json = body("Sent larmsvar " + key);
        long before = DeviationDb.count("SELECT count(*) FROM deviation");
        Response first = given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post(PATH);
        first.then().statusCode(201);
        String id = first.path("id");
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", containsString(id))
                .body("id", equalTo(id))
                .body("summary", equalTo("Sent larmsvar " + key));
        // the same body formatted differently is the same request
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(json.replace("\n", " ").replace(",", " , "))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .body("id", equalTo(id));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation")).isEqualTo(before + 1);
        assertThat(DeviationDb.count("SELECT count(*) FROM outbox_event WHERE event_key = '" + id + "'"))
                .isEqualTo(1);

        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body("Något helt annat"))
                .when()
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/idempotency-key-reused"));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation")).isEqualTo(before + 1);

        // keys are per caller: another caller's same key is a new request
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .body("id", not(equalTo(id)));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneReport() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        String json = body("Samtidiga försök " + key);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> given().header("Authorization", caseSystem())
                        .header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(json)
                        .when()
                        .post(PATH)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(6).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE summary = 'Samtidiga försök " + key + "'"))
                .isEqualTo(1);
    }

    @Test
    void aCaseSystemWithoutAnIdempotencyKeyGets428AndNothingIsStored() {
        String summary = "Utan nyckel " + UUID.randomUUID();
        long before = DeviationDb.count("SELECT count(*) FROM deviation");
        long keys = DeviationDb.count("SELECT count(*) FROM idempotency_key");
        given().header("Authorization", caseSystem())
                .contentType(ContentType.JSON)
                .body(body(summary))
                .when()
                .post(PATH)
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/idempotency-key-required"))
                .body("header", equalTo("Idempotency-Key"));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation")).isEqualTo(before);
        assertThat(DeviationDb.count("SELECT count(*) FROM idempotency_key")).isEqualTo(keys);
        // a member of staff reporting through the intranet still may (the intranet sends no key)
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .contentType(ContentType.JSON)
                .body(body(summary))
                .when()
                .post(PATH)
                .then()
                .statusCode(201);
    }

    @Test
    void aFailedRequestDoesNotBurnItsKeyAndBadKeysAreRefused() {
        String key = "fails-first-" + UUID.randomUUID();
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body("Personnummer 121212-1212 i rubriken"))
                .when()
                .post(PATH)
                .then()
                .statusCode(422);
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body("Rättad rubrik"))
                .when()
                .post(PATH)
                .then()
                .statusCode(201);
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", "x".repeat(201))
                .contentType(ContentType.JSON)
                .body(body("Rubrik"))
                .when()
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        given().header("Authorization", caseSystem())
                .header("Idempotency-Key", "med mellanslag")
                .contentType(ContentType.JSON)
                .body(body("Rubrik"))
                .when()
                .post(PATH)
                .then()
                .statusCode(400);
    }

    @Test
    void personalIdentityNumbersInFreeTextAreRefusedNamingEveryFieldAndNeverStored() {
        long before = DeviationDb.count("SELECT count(*) FROM deviation");
        String json = """
                {"summary":"Fel dos till 19121212-1212","description":"Brukaren (701063-2391) fick kvällsdosen två timmar sent.",
                 "occurredAt":"2026-10-02T18:30:00Z","orgUnitId":"%s",
                 "immediateActions":"Ringde anhörig, pnr 1212121212"}""".formatted(HEMTJANST);
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/personal-identity-number"))
                .body("errors.field", containsInAnyOrder("summary", "description", "immediateActions"))
                .body(not(containsString("1212-1212")))
                .body(not(containsString("2391")));
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation")).isEqualTo(before);
        assertThat(DeviationDb.count(
                        "SELECT count(*) FROM deviation WHERE description LIKE '%2391%' OR summary LIKE '%1212-1212%'"))
                .isZero();
    }

    @Test
    void thePseudonymousPersonReferenceIsNeverAPersonnummer() {
        String bearer = caseSystem();
        given().header("Authorization", bearer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(body("Fall").replace("}", ",\"affectedPersonRef\":\"191212121212\"}"))
                .when()
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("affectedPersonRef"));
        given().header("Authorization", bearer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(body("Fall").replace("}", ",\"affectedPersonRef\":\"Tolvan Tolvansson\"}"))
                .when()
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("affectedPersonRef"));
        given().header("Authorization", bearer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(body("Fall")
                        .replace("}", ",\"externalReference\":{\"source\":\"treserva\",\"id\":\"121212-1212\"}}"))
                .when()
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("externalReference.id"));
        given().header("Authorization", bearer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(body("Fall").replace("}", ",\"affectedPersonRef\":\"p-7f3a91\"}"))
                .when()
                .post(PATH)
                .then()
                .statusCode(201)
                .body("affectedPersonRef", equalTo("p-7f3a91"));
    }

    @Test
    void nearMissesAreNotPersonalIdentityNumbers() {
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Larm 2026-10-02 kl 03:10","description":"Ring 070-123 45 67 eller 0701234567, ärende AV-2026-00123, 20261002.",
                         "occurredAt":"2026-10-02T01:10:00Z","orgUnitId":"%s"}""".formatted(HEMTJANST))
                .when()
                .post(PATH)
                .then()
                .statusCode(201);
    }
}
