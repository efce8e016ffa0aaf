package se.kvalitet.web.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.TestTokens;

/** Issue 18 item 1: a machine client's create without an Idempotency-Key is a 428 problem, and nothing is created. */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class IdempotencyKeyRequiredTest {

    private static ValidatableResponse post(String path, String token, String key) {
        var spec = given().contentType("application/json").body("{\"summary\":\"x\"}");
        if (token != null) {
            spec.auth().oauth2(token);
        }
        if (key != null) {
            spec.header("Idempotency-Key", key);
        }
        return spec.post(path).then();
    }

    @Test
    void aCaseSystemWithoutAKeyGets428AndNothingIsCreated() {
        String caseSystem =
                TestTokens.client("case-system").roles("case-system").sign();
        int before = IntakeTestResource.CREATED.get();
        post("/test/intake", caseSystem, null)
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/idempotency-key-required"))
                .body("status", equalTo(428))
                .body("title", equalTo("Idempotency-Key required"))
                .body("detail", startsWith("A machine client must send an Idempotency-Key header"))
                .body("header", equalTo("Idempotency-Key"));
        // a blank key is a malformed one (platform/web RequestChecks): refused before anything is created
        post("/test/intake", caseSystem, "   ").statusCode(400).contentType("application/problem+json");
        assertThat(IntakeTestResource.CREATED.get()).isEqualTo(before);

        post("/test/intake", caseSystem, "3f1c2a8e-5b7d-4c1e-9a0b-1d2e3f4a5b6c")
                .statusCode(201)
                .body("key", equalTo("3f1c2a8e-5b7d-4c1e-9a0b-1d2e3f4a5b6c"));
        assertThat(IntakeTestResource.CREATED.get()).isEqualTo(before + 1);
    }

    @Test
    void anyServiceAccountCountsAsAMachineClientWhateverItsRoles() {
        // a client-credentials token whose client has no machine role: Keycloak still names it service-account-<client>
        String other = TestTokens.client("other-system").roles("other-system").sign();
        post("/test/intake", other, null).statusCode(428);
        post("/test/intake", other, "k-1").statusCode(201);
    }

    @Test
    void aPersonMayPostWithoutAKey() {
        String anna = TestTokens.user("anna").roles("reporter").sign();
        post("/test/intake", anna, null).statusCode(201);
    }

    @Test
    void theRoleCheckComesFirst() {
        // bi-reader is a machine client but may not create here: 403, not a hint to add a key
        String bi = TestTokens.client("bi-reader").roles("bi-reader").sign();
        post("/test/intake", bi, null).statusCode(403);
        post("/test/intake", null, null).statusCode(401);
    }

    @Test
    void anEndpointWithoutTheAnnotationDoesNotAskForAKey() {
        String caseSystem =
                TestTokens.client("case-system").roles("case-system").sign();
        post("/test/intake/unmarked", caseSystem, null).statusCode(201);
    }
}
