package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the real Keycloak distribution with the realm file through {@link LocalStack} (in
 * memory, random ports, nothing else) and checks what the services rely on: audience, realm
 * roles, org units, machine clients, the pinned signing key, PKCE and the redirect URIs.
 */
class KeycloakRealmIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORG = "00000000-0000-4000-8000-0000000000";

    private static LocalStack stack;

    @BeforeAll
    static void startKeycloak() {
        stack = LocalStack.builder()
                .temporary()
                .randomPorts()
                .postgres(false)
                .kafka(false)
                .infrastructureOnly()
                .keycloakTimeout(java.time.Duration.ofSeconds(150))
                .progress(m -> System.out.println("[localstack] " + m))
                .build()
                .start();
        System.out.println("Keycloak ready after " + stack.keycloakReadyTime().orElseThrow().toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void demoUserTokenCarriesAudienceRolesAndOrgUnits() throws Exception {
        JsonNode token = passwordGrant("anna", "demo");
        JsonNode claims = payload(token.get("access_token").asText());

        assertThat(audiences(claims)).contains("kvalitet-api");
        assertThat(strings(claims.at("/realm_access/roles"))).contains("reporter")
                .doesNotContain("unit-manager", "admin", "case-system");
        assertThat(strings(claims.get("org_units"))).containsExactly(ORG + "11");
        assertThat(claims.get("org_units").isArray()).isTrue();
        assertThat(claims.get("preferred_username").asText()).isEqualTo("anna");
        assertThat(claims.get("iss").asText()).isEqualTo(stack.issuer());
        assertThat(claims.get("azp").asText()).isEqualTo("kvalitet-intranet");
        assertThat(claims.get("sub").asText()).isNotBlank();
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertThat(lifetime).isEqualTo(300);
    }

    @Test
    void everyDemoUserLogsInWithTheirRolesAndOrgUnits() throws Exception {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("anna", List.of("reporter"));
        roles.put("erik", List.of("unit-manager", "reporter"));
        roles.put("karin", List.of("quality-team", "reporter"));
        roles.put("ingrid", List.of("investigator", "reporter"));
        roles.put("maria", List.of("medically-responsible", "reporter"));
        roles.put("per", List.of("process-owner", "reporter"));
        roles.put("bo", List.of("viewer"));
        roles.put("admin", List.of("admin", "quality-team"));
        Map<String, String> unit = Map.of("anna", "11", "erik", "10", "karin", "02", "ingrid", "10",
                "maria", "10", "per", "02", "bo", "01", "admin", "01");
        List<String> applicationRoles = List.of("reporter", "unit-manager", "investigator", "quality-team",
                "process-owner", "medically-responsible", "viewer", "admin", "case-system", "bi-reader");

        for (var e : roles.entrySet()) {
            JsonNode claims = payload(passwordGrant(e.getKey(), "demo").get("access_token").asText());
            List<String> granted = strings(claims.at("/realm_access/roles")).stream()
                    .filter(applicationRoles::contains).toList();
            assertThat(granted).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
            assertThat(strings(claims.get("org_units"))).as(e.getKey()).containsExactly(ORG + unit.get(e.getKey()));
            assertThat(audiences(claims)).as(e.getKey()).contains("kvalitet-api");
        }
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        HttpResponse<String> r = post(stack.tokenEndpoint(), form(Map.of("grant_type", "password",
                "client_id", "kvalitet-intranet", "username", "anna", "password", "wrong")));
        // RFC 6749 5.2: a wrong resource-owner password is invalid_grant, which Keycloak 26 answers with 400
        assertThat(r.statusCode()).isIn(400, 401);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void machineClientsGetTheirRoleAndAudience() throws Exception {
        for (String[] client : new String[][] {{"case-system", "case-system-secret"}, {"bi-reader", "bi-reader-secret"}}) {
            HttpResponse<String> r = post(stack.tokenEndpoint(), form(Map.of("grant_type", "client_credentials",
                    "client_id", client[0], "client_secret", client[1])));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode claims = payload(JSON.readTree(r.body()).get("access_token").asText());
            assertThat(strings(claims.at("/realm_access/roles"))).as(client[0]).contains(client[0])
                    .doesNotContain("reporter", "admin");
            assertThat(audiences(claims)).as(client[0]).contains("kvalitet-api");
            assertThat(claims.get("azp").asText()).isEqualTo(client[0]);
        }
        HttpResponse<String> wrong = post(stack.tokenEndpoint(), form(Map.of("grant_type", "client_credentials",
                "client_id", "case-system", "client_secret", "not-the-secret")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        // the intranet client is public and has no service account
        HttpResponse<String> publicClient = post(stack.tokenEndpoint(), form(Map.of("grant_type", "client_credentials",
                "client_id", "kvalitet-intranet")));
        assertThat(publicClient.statusCode()).isIn(400, 401);
    }

    @Test
    void signingKeyIsThePinnedOne() throws Exception {
        JsonNode realm;
        try (InputStream in = LocalStack.class.getResourceAsStream(LocalStack.REALM_FILE)) {
            realm = JSON.readTree(in);
        }
        JsonNode provider = null;
        for (JsonNode c : realm.at("/components/org.keycloak.keys.KeyProvider")) {
            if ("rsa".equals(c.get("providerId").asText())) {
                provider = c;
            }
        }
        assertThat(provider).as("pinned rsa key provider in the realm file").isNotNull();
        String certificate = provider.at("/config/certificate/0").asText();
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)));
        // Keycloak's key id: base64url(SHA-256(encoded public key)), so it stays the same across restarts
        String expectedKid = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));

        JsonNode jwks = JSON.readTree(get(stack.jwksUrl()).body());
        List<JsonNode> signing = new ArrayList<>();
        jwks.get("keys").forEach(k -> {
            if ("sig".equals(k.path("use").asText()) && "RS256".equals(k.path("alg").asText())) {
                signing.add(k);
            }
        });
        assertThat(signing).extracting(k -> k.get("kid").asText()).containsExactly(expectedKid);
        assertThat(signing.get(0).at("/x5c/0").asText()).isEqualTo(certificate);

        String accessToken = passwordGrant("erik", "demo").get("access_token").asText();
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]));
        assertThat(header.get("kid").asText()).isEqualTo(expectedKid);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void intranetClientRequiresPkceAndAcceptsLoopbackRedirectsOnAnyPort() throws Exception {
        String auth = stack.issuer() + "/protocol/openid-connect/auth";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest("a-verifier-of-sufficient-length-0123456789abcdef"
                        .getBytes(StandardCharsets.US_ASCII)));
        for (String redirect : List.of("http://localhost:5173/callback", "http://127.0.0.1:3000/")) {
            HttpResponse<String> login = get(auth + "?" + form(Map.of("client_id", "kvalitet-intranet",
                    "response_type", "code", "scope", "openid", "redirect_uri", redirect,
                    "code_challenge", challenge, "code_challenge_method", "S256")));
            assertThat(login.statusCode()).as(redirect + ": " + login.body()).isEqualTo(200);
            assertThat(login.body()).contains("kc-form-login");
        }
        HttpResponse<String> elsewhere = get(auth + "?" + form(Map.of("client_id", "kvalitet-intranet",
                "response_type", "code", "scope", "openid", "redirect_uri", "https://evil.example/cb",
                "code_challenge", challenge, "code_challenge_method", "S256")));
        assertThat(elsewhere.statusCode()).isEqualTo(400);

        HttpResponse<String> noPkce = get(auth + "?" + form(Map.of("client_id", "kvalitet-intranet",
                "response_type", "code", "scope", "openid", "redirect_uri", "http://localhost:5173/callback")));
        // Keycloak sends the error back to the (valid) redirect URI
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElse(""))
                .startsWith("http://localhost:5173/callback").contains("error=invalid_request")
                .contains("code_challenge");
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode passwordGrant(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post(stack.tokenEndpoint(), form(Map.of("grant_type", "password",
                "client_id", "kvalitet-intranet", "username", user, "password", password)));
        assertThat(r.statusCode()).as(user + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        return aud == null ? List.of() : aud.isArray() ? strings(aud) : List.of(aud.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
