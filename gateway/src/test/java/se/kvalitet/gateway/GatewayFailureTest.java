package se.kvalitet.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;

/**
 * What the client is told when the service does not answer (issue 18 item 1), against a service
 * that fails the way real ones do ({@link FlakyService}); and the circuit that waits for the
 * service's readiness before it lets users through again (A4).
 */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class GatewayFailureTest {

    static String token() {
        return GatewayTest.token("karin");
    }

    @Test
    void aRequestTheServiceReceivedButNeverAnsweredIsA502WithAnUnknownOutcome() {
        String token = token();
        given().auth().oauth2(token).get("/flaky/v1/echo").then().statusCode(200);
        String path = "/flaky/v1/drop-after-body/" + UUID.randomUUID();
        given().auth()
                .oauth2(token)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .contentType("application/json")
                .body("{\"title\":\"fall\"}")
                .post(path)
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/bad-gateway"))
                .body("outcome", equalTo("unknown"))
                .body("detail", containsString("Idempotency-Key"))
                .body("correlationId", matchesPattern("[0-9a-f-]{36}"));
        // a POST is never sent twice by the gateway: only the client knows whether a repeat is safe
        assertThat(FlakyService.hits(path)).isEqualTo(1);
    }

    @Test
    void aSafeRequestWhoseConnectionWasLostIsSentOnceMore() {
        String path = "/flaky/v1/drop-after-body/" + UUID.randomUUID();
        given().auth().oauth2(token()).get(path).then().statusCode(200).body("hit", equalTo(2));
        assertThat(FlakyService.hits(path)).isEqualTo(2);
    }

    @Test
    void aRequestTheServiceReceivedButDidNotAnswerInTimeIsA504WithAnUnknownOutcome() {
        String token = token();
        given().auth().oauth2(token).get("/flaky/v1/echo").then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .post("/flaky/v1/silent")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/gateway-timeout"))
                .body("outcome", equalTo("unknown"))
                .body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void theCircuitOpensOnServiceFailuresAndClosesOnlyWhenReadinessIsUp() throws InterruptedException {
        String token = token();
        given().auth().oauth2(token).get("/flaky/v1/echo").then().statusCode(200);
        FlakyService.ready = false;
        try {
            for (int i = 0; i < 5; i++) {
                // the service's own 503 goes to the client as it is, and counts
                given().auth()
                        .oauth2(token)
                        .get("/flaky/v1/unavailable")
                        .then()
                        .statusCode(503)
                        .body("status", equalTo(503));
            }
            int echoes = FlakyService.hits("/flaky/v1/echo");
            Response refused = given().auth().oauth2(token).get("/flaky/v1/echo");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(refused.jsonPath().getString("outcome")).isEqualTo("not-processed");

            // open for 1 s, then half-open: readiness is probed, no user request is let through as a trial
            int probes = FlakyService.READINESS_PROBES.get();
            waitFor(() -> FlakyService.READINESS_PROBES.get() >= probes + 3);
            given().auth()
                    .oauth2(token)
                    .get("/flaky/v1/echo")
                    .then()
                    .statusCode(503)
                    .body("outcome", equalTo("not-processed"));
            assertThat(FlakyService.hits("/flaky/v1/echo")).isEqualTo(echoes);

            FlakyService.ready = true;
            waitFor(() -> given().auth().oauth2(token).get("/flaky/v1/echo").statusCode() == 200);
        } finally {
            FlakyService.ready = true;
        }
    }

    @Test
    void clientsThatGiveUpDoNotCountAgainstTheService() throws Exception {
        String token = token();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            // the stand-in takes 3 s; the client waits 300 ms and goes away
            java.net.http.HttpRequest slow = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(GatewayEdgeTest.base() + "/report/v1/slow"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(java.time.Duration.ofMillis(300))
                    .build();
            try {
                http.send(slow, java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (java.net.http.HttpTimeoutException expected) {
                // gone
            }
        }
        given().get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'downstream-services' }.data.report", containsString("circuit CLOSED"));
        given().auth().oauth2(token).get("/report/v1/echo").then().statusCode(200);
    }

    /** Polls (at most 10 s) until the condition holds; the circuit's timing is not asserted, only its order of events. */
    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(until);
            Thread.sleep(100);
        }
    }
}
