package se.kvalitet.report.notification;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The directory: the people holding a notified role, read from Keycloak's admin API with the service's own
 * confidential client ({@code kvalitet.notification.directory.client-id}, client credentials through
 * quarkus-oidc-client; realm-management
 * {@code view-users} and {@code view-realm}, README "Notifications", recipients). Per role and page:
 * {@code GET /admin/realms/{realm}/roles/{role}/users?briefRepresentation=false} (given directly), and
 * {@code …/roles/{role}/groups} with each group's {@code members} and {@code children}, at any depth (given through a
 * group, as a federated AD's groups are mapped). Keycloak's address and realm are the
 * ones the service's tokens come from ({@code quarkus.oidc.auth-server-url}) unless set.
 */
@ApplicationScoped
public class KeycloakDirectory {

    /** The realm roles whose holders are recipients: the notified roles and the investigators (assignments). */
    static final List<String> ROLES =
            List.of(NoticeRules.QUALITY_TEAM, NoticeRules.UNIT_MANAGER, NoticeRules.PROCESS_OWNER, "investigator");

    /** The user attribute (and token claim) naming the org units a person acts for (deploy/keycloak/README.md). */
    static final String ORG_UNITS = "org_units";

    /**
     * A person as the directory knows them: what the sync stores, never more (no name, no personal identity
     * number).
     */
    public record Person(String username, String email, boolean enabled, Set<String> roles, Set<UUID> orgUnitIds) {}

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "kvalitet.notification.directory.server-url")
    Optional<String> serverUrl;

    @ConfigProperty(name = "kvalitet.notification.directory.realm")
    Optional<String> realm;

    @ConfigProperty(name = "kvalitet.notification.directory.client-id", defaultValue = "kvalitet-directory")
    String clientId;

    @ConfigProperty(name = "kvalitet.notification.directory.client-secret")
    Optional<String> clientSecret;

    @ConfigProperty(name = "kvalitet.notification.directory.page-size", defaultValue = "500")
    int pageSize;

    @ConfigProperty(name = "kvalitet.notification.directory.read-timeout", defaultValue = "PT30S")
    Duration readTimeout;

    @Inject
    OidcClients oidcClients;

    private volatile KeycloakAdminClient client;

    private volatile OidcClient tokens;

    /** Whether a client secret is configured (without one the sync is off). */
    public boolean configured() {
        return clientSecret.filter(s -> !s.isBlank()).isPresent();
    }

    /** Everybody holding one of {@link #ROLES}, one entry per username, in username order. */
    public List<Person> people() {
        KeycloakAdminClient c = client();
        String realmName = realmName();
        String bearer =
                "Bearer " + tokens().getTokens().await().atMost(readTimeout).getAccessToken();
        Map<String, List<KeycloakAdminClient.User>> byUsername = new TreeMap<>();
        Map<String, Set<String>> rolesOf = new TreeMap<>();
        for (String role : ROLES) {
            java.util.function.Consumer<List<KeycloakAdminClient.User>> holders = page -> {
                for (KeycloakAdminClient.User u : page) {
                    if (u.username() == null) {
                        continue;
                    }
                    byUsername
                            .computeIfAbsent(u.username(), k -> new ArrayList<>())
                            .add(u);
                    rolesOf.computeIfAbsent(u.username(), k -> new LinkedHashSet<>())
                            .add(role);
                }
            };
            // given to the person directly
            pages((first, max) -> c.roleMembers(bearer, realmName, role, false, first, max), holders);
            // given through a group: the group's members and its subgroups' members, at any depth
            java.util.Deque<String> groups = new java.util.ArrayDeque<>();
            Set<String> seen = new java.util.HashSet<>();
            pages(
                    (first, max) -> c.roleGroups(bearer, realmName, role, first, max),
                    page -> page.stream().map(KeycloakAdminClient.Group::id).forEach(groups::add));
            while (!groups.isEmpty()) {
                String group = groups.poll();
                if (group == null || !seen.add(group)) {
                    continue;
                }
                pages((first, max) -> c.groupMembers(bearer, realmName, group, false, first, max), holders);
                pages(
                        (first, max) -> c.subGroups(bearer, realmName, group, first, max),
                        page -> page.stream().map(KeycloakAdminClient.Group::id).forEach(groups::add));
            }
        }
        List<Person> out = new ArrayList<>(byUsername.size());
        for (Map.Entry<String, List<KeycloakAdminClient.User>> e : byUsername.entrySet()) {
            KeycloakAdminClient.User u = e.getValue().get(0);
            out.add(new Person(
                    u.username(),
                    u.email(),
                    Boolean.TRUE.equals(u.enabled()),
                    Set.copyOf(rolesOf.get(e.getKey())),
                    orgUnits(u.attributes())));
        }
        return out;
    }

    /** One admin API list read page by page ({@code first}, {@code max}) until a page is not full. */
    private <T> void pages(
            java.util.function.BiFunction<Integer, Integer, List<T>> read, java.util.function.Consumer<List<T>> each) {
        for (int first = 0; ; first += pageSize) {
            List<T> page = read.apply(first, pageSize);
            each.accept(page);
            if (page.size() < pageSize) {
                return;
            }
        }
    }

    /** The attribute's values that are UUIDs (the realm's user profile allows nothing else; anything else is skipped). */
    static Set<UUID> orgUnits(Map<String, List<String>> attributes) {
        if (attributes == null || attributes.get(ORG_UNITS) == null) {
            return Set.of();
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (String v : attributes.get(ORG_UNITS)) {
            try {
                out.add(UUID.fromString(v.strip()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // not a unit: ignored (the user profile validates the attribute as UUIDs)
            }
        }
        return Set.copyOf(out);
    }

    String realmName() {
        return realm.filter(r -> !r.isBlank()).orElseGet(() -> splitIssuer()[1]);
    }

    String server() {
        return serverUrl.filter(s -> !s.isBlank()).orElseGet(() -> splitIssuer()[0]);
    }

    /** {@code https://host/realms/kvalitet} → {@code https://host}, {@code kvalitet}. */
    private String[] splitIssuer() {
        int i = issuer.lastIndexOf("/realms/");
        if (i < 0) {
            throw new IllegalStateException(
                    "quarkus.oidc.auth-server-url is not a Keycloak realm URL; set kvalitet.notification.directory"
                            + ".server-url and .realm");
        }
        String name = issuer.substring(i + "/realms/".length());
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return new String[] {issuer.substring(0, i), name};
    }

    /**
     * The client-credentials client of {@code kvalitet-directory} (quarkus-oidc-client), made when first needed from
     * the same address and realm as the admin calls; a new token per run (the runs are an hour apart).
     */
    private OidcClient tokens() {
        OidcClient t = tokens;
        if (t == null) {
            synchronized (this) {
                if (tokens == null) {
                    OidcClientConfig config = new OidcClientConfigBuilder()
                            .id("kvalitet-directory")
                            .authServerUrl(server() + "/realms/" + realmName())
                            .discoveryEnabled(false)
                            .tokenPath("/protocol/openid-connect/token")
                            .clientId(clientId)
                            .credentials(clientSecret.orElseThrow())
                            .grant(OidcClientConfig.Grant.Type.CLIENT)
                            .connectionTimeout(Duration.ofSeconds(10))
                            .earlyTokensAcquisition(false)
                            .build();
                    tokens = oidcClients.newClient(config).await().atMost(readTimeout);
                }
                t = tokens;
            }
        }
        return t;
    }

    private KeycloakAdminClient client() {
        KeycloakAdminClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(server()))
                            .connectTimeout(2, TimeUnit.SECONDS)
                            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .build(KeycloakAdminClient.class);
                }
                c = client;
            }
        }
        return c;
    }
}
