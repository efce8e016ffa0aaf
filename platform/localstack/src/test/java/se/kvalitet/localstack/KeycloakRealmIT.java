package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the real Keycloak distribution with the demo realm through {@link LocalStack} (in memory,
 * random ports, nothing else) and checks what the services rely on: audience, realm roles, org
 * units, machine clients, the pinned demo signing key, PKCE and the redirect URIs; that nobody can
 * widen their own access (account API, update-profile action, admin API), that brute-force
 * detection locks an account, and that the production realm generates its own key and has no
 * password grant and no users.
 */
class KeycloakRealmIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORG = "00000000-0000-4000-8000-0000000000";

    private static LocalStack stack;

    @BeforeAll
    static void startKeycloak() {
        LocalStack.Builder b = LocalStack.builder()
                .temporary()
                .randomPorts()
                .postgres(false)
                .kafka(false)
                .infrastructureOnly()
                .progress(m -> System.out.println("[localstack] " + m));
        // -Dkvalitet.realm-file=<an older realm> shows what these tests catch in it
        String realm = System.getProperty("kvalitet.realm-file");
        if (realm != null && !realm.isBlank()) {
            b.realmFile(java.nio.file.Path.of(realm));
        }
        stack = b.build().start();
        System.out.println("Keycloak ready after "
                + stack.keycloakReadyTime().orElseThrow().toMillis() + " ms (prepare "
                + stack.readyTimes().get("keycloak-prepare").toMillis() + " ms)");
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
        assertThat(strings(claims.at("/realm_access/roles")))
                .contains("reporter")
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
        Map<String, String> unit = Map.of(
                "anna", "11", "erik", "10", "karin", "02", "ingrid", "10", "maria", "10", "per", "02", "bo", "01",
                "admin", "01");
        List<String> applicationRoles = List.of(
                "reporter",
                "unit-manager",
                "investigator",
                "quality-team",
                "process-owner",
                "medically-responsible",
                "viewer",
                "admin",
                "case-system",
                "bi-reader");

        for (var e : roles.entrySet()) {
            JsonNode claims = payload(
                    passwordGrant(e.getKey(), "demo").get("access_token").asText());
            List<String> granted = strings(claims.at("/realm_access/roles")).stream()
                    .filter(applicationRoles::contains)
                    .toList();
            assertThat(granted).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
            assertThat(strings(claims.get("org_units"))).as(e.getKey()).containsExactly(ORG + unit.get(e.getKey()));
            assertThat(audiences(claims)).as(e.getKey()).contains("kvalitet-api");
        }
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        HttpResponse<String> r = post(
                stack.tokenEndpoint(),
                form(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "kvalitet-intranet",
                        "username",
                        "anna",
                        "password",
                        "wrong")));
        // RFC 6749 5.2: a wrong resource-owner password is invalid_grant, which Keycloak 26 answers with 400
        assertThat(r.statusCode()).isIn(400, 401);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theDirectoryClientReadsWhoHoldsARoleAndNothingMore() throws Exception {
        // report-service's notification directory (its README, "Notifications", recipients)
        HttpResponse<String> r = post(
                stack.tokenEndpoint(),
                form(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "kvalitet-directory",
                        "client_secret",
                        "kvalitet-directory-secret")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = JSON.readTree(r.body()).get("access_token").asText();
        JsonNode claims = payload(token);
        assertThat(audiences(claims))
                .as("no endpoint of the suite takes its tokens")
                .doesNotContain("kvalitet-api");
        assertThat(strings(claims.at("/realm_access/roles")))
                .doesNotContain("reporter", "admin", "quality-team", "case-system", "bi-reader");

        String admin = stack.keycloakUrl() + "/admin/realms/" + LocalStack.REALM;
        HttpResponse<String> members = send(HttpRequest.newBuilder(
                        URI.create(admin + "/roles/quality-team/users?briefRepresentation=false&first=0&max=500"))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(members.statusCode()).as(members.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JSON.readTree(members.body()).forEach(u -> byName.put(u.get("username").asText(), u));
        assertThat(byName).containsOnlyKeys("karin", "admin");
        JsonNode karin = byName.get("karin");
        assertThat(karin.get("email").asText()).isEqualTo("karin@kvalitet.example");
        assertThat(karin.get("enabled").asBoolean()).isTrue();
        assertThat(strings(karin.at("/attributes/org_units"))).containsExactly(ORG + "02");

        // read only: no user can be changed or created with it
        HttpResponse<String> create = send(HttpRequest.newBuilder(URI.create(admin + "/users"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"intruder\",\"enabled\":true}")));
        assertThat(create.statusCode()).isEqualTo(403);
        HttpResponse<String> disable = send(HttpRequest.newBuilder(
                        URI.create(admin + "/users/" + karin.get("id").asText()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
        assertThat(disable.statusCode()).isEqualTo(403);
        // nor can it read the clients' secrets
        HttpResponse<String> clients = send(HttpRequest.newBuilder(URI.create(admin + "/clients"))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(clients.statusCode() == 403
                        || !clients.body().contains("case-system-secret")
                                && !clients.body().contains("kvalitet-directory-secret"))
                .as(clients.statusCode() + " " + clients.body())
                .isTrue();
    }

    @Test
    void machineClientsGetTheirRoleAndAudience() throws Exception {
        // client id, secret, realm role: each case-management system has its own client with the same role
        for (String[] client : new String[][] {
            {"case-system", "case-system-secret", "case-system"},
            {"case-system-2", "case-system-2-secret", "case-system"},
            {"bi-reader", "bi-reader-secret", "bi-reader"}
        }) {
            HttpResponse<String> r = post(
                    stack.tokenEndpoint(),
                    form(Map.of(
                            "grant_type", "client_credentials", "client_id", client[0], "client_secret", client[1])));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode claims =
                    payload(JSON.readTree(r.body()).get("access_token").asText());
            assertThat(strings(claims.at("/realm_access/roles")))
                    .as(client[0])
                    .contains(client[2])
                    .doesNotContain("reporter", "admin", client[2].equals("case-system") ? "bi-reader" : "case-system");
            assertThat(audiences(claims)).as(client[0]).contains("kvalitet-api");
            assertThat(claims.get("azp").asText()).isEqualTo(client[0]);
        }
        HttpResponse<String> wrong = post(
                stack.tokenEndpoint(),
                form(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "case-system",
                        "client_secret",
                        "not-the-secret")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> anothers = post(
                stack.tokenEndpoint(),
                form(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "case-system-2",
                        "client_secret",
                        "case-system-secret")));
        assertThat(anothers.statusCode())
                .as("one system's secret does not open another's client")
                .isEqualTo(401);
        // the intranet client is public and has no service account
        HttpResponse<String> publicClient = post(
                stack.tokenEndpoint(),
                form(Map.of("grant_type", "client_credentials", "client_id", "kvalitet-intranet")));
        assertThat(publicClient.statusCode()).isIn(400, 401);
    }

    @Test
    void tokensAreSignedWithThePinnedDemoKeyWhichSaysSo() throws Exception {
        JsonNode realm = JSON.readTree(stack.realmFile().toFile());
        JsonNode provider = null;
        for (JsonNode c : realm.at("/components/org.keycloak.keys.KeyProvider")) {
            if ("rsa".equals(c.get("providerId").asText())) {
                provider = c;
            }
        }
        assertThat(provider).as("pinned rsa key provider in the demo realm").isNotNull();
        assertThat(provider.get("name").asText()).contains("demo");
        String demoKid = provider.at("/config/kid/0").asText();
        assertThat(demoKid).contains("demo");
        String certificate = provider.at("/config/certificate/0").asText();

        JsonNode jwks = JSON.readTree(get(stack.jwksUrl()).body());
        Map<String, JsonNode> signing = new LinkedHashMap<>();
        jwks.get("keys").forEach(k -> {
            if ("sig".equals(k.path("use").asText())
                    && "RS256".equals(k.path("alg").asText())) {
                signing.put(k.get("kid").asText(), k);
            }
        });
        // the production realm's generated key is there too, but the pinned demo key outranks it
        assertThat(signing).containsKey(demoKid).hasSize(2);
        assertThat(signing.get(demoKid).at("/x5c/0").asText()).isEqualTo(certificate);

        String accessToken = passwordGrant("erik", "demo").get("access_token").asText();
        JsonNode header =
                JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]));
        assertThat(header.get("kid").asText()).isEqualTo(demoKid);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
    }

    /**
     * The production realm as an operator would import it (placeholders filled in, under another
     * name next to the demo realm): Keycloak generates its own signing key, the intranet client has
     * no password grant, there are no users, the user profile holds, the machine client works with
     * the secret the operator gave it.
     */
    @Test
    void theProductionRealmGeneratesItsOwnKeyAndHasNoPasswordGrantAndNoUsers() throws Exception {
        String name = "kvalitet-production-check";
        String text = JSON.writeValueAsString(DemoRealm.production(stack.repoRoot()))
                .replace("${KVALITET_INTRANET_URL}", "https://intranet.example.kommun.se")
                .replace("${KVALITET_CASE_SYSTEM_SECRET}", "an-operator-chosen-secret")
                .replace("${KVALITET_BI_READER_SECRET}", "another-operator-chosen-secret");
        ObjectNode production = (ObjectNode) JSON.readTree(text);
        production.put("realm", name);
        String admin = adminToken();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(production))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String issuer = stack.keycloakUrl() + "/realms/" + name;
        try {
            JsonNode demoKey = null;
            for (JsonNode c :
                    JSON.readTree(stack.realmFile().toFile()).at("/components/org.keycloak.keys.KeyProvider")) {
                if ("rsa".equals(c.get("providerId").asText())) {
                    demoKey = c;
                }
            }
            X509Certificate demoCert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder()
                            .decode(demoKey.at("/config/certificate/0").asText())));
            String demoModulus = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(unsigned(((java.security.interfaces.RSAPublicKey) demoCert.getPublicKey())
                            .getModulus()
                            .toByteArray()));

            JsonNode jwks =
                    JSON.readTree(get(issuer + "/protocol/openid-connect/certs").body());
            List<String> kids = new ArrayList<>();
            jwks.get("keys").forEach(k -> {
                if ("sig".equals(k.path("use").asText())
                        && "RS256".equals(k.path("alg").asText())) {
                    kids.add(k.get("kid").asText());
                    assertThat(k.get("n").asText()).as("not the demo key").isNotEqualTo(demoModulus);
                }
            });
            assertThat(kids).hasSize(1);
            assertThat(kids.get(0)).doesNotContain("demo");

            HttpResponse<String> password = post(
                    issuer + "/protocol/openid-connect/token",
                    form(Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            "kvalitet-intranet",
                            "username",
                            "anna",
                            "password",
                            "demo")));
            assertThat(password.statusCode()).isIn(400, 401);
            assertThat(JSON.readTree(password.body()).get("error").asText()).isEqualTo("unauthorized_client");

            HttpResponse<String> machine = post(
                    issuer + "/protocol/openid-connect/token",
                    form(Map.of(
                            "grant_type",
                            "client_credentials",
                            "client_id",
                            "case-system",
                            "client_secret",
                            "an-operator-chosen-secret")));
            assertThat(machine.statusCode()).as(machine.body()).isEqualTo(200);
            String token = JSON.readTree(machine.body()).get("access_token").asText();
            assertThat(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]))
                            .get("kid")
                            .asText())
                    .isEqualTo(kids.get(0));
            assertThat(post(
                                    issuer + "/protocol/openid-connect/token",
                                    form(Map.of(
                                            "grant_type",
                                            "client_credentials",
                                            "client_id",
                                            "case-system",
                                            "client_secret",
                                            "case-system-secret")))
                            .statusCode())
                    .as("the demo secret")
                    .isEqualTo(401);

            HttpResponse<String> users = send(HttpRequest.newBuilder(URI.create(
                            stack.keycloakUrl() + "/admin/realms/" + name + "/users?briefRepresentation=true"))
                    .header("Authorization", "Bearer " + admin)
                    .GET());
            List<String> people = new ArrayList<>();
            JSON.readTree(users.body()).forEach(u -> {
                if (!u.get("username").asText().startsWith("service-account-")) {
                    people.add(u.get("username").asText());
                }
            });
            assertThat(people).isEmpty();

            JsonNode profile = JSON.readTree(send(HttpRequest.newBuilder(
                                    URI.create(stack.keycloakUrl() + "/admin/realms/" + name + "/users/profile"))
                            .header("Authorization", "Bearer " + admin)
                            .GET())
                    .body());
            assertThat(profile.has("unmanagedAttributePolicy")).isFalse();
            for (JsonNode attribute : profile.get("attributes")) {
                assertThat(strings(attribute.at("/permissions/edit")))
                        .as(attribute.get("name").asText())
                        .containsExactly("admin");
            }
        } finally {
            send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/" + name))
                    .header("Authorization", "Bearer " + adminToken())
                    .DELETE());
        }
    }

    private static byte[] unsigned(byte[] bigEndian) {
        return bigEndian.length > 1 && bigEndian[0] == 0
                ? java.util.Arrays.copyOfRange(bigEndian, 1, bigEndian.length)
                : bigEndian;
    }

    @Test
    void intranetClientRequiresPkceAndAcceptsLoopbackRedirectsOnAnyPort() throws Exception {
        String auth = stack.issuer() + "/protocol/openid-connect/auth";
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest("a-verifier-of-sufficient-length-0123456789abcdef"
                                .getBytes(StandardCharsets.US_ASCII)));
        for (String redirect : List.of("http://localhost:5173/callback", "http://127.0.0.1:3000/")) {
            HttpResponse<String> login = get(auth + "?"
                    + form(Map.of(
                            "client_id",
                            "kvalitet-intranet",
                            "response_type",
                            "code",
                            "scope",
                            "openid",
                            "redirect_uri",
                            redirect,
                            "code_challenge",
                            challenge,
                            "code_challenge_method",
                            "S256")));
            assertThat(login.statusCode()).as(redirect + ": " + login.body()).isEqualTo(200);
            assertThat(login.body()).contains("kc-form-login");
        }
        HttpResponse<String> elsewhere = get(auth + "?"
                + form(Map.of(
                        "client_id",
                        "kvalitet-intranet",
                        "response_type",
                        "code",
                        "scope",
                        "openid",
                        "redirect_uri",
                        "https://evil.example/cb",
                        "code_challenge",
                        challenge,
                        "code_challenge_method",
                        "S256")));
        assertThat(elsewhere.statusCode()).isEqualTo(400);

        HttpResponse<String> noPkce = get(auth + "?"
                + form(Map.of(
                        "client_id",
                        "kvalitet-intranet",
                        "response_type",
                        "code",
                        "scope",
                        "openid",
                        "redirect_uri",
                        "http://localhost:5173/callback")));
        // Keycloak sends the error back to the (valid) redirect URI
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElse(""))
                .startsWith("http://localhost:5173/callback")
                .contains("error=invalid_request")
                .contains("code_challenge");
    }

    // ------------------------------------------------------------------ nobody widens their own access (issue 13)

    private static final String FOREIGN_UNIT = ORG + "02";

    @Test
    void aUserCannotChangeTheirOwnOrgUnitsThroughTheAccountApi() throws Exception {
        String token = passwordGrant("anna", "demo").get("access_token").asText();
        String account = stack.issuer() + "/account/";
        HttpResponse<String> mine = send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET());
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        ObjectNode representation = (ObjectNode) JSON.readTree(mine.body());

        // the account console's own request, with her attribute pointed at the whole administration
        ObjectNode widened = representation.deepCopy();
        widened.remove("userProfileMetadata");
        widened.withObject("/attributes").putArray("org_units").add(FOREIGN_UNIT);
        HttpResponse<String> update = send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(widened))));
        // the same with an extra copy of the unit and a second authorization-looking attribute
        ObjectNode added = representation.deepCopy();
        added.remove("userProfileMetadata");
        added.withObject("/attributes").putArray("org_units").add(ORG + "11").add(FOREIGN_UNIT);
        added.withObject("/attributes").putArray("roles").add("quality-team");
        HttpResponse<String> add = send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(added))));
        System.out.println("account API answers: " + update.statusCode() + " " + update.body() + " / "
                + add.statusCode() + " " + add.body());
        assertThat(update.statusCode())
                .as("refused or ignored: " + update.body())
                .isIn(204, 400, 403);
        assertThat(add.statusCode()).as("refused or ignored: " + add.body()).isIn(204, 400, 403);

        assertOrgUnitsUnchanged("anna", ORG + "11");
        assertThat(adminUser("anna").path("attributes").has("roles"))
                .as("no undeclared attribute is stored")
                .isFalse();
    }

    @Test
    void aUserCannotChangeTheirOwnOrgUnitsThroughTheUpdateProfileAction() throws Exception {
        Browser browser = new Browser();
        String verifier = "a-verifier-of-sufficient-length-0123456789abcdef";
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        // an application-initiated action: log in, then Keycloak shows the update-profile form
        HttpResponse<String> login = browser.get(stack.issuer() + "/protocol/openid-connect/auth?"
                + form(Map.of(
                        "client_id",
                        "kvalitet-intranet",
                        "response_type",
                        "code",
                        "scope",
                        "openid",
                        "redirect_uri",
                        "http://localhost:5173/cb",
                        "code_challenge",
                        challenge,
                        "code_challenge_method",
                        "S256",
                        "kc_action",
                        "UPDATE_PROFILE")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> profileForm =
                browser.post(formAction(login.body()), form(Map.of("username", "erik", "password", "demo")));
        assertThat(profileForm.statusCode()).as(profileForm.body()).isEqualTo(200);
        assertThat(profileForm.body()).contains("kc-update-profile-form");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", "erik");
        fields.put("email", "erik@kvalitet.example");
        fields.put("firstName", "Erik");
        fields.put("lastName", "Eriksson");
        fields.put("org_units", FOREIGN_UNIT);
        HttpResponse<String> submitted = browser.post(formAction(profileForm.body()), form(fields));
        System.out.println("update-profile answers: " + submitted.statusCode() + " "
                + submitted.headers().firstValue("Location").orElse(""));

        assertOrgUnitsUnchanged("erik", ORG + "10");
    }

    /** Just enough of a browser for Keycloak's login pages: keeps cookies, does not follow redirects. */
    private static final class Browser {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        /** Posts a form and follows Keycloak's own redirects (not the one back to the application). */
        HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            for (int hops = 0; hops < 5 && r.statusCode() / 100 == 3; hops++) {
                URI next = URI.create(url)
                        .resolve(r.headers().firstValue("Location").orElseThrow());
                if (!next.toString().startsWith(stack.keycloakUrl())) {
                    break;
                }
                r = get(next.toString());
            }
            return r;
        }

        private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                b.header(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(
                            pair.substring(0, eq).strip(),
                            pair.substring(eq + 1).strip());
                }
            }
            return r;
        }
    }

    @Test
    void aUserTokenCannotUseTheAdminApi() throws Exception {
        String token = passwordGrant("anna", "demo").get("access_token").asText();
        String id = adminUser("anna").get("id").asText();
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create(stack.keycloakUrl() + "/admin/realms/" + LocalStack.REALM + "/users/" + id))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"attributes\":{\"org_units\":[\"" + FOREIGN_UNIT + "\"]}}")));
        assertThat(r.statusCode()).as(r.body()).isIn(401, 403);
        assertOrgUnitsUnchanged("anna", ORG + "11");
    }

    /**
     * Brute-force detection: after {@code failureFactor} wrong passwords the account is locked for a
     * while, so even the right password is refused, and the admin API reports the lock. A user made
     * for this test takes the lock, not a demo user the other tests log in as.
     */
    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() throws Exception {
        String admin = adminToken();
        String users = stack.keycloakUrl() + "/admin/realms/" + LocalStack.REALM + "/users";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"lockout-probe","enabled":true,"firstName":"Lock","lastName":"Out",
                         "email":"lockout-probe@kvalitet.example","emailVerified":true,
                         "credentials":[{"type":"password","value":"right-password","temporary":false}]}""")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = adminUser("lockout-probe").get("id").asText();
        try {
            JsonNode realm = JSON.readTree(
                    send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/" + LocalStack.REALM))
                                    .header("Authorization", "Bearer " + admin)
                                    .GET())
                            .body());
            assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
            assertThat(realm.get("permanentLockout").asBoolean()).isFalse();
            int failureFactor = realm.get("failureFactor").asInt();

            assertThat(passwordGrantStatus("lockout-probe", "right-password")).isEqualTo(200);
            for (int i = 0; i < failureFactor; i++) {
                assertThat(passwordGrantStatus("lockout-probe", "wrong-password-" + i))
                        .isIn(400, 401);
            }
            assertThat(passwordGrantStatus("lockout-probe", "right-password"))
                    .as("locked")
                    .isIn(400, 401);
            JsonNode status =
                    JSON.readTree(send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/"
                                            + LocalStack.REALM + "/attack-detection/brute-force/users/" + id))
                                    .header("Authorization", "Bearer " + admin)
                                    .GET())
                            .body());
            assertThat(status.get("disabled").asBoolean()).as(status.toString()).isTrue();
            assertThat(status.get("numFailures").asInt()).isGreaterThanOrEqualTo(1);
        } finally {
            send(HttpRequest.newBuilder(URI.create(users + "/" + id))
                    .header("Authorization", "Bearer " + adminToken())
                    .DELETE());
        }
    }

    private static int passwordGrantStatus(String user, String password) throws IOException, InterruptedException {
        return post(
                        stack.tokenEndpoint(),
                        form(Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "kvalitet-intranet",
                                "username",
                                user,
                                "password",
                                password)))
                .statusCode();
    }

    /** Stored attribute (admin API) and a fresh token both still carry only the user's own unit. */
    private static void assertOrgUnitsUnchanged(String user, String unit) throws Exception {
        assertThat(strings(adminUser(user).at("/attributes/org_units")))
                .as(user + " stored")
                .containsExactly(unit);
        JsonNode fresh = payload(passwordGrant(user, "demo").get("access_token").asText());
        assertThat(strings(fresh.get("org_units"))).as(user + " next token").containsExactly(unit);
    }

    private static JsonNode adminUser(String username) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/"
                        + LocalStack.REALM + "/users?exact=true&username=" + username))
                .header("Authorization", "Bearer " + adminToken())
                .GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode users = JSON.readTree(r.body());
        assertThat(users).hasSize(1);
        return users.get(0);
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> r = post(
                stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                form(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        LocalStack.KEYCLOAK_ADMIN_USER,
                        "password",
                        LocalStack.KEYCLOAK_ADMIN_PASSWORD)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\saction=\"([^\"]+)\"");

    private static String formAction(String html) {
        Matcher m = FORM_ACTION.matcher(html);
        assertThat(m.find()).as("a form in " + html).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode passwordGrant(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post(
                stack.tokenEndpoint(),
                form(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "kvalitet-intranet",
                        "username",
                        user,
                        "password",
                        password)));
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
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
