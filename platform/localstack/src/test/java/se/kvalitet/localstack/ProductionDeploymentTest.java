package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every production path (the realm in deploy/keycloak, deploy/compose, deploy/k8s) carries no
 * signing key, no demo user, no demo secret and no password grant; Keycloak runs in production
 * mode there, generates its own keys and gets every secret from outside the repository.
 */
class ProductionDeploymentTest {

    static final Path ROOT = LocalStack.findRepoRoot(Path.of(""));
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final JsonNode REALM = DemoRealm.production(ROOT);
    static final JsonNode OVERLAY = DemoRealm.overlay(ROOT);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Environment variables Keycloak substitutes into the realm file when it imports it. */
    static final Set<String> REALM_VARIABLES = Set.of(
            "KVALITET_INTRANET_URL",
            "KVALITET_CASE_SYSTEM_SECRET",
            "KVALITET_BI_READER_SECRET",
            "KVALITET_DIRECTORY_SECRET");

    static final Pattern REALM_VARIABLE = Pattern.compile("\\$\\{(KVALITET_[A-Z_]+)}");

    @Test
    void theProductionRealmHasNoKeyMaterialNoUsersNoPasswordGrantAndNoSecrets() {
        List<String> keyProviders = new ArrayList<>();
        for (JsonNode key : REALM.at("/components/org.keycloak.keys.KeyProvider")) {
            keyProviders.add(key.get("providerId").asText());
            assertThat(key.get("providerId").asText()).as(key.toString()).endsWith("-generated");
            assertThat(key.path("config").has("privateKey")
                            || key.path("config").has("certificate")
                            || key.path("config").has("secret")
                            || key.path("config").has("kid"))
                    .as(key.toString())
                    .isFalse();
        }
        // Keycloak signs access tokens with RS256 by default: the realm must generate an RSA signing key
        assertThat(keyProviders).contains("rsa-generated");

        for (JsonNode user : REALM.path("users")) {
            assertThat(user.hasNonNull("serviceAccountClientId"))
                    .as("only machine clients' service accounts: " + user.get("username"))
                    .isTrue();
            assertThat(user.has("credentials"))
                    .as(user.get("username").asText())
                    .isFalse();
        }

        for (JsonNode client : REALM.get("clients")) {
            String id = client.get("clientId").asText();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(false))
                    .as(id + " password grant")
                    .isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(false))
                    .as(id + " implicit flow")
                    .isFalse();
            if (client.path("serviceAccountsEnabled").asBoolean(false)) {
                assertThat(client.path("secret").asText()).as(id + " secret").matches("\\$\\{KVALITET_[A-Z_]+_SECRET}");
            } else {
                assertThat(client.has("secret")).as(id + " secret").isFalse();
            }
            for (JsonNode uri : client.path("redirectUris")) {
                assertThat(uri.asText())
                        .as(id + " redirect URI")
                        .startsWith("${KVALITET_INTRANET_URL}/")
                        .doesNotContain("localhost", "127.0.0.1");
            }
        }

        assertThat(REALM.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(REALM.get("permanentLockout").asBoolean()).isFalse();
        assertThat(REALM.get("failureFactor").asInt()).isBetween(3, 10);
        assertThat(REALM.get("waitIncrementSeconds").asInt()).isPositive();
        assertThat(REALM.get("maxFailureWaitSeconds").asInt())
                .isGreaterThanOrEqualTo(REALM.get("waitIncrementSeconds").asInt());

        Set<String> used = new TreeSet<>();
        Matcher m = REALM_VARIABLE.matcher(REALM.toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isEqualTo(REALM_VARIABLES);
    }

    @Test
    void noProductionFileCarriesTheDemoKeyDemoSecretsOrTheDemoOptOut() throws IOException {
        List<String> forbidden = new ArrayList<>(List.of(
                "privateKey",
                "PRIVATE KEY",
                "KVALITET_SECURITY_REFUSE_DEMO_SIGNING_KEY",
                "directAccessGrantsEnabled\": true"));
        for (JsonNode key : OVERLAY.at("/components/org.keycloak.keys.KeyProvider")) {
            forbidden.add(key.at("/config/privateKey/0").asText().substring(0, 64));
            forbidden.add(key.at("/config/certificate/0").asText().substring(0, 64));
            forbidden.add(key.at("/config/kid/0").asText());
        }
        for (JsonNode client : OVERLAY.get("clients")) {
            if (client.has("secret")) {
                forbidden.add(client.get("secret").asText());
            }
        }
        for (JsonNode user : OVERLAY.get("users")) {
            if (!user.hasNonNull("serviceAccountClientId")) {
                forbidden.add(user.at("/email").asText());
            }
        }
        List<Path> files = productionFiles();
        assertThat(files)
                .contains(
                        DEPLOY.resolve("keycloak/kvalitet-realm.json"),
                        DEPLOY.resolve("compose/docker-compose.yml"),
                        DEPLOY.resolve("k8s/base/keycloak.yaml"));
        for (Path file : files) {
            String text = Files.readString(file);
            for (String f : forbidden) {
                assertThat(text).as(ROOT.relativize(file).toString()).doesNotContain(f);
            }
        }
    }

    @Test
    void composeRunsKeycloakInProductionModeWithTheProductionRealmAndRequiredSecrets() throws IOException {
        JsonNode keycloak =
                documents(DEPLOY.resolve("compose/docker-compose.yml")).get(0).at("/services/keycloak");
        assertThat(keycloak.at("/command/0").asText()).isEqualTo("start");
        assertThat(keycloak.get("volumes").toString())
                .contains("../keycloak/kvalitet-realm.json:/opt/keycloak/data/import/");
        Map<String, String> env = new LinkedHashMap<>();
        keycloak.get("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertThat(env).containsKeys("KC_DB", "KC_DB_URL");
        for (String name : REALM_VARIABLES) {
            assertThat(env.get(name)).as(name + ": required, no default").matches("\\$\\{[A-Z_]+:\\?.+}");
        }
        assertThat(env.get("KC_BOOTSTRAP_ADMIN_PASSWORD")).matches("\\$\\{[A-Z_]+:\\?.+}");
    }

    @Test
    void kubernetesRunsKeycloakInProductionModeWithSecretsFromSecretsTheOperatorCreates() throws IOException {
        JsonNode container = null;
        for (JsonNode doc : documents(DEPLOY.resolve("k8s/base/keycloak.yaml"))) {
            if (doc.path("kind").asText().equals("Deployment")
                    && doc.at("/metadata/name").asText().equals("keycloak")) {
                container = doc.at("/spec/template/spec/containers/0");
            }
        }
        assertThat(container).isNotNull();
        assertThat(container.at("/args/0").asText()).isEqualTo("start");
        assertThat(container.at("/volumeMounts").toString()).contains("/opt/keycloak/data/import");
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        assertThat(env).containsKeys("KC_DB", "KC_DB_URL", "KC_DB_PASSWORD", "KVALITET_INTRANET_URL");
        for (String name : List.of(
                "KVALITET_CASE_SYSTEM_SECRET",
                "KVALITET_BI_READER_SECRET",
                "KVALITET_DIRECTORY_SECRET",
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                "KC_DB_PASSWORD")) {
            assertThat(env.get(name)).as(name).isNotNull();
            assertThat(env.get(name).has("value")).as(name + " is no literal").isFalse();
            assertThat(env.get(name).at("/valueFrom/secretKeyRef/name").asText())
                    .as(name)
                    .isNotEmpty();
        }
        for (String name : REALM_VARIABLES) {
            assertThat(env).as(name).containsKey(name);
        }
        // no secret values committed: the base has no Secret objects at all
        try (Stream<Path> s = Files.list(DEPLOY.resolve("k8s/base"))) {
            for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : documents(file)) {
                    assertThat(doc.path("kind").asText()).as(file.toString()).isNotEqualTo("Secret");
                }
            }
        }
    }

    /** The realm file and every manifest of deploy/ (documentation aside). */
    static List<Path> productionFiles() throws IOException {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json")
                            || p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
                MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(r)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }
}
