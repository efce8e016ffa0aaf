package se.kvalitet.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs Keycloak-shaped access tokens for tests: issuer, audience, {@code realm_access.roles},
 * {@code preferred_username}, {@code azp} and the org-unit claim {@value #ORG_UNITS_CLAIM}.
 * The key and issuer come from the running {@link OidcServer} through system properties, so this
 * works from any class loader in the test JVM.
 */
public final class TestTokens {

    public static final String AUDIENCE = "kvalitet-api";
    public static final String ORG_UNITS_CLAIM = "org_units";
    static final String ISSUER_PROPERTY = "kvalitet.test.oidc.issuer";
    static final String KEY_PROPERTY = "kvalitet.test.oidc.private-key";

    private final String subject;
    private final String username;
    private final String clientId;
    private final Set<String> roles = new LinkedHashSet<>();
    private final List<String> orgUnits = new ArrayList<>();
    private String issuer;
    private String email;
    private String audience = AUDIENCE;
    private Instant expiresAt = Instant.now().plusSeconds(600);
    private Instant issuedAt = Instant.now();

    private TestTokens(String subject, String username, String clientId) {
        this.subject = subject;
        this.username = username;
        this.clientId = clientId;
    }

    /** A person logged in through the intranet client. */
    public static TestTokens user(String username) {
        return new TestTokens(
                UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8))
                        .toString(),
                username,
                "kvalitet-intranet");
    }

    /** A machine client (client credentials): Keycloak names its service account {@code service-account-<client>}. */
    public static TestTokens client(String clientId) {
        return new TestTokens(
                UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8))
                        .toString(),
                "service-account-" + clientId,
                clientId);
    }

    public TestTokens roles(String... r) {
        roles.addAll(Arrays.asList(r));
        return this;
    }

    public TestTokens orgUnits(Object... units) {
        for (Object u : units) {
            orgUnits.add(u.toString());
        }
        return this;
    }

    /** The {@code email} claim (Keycloak's default "email" client scope), absent unless set. */
    public TestTokens email(String address) {
        this.email = address;
        return this;
    }

    public TestTokens issuer(String iss) {
        this.issuer = iss;
        return this;
    }

    public TestTokens audience(String aud) {
        this.audience = aud;
        return this;
    }

    public TestTokens expiresAt(Instant exp) {
        this.expiresAt = exp;
        return this;
    }

    public TestTokens issuedAt(Instant iat) {
        this.issuedAt = iat;
        return this;
    }

    public String subject() {
        return subject;
    }

    /** The signed compact JWS. */
    public String sign() {
        JwtClaimsBuilder b = Jwt.issuer(issuer != null ? issuer : requiredProperty(ISSUER_PROPERTY))
                .subject(subject)
                .audience(audience)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("typ", "Bearer")
                .claim("azp", clientId)
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .claim(ORG_UNITS_CLAIM, List.copyOf(orgUnits));
        if (email != null) {
            b.claim("email", email);
        }
        return b.jws().keyId(OidcServer.KEY_ID).sign(privateKey());
    }

    /** Convenience: the {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + sign();
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(requiredProperty(KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set: is OidcTestResource registered on this test?");
        }
        return v;
    }

    static void publish(OidcServer server) {
        System.setProperty(ISSUER_PROPERTY, server.issuer());
        System.setProperty(
                KEY_PROPERTY,
                Base64.getEncoder().encodeToString(server.keys().getPrivate().getEncoded()));
    }
}
