package se.kvalitet.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.TestTokens;

/**
 * The guard in a running application (switched on for this module's tests): it read the test
 * issuer's keys at start-up through discovery, found no demo key, and readiness says so.
 */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class SigningKeyReadinessTest {

    @Inject
    DemoSigningKeyGuard guard;

    @Test
    void theIssuersKeysWereCheckedAtStartUpAndTheServiceIsReadyAndServing() {
        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.VERIFIED);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem(SigningKeyReadiness.NAME))
                .body("checks.find { it.name == '" + SigningKeyReadiness.NAME + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + SigningKeyReadiness.NAME + "' }.data.state", equalTo("VERIFIED"));
        given().auth()
                .oauth2(TestTokens.user("anna").roles("reporter").sign())
                .get("/test/whoami")
                .then()
                .statusCode(200);
    }

    @Test
    void whileTheKeysAreUnverifiedTheApiAnswers503ProblemsAndReadinessIsDown() {
        String token = TestTokens.user("anna").roles("reporter").sign();
        guard.state(DemoSigningKeyGuard.State.PENDING);
        try {
            given().auth()
                    .oauth2(token)
                    .get("/test/whoami")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .header("X-Correlation-Id", org.hamcrest.Matchers.notNullValue())
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://kvalitet.se/problems/signing-keys-unverified"));
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == '" + SigningKeyReadiness.NAME + "' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            guard.state(DemoSigningKeyGuard.State.VERIFIED);
        }
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(200);
    }
}
