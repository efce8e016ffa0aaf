package se.kvalitet.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.TestTokens;

/** quarkus-oidc's real verification with a signing OIDC provider, in front of and behind the cache. */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class TokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @BeforeEach
    void empty() {
        cache.clear();
    }

    @Test
    void theSecondRequestWithTheSameTokenIsAnsweredFromTheCacheWithTheSameIdentity() {
        String token = TestTokens.user("karin").roles("quality-team").sign();
        given().auth()
                .oauth2(token)
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("cached", equalTo(false))
                .body("roles", contains("quality-team"));
        assertThat(cache.size()).isEqualTo(1);
        given().auth()
                .oauth2(token)
                .get("/test/whoami")
                .then()
                .statusCode(200)
                .body("cached", equalTo(true))
                .body("roles", contains("quality-team"))
                .body("name", equalTo("karin"));
        given().auth().oauth2(token).get("/test/whoami/quality").then().statusCode(200);
    }

    @Test
    void rolesStillDecideOnACacheHit() {
        String token = TestTokens.user("anna").roles("reporter").sign();
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(200);
        given().auth().oauth2(token).get("/test/whoami/quality").then().statusCode(403);
        given().auth().oauth2(token).get("/test/whoami/quality").then().statusCode(403);
    }

    @Test
    void aTamperedCopyOfACachedTokenIsVerifiedAndRejected() {
        String token = TestTokens.user("anna").roles("reporter").sign();
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(200);
        String[] parts = token.split("\\.");
        // same header and signature, payload claiming another role
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("reporter", "quality-team");
        String forged = parts[0] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        given().auth().oauth2(forged).get("/test/whoami/quality").then().statusCode(401);
        // flip a character in the middle of the signature: the last base64url character of a
        // 2048-bit signature carries padding bits, so changing it may leave the bytes unchanged
        int mid = parts[2].length() / 2;
        char c = parts[2].charAt(mid);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, mid) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(mid + 1);
        given().auth().oauth2(badSignature).get("/test/whoami").then().statusCode(401);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() throws Exception {
        Instant exp = Instant.now().plusSeconds(3);
        String token = TestTokens.user("erik")
                .roles("unit-manager")
                .issuedAt(Instant.now().minusSeconds(10))
                .expiresAt(exp)
                .sign();
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(200);
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(200).body("cached", equalTo(true));
        while (Instant.now().isBefore(exp.plusMillis(1200))) {
            Thread.sleep(200);
        }
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsNeverCached() {
        String token = TestTokens.user("erik")
                .roles("unit-manager")
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(300))
                .sign();
        given().auth().oauth2(token).get("/test/whoami").then().statusCode(401);
        assertThat(cache.size()).isZero();
    }
}
