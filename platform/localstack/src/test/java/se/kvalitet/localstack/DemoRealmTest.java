package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo realm is the production realm plus the demo overlay and nothing else, the overlay
 * touches only what a demo needs, and the user profile, brute-force detection and token mappers
 * the demo runs with are production's.
 */
class DemoRealmTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = LocalStack.findRepoRoot(Path.of(""));
    static final JsonNode PRODUCTION = DemoRealm.production(ROOT);
    static final JsonNode OVERLAY = DemoRealm.overlay(ROOT);
    static final JsonNode DEMO = DemoRealm.build(ROOT);

    /**
     * Every value of a realm by a path that names array elements by their identity
     * ({@code /clients[clientId=case-system]/secret}); other arrays are values of their own.
     */
    static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new TreeMap<>();
        leaves(node, "", out);
        return out;
    }

    private static void leaves(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                leaves(f.getValue(), path + "/" + f.getKey(), out);
            }
        } else if (DemoRealm.isArrayOfIdentifiedObjects(node)) {
            for (JsonNode e : node) {
                String key = DemoRealm.identityKey(e).orElseThrow();
                leaves(e, path + "[" + key + "=" + e.get(key).asText() + "]", out);
            }
        } else {
            out.put(path, node);
        }
    }

    @Test
    void theDemoRealmIsExactlyProductionPlusTheOverlay() {
        Map<String, JsonNode> expected = new TreeMap<>(leaves(PRODUCTION));
        expected.putAll(leaves(OVERLAY));
        assertThat(leaves(DEMO)).isEqualTo(expected);
        // and the overlay did change something: the demo is not production
        assertThat(leaves(DEMO)).isNotEqualTo(leaves(PRODUCTION));
    }

    @Test
    void theOverlayTouchesOnlyWhatADemoNeeds() {
        Set<String> productionClients = names(PRODUCTION.get("clients"), "clientId");
        Set<String> productionUsers = names(PRODUCTION.get("users"), "username");
        Set<String> productionKeys = names(PRODUCTION.at("/components/org.keycloak.keys.KeyProvider"), "name");
        Pattern intranet = Pattern.compile(
                "/clients\\[clientId=kvalitet-intranet]/(clientId|description|directAccessGrantsEnabled|redirectUris)");
        Pattern secret =
                Pattern.compile("/clients\\[clientId=(case-system|bi-reader|kvalitet-directory)]/(clientId|secret)");
        Pattern newClient = Pattern.compile("/clients\\[clientId=([^\\]]+)]/.*");
        Pattern newUser = Pattern.compile("/users\\[username=([^\\]]+)]/.*");
        Pattern demoKey = Pattern.compile("/components/org\\.keycloak\\.keys\\.KeyProvider\\[name=([^\\]]+)]/.*");

        List<String> unexpected = new ArrayList<>();
        for (String path : leaves(OVERLAY).keySet()) {
            Matcher c = newClient.matcher(path);
            Matcher u = newUser.matcher(path);
            Matcher k = demoKey.matcher(path);
            boolean allowed = intranet.matcher(path).matches()
                    || secret.matcher(path).matches()
                    || (c.matches() && !productionClients.contains(c.group(1)))
                    || (u.matches() && !productionUsers.contains(u.group(1)))
                    || (k.matches()
                            && !productionKeys.contains(k.group(1))
                            && k.group(1).contains("demo"));
            if (!allowed) {
                unexpected.add(path);
            }
        }
        assertThat(unexpected)
                .as("overlay paths beyond demo users, demo clients, demo secrets, the demo key "
                        + "and the intranet client's password grant")
                .isEmpty();
    }

    @Test
    void theDemoRunsWithProductionsUserProfileBruteForceDetectionRolesAndMappers() {
        for (String field : List.of(
                "bruteForceProtected",
                "permanentLockout",
                "failureFactor",
                "waitIncrementSeconds",
                "maxFailureWaitSeconds",
                "maxDeltaTimeSeconds",
                "quickLoginCheckMilliSeconds",
                "minimumQuickLoginWaitSeconds",
                "editUsernameAllowed",
                "sslRequired",
                "roles",
                "defaultRole",
                "accessTokenLifespan",
                "registrationAllowed")) {
            assertThat(DEMO.get(field)).as(field).isNotNull().isEqualTo(PRODUCTION.get(field));
        }
        assertThat(DEMO.at("/components/org.keycloak.userprofile.UserProfileProvider"))
                .isEqualTo(PRODUCTION.at("/components/org.keycloak.userprofile.UserProfileProvider"));
        for (JsonNode client : PRODUCTION.get("clients")) {
            assertThat(client(DEMO, client.get("clientId").asText()).get("protocolMappers"))
                    .as(client.get("clientId").asText())
                    .isEqualTo(client.get("protocolMappers"));
        }
    }

    @Test
    void theSecondCaseSystemIsAMachineClientLikeTheFirstWithItsOwnSecretAndServiceAccount() {
        JsonNode first = client(DEMO, "case-system");
        JsonNode second = client(DEMO, "case-system-2");
        for (String field : List.of(
                "enabled",
                "publicClient",
                "bearerOnly",
                "clientAuthenticatorType",
                "standardFlowEnabled",
                "implicitFlowEnabled",
                "directAccessGrantsEnabled",
                "serviceAccountsEnabled",
                "protocol",
                "fullScopeAllowed",
                "protocolMappers")) {
            assertThat(second.get(field)).as(field).isEqualTo(first.get(field));
        }
        assertThat(second.get("secret").asText()).isEqualTo("case-system-2-secret");
        assertThat(first.get("secret").asText()).isEqualTo("case-system-secret");
        JsonNode account = user(DEMO, "service-account-case-system-2");
        assertThat(account.get("serviceAccountClientId").asText()).isEqualTo("case-system-2");
        assertThat(strings(account.get("realmRoles")))
                .containsExactlyInAnyOrderElementsOf(
                        strings(user(DEMO, "service-account-case-system").get("realmRoles")));
    }

    @Test
    void theDemoSigningKeyIsNamedAsOneAndOutranksTheGeneratedKey() {
        JsonNode keys = DEMO.at("/components/org.keycloak.keys.KeyProvider");
        JsonNode pinned = null;
        int generatedPriority = -1;
        for (JsonNode k : keys) {
            if (k.get("providerId").asText().equals("rsa")) {
                pinned = k;
            } else if (k.get("providerId").asText().equals("rsa-generated")) {
                generatedPriority = k.at("/config/priority/0").asInt();
            }
        }
        assertThat(pinned).isNotNull();
        assertThat(pinned.get("name").asText()).contains("demo");
        assertThat(pinned.at("/config/kid/0").asText()).contains("demo");
        assertThat(pinned.at("/config/priority/0").asInt()).isGreaterThan(generatedPriority);
    }

    /**
     * Every user attribute a protocol mapper puts into a token (org units above all: the services
     * decide access by them) and the standard ones are declared, editable by administrators only,
     * and no undeclared attribute can be written by anyone.
     */
    @Test
    void onlyAdministratorsCanEditAnyAttributeThatReachesAToken() throws Exception {
        JsonNode profile = JSON.readTree(PRODUCTION
                .at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0")
                .asText());
        assertThat(profile.path("unmanagedAttributePolicy").asText("DISABLED")).isIn("DISABLED", "ADMIN_VIEW");

        Set<String> mapped = new TreeSet<>(List.of("username", "email", "firstName", "lastName"));
        for (JsonNode realm : List.of(PRODUCTION, DEMO)) {
            for (JsonNode client : realm.get("clients")) {
                for (JsonNode mapper : client.path("protocolMappers")) {
                    String attribute = mapper.at("/config/user.attribute").asText("");
                    if (!attribute.isEmpty()) {
                        mapped.add(attribute);
                    }
                }
            }
        }
        assertThat(mapped).contains("org_units");

        Map<String, JsonNode> declared = new LinkedHashMap<>();
        profile.get("attributes").forEach(a -> declared.put(a.get("name").asText(), a));
        for (String attribute : mapped) {
            assertThat(declared).as(attribute + " declared").containsKey(attribute);
            assertThat(strings(declared.get(attribute).at("/permissions/edit")))
                    .as(attribute + " edit")
                    .containsExactly("admin");
        }
        assertThat(declared.get("org_units").get("multivalued").asBoolean()).isTrue();
    }

    @Test
    void theMergeMatchesElementsByIdentityAndReplacesEverythingElse() throws Exception {
        JsonNode base = JSON.readTree("""
                {"a":1,"tags":["x","y"],"clients":[{"clientId":"c1","secret":"s","list":[1]},{"clientId":"c2"}],
                 "users":[{"username":"u","credentials":[{"type":"password","value":"p"}]}]}""");
        JsonNode over = JSON.readTree("""
                {"tags":["z"],"clients":[{"clientId":"c1","secret":"t"},{"clientId":"c3"}],
                 "users":[{"username":"u","credentials":[{"type":"otp"}]}],"b":true}""");
        assertThat(DemoRealm.merge(base, over)).isEqualTo(JSON.readTree("""
                {"a":1,"tags":["z"],"clients":[{"clientId":"c1","secret":"t","list":[1]},{"clientId":"c2"},{"clientId":"c3"}],
                 "users":[{"username":"u","credentials":[{"type":"otp"}]}],"b":true}"""));
        assertThat(base.get("clients").get(0).get("secret").asText())
                .as("the base is not changed")
                .isEqualTo("s");
        assertThatThrownBy(() -> DemoRealm.merge(JSON.readTree("[]"), over))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : realm.get("clients")) {
            if (c.get("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    static JsonNode user(JsonNode realm, String username) {
        for (JsonNode u : realm.get("users")) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        throw new AssertionError("no user " + username);
    }

    static Set<String> names(JsonNode array, String key) {
        Set<String> out = new TreeSet<>();
        array.forEach(e -> out.add(e.path(key).asText()));
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
