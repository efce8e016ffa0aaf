package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;

/**
 * Notifications to people from the directory (report-service README, "Notifications", recipients), end to end on the
 * packaged stack: a person is made an investigator in the real Keycloak through its admin API (with an address and
 * units, as an administrator or the municipality's directory federation would), report-service's sync
 * (client {@code kvalitet-directory}, every 5 s in this stack, SharedStack) makes the person a recipient with a daily
 * digest without the person ever opening the preferences, the quality team assigns the person a deviation's
 * investigation, and the mail arrives at the stack's SMTP server (GreenMail, read over IMAP) exactly once. Then the
 * account is disabled in Keycloak and the next sync removes the person.
 */
class NotificationDirectoryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String HEMTJANST = "00000000-0000-4000-8000-000000000011";

    static LocalStack stack;

    @BeforeAll
    static void startSuite() {
        stack = SharedStack.get();
    }

    @Test
    void aPersonGivenARoleInKeycloakIsMailedOnceWithoutSavingAnythingAndIsRemovedWhenDisabled() throws Exception {
        String username = "nils-" + UUID.randomUUID().toString().substring(0, 8);
        String address = username + "@kvalitet.example";
        String admin = adminToken();

        // an administrator gives a new person the investigator role, an address and a unit in Keycloak
        String id = investigator(admin, username, address, "Nils", "Nilsson", null);

        // the sync makes the person a recipient: from the directory, a daily digest, the directory's address
        List<Object> row = await(
                Duration.ofSeconds(120),
                () -> first(StackDb.rows(
                        stack,
                        "report",
                        "SELECT source, delivery, email FROM notification_recipient WHERE username = ?",
                        username)));
        assertThat(row).containsExactly("DIRECTORY", "DAILY_DIGEST", address);

        // the quality team assigns the person a deviation's investigation
        String anna = StackTokens.user(HTTP, stack, "anna");
        String karin = StackTokens.user(HTTP, stack, "karin");
        String[] filed =
                triagedDeviation(anna, karin, "Larmet gick inte fram", "Trygghetslarmet svarade inte vid provlarm.");
        String deviation = filed[0];
        String track = filed[1];
        HttpResponse<String> assigned = gateway(
                "POST",
                "/deviation/v1/deviations/" + deviation + "/tracks/" + track + "/assign",
                karin,
                "{\"investigator\":\"" + username + "\"}",
                Map.of("If-Match", "*"));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);

        // the digest (made from 00:00 in this stack, checked every 5 s) reaches the SMTP server
        List<String[]> mails = await(Duration.ofSeconds(120), () -> {
            List<String[]> m = mailbox(address);
            return m.isEmpty() ? null : m;
        });
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)[0]).startsWith("Kvalitet: ");
        assertThat(mails.get(0)[1])
                .contains("Du har tilldelats en utredning")
                .contains("/avvikelser/" + deviation)
                .doesNotContain("Larmet gick inte fram", "Trygghetslarmet");
        // and only once: further syncs and digest checks (every 5 s) send nothing more
        Thread.sleep(20_000);
        assertThat(mailbox(address)).hasSize(1);
        assertThat(StackDb.count(
                        stack, "report", "SELECT count(*) FROM notification_mail WHERE username = ?", username))
                .isEqualTo(1);

        // the account is disabled in Keycloak: the next sync removes the person
        HttpResponse<String> current = keycloak("GET", "/users/" + id, admin, null);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        ObjectNode disabled = (ObjectNode) JSON.readTree(current.body());
        disabled.put("enabled", false);
        HttpResponse<String> updated = keycloak("PUT", "/users/" + id, adminToken(), disabled.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        await(
                Duration.ofSeconds(120),
                () -> StackDb.count(
                                        stack,
                                        "report",
                                        "SELECT count(*) FROM notification_recipient WHERE username = ?",
                                        username)
                                == 0
                        ? Boolean.TRUE
                        : null);
    }

    /**
     * A role given through a group, as a municipality's AD groups are mapped in a federating Keycloak: the realm role
     * unit-manager on a group, the person a member of its subgroup. The sync finds the person through the role's groups
     * and their subgroups' members.
     */
    @Test
    void aPersonHoldingARoleThroughASubgroupIsARecipientFromTheDirectory() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "greta-" + suffix;
        String address = username + "@kvalitet.example";
        String admin = adminToken();

        HttpResponse<String> parent = keycloak("POST", "/groups", admin, "{\"name\":\"Enhetschefer " + suffix + "\"}");
        assertThat(parent.statusCode()).as(parent.body()).isEqualTo(201);
        String parentId = parent.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        HttpResponse<String> role = keycloak("GET", "/roles/unit-manager", admin, null);
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        HttpResponse<String> mapped =
                keycloak("POST", "/groups/" + parentId + "/role-mappings/realm", admin, "[" + role.body() + "]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
        HttpResponse<String> child =
                keycloak("POST", "/groups/" + parentId + "/children", admin, "{\"name\":\"Hemtjänst " + suffix + "\"}");
        assertThat(child.statusCode()).as(child.body()).isEqualTo(201);
        String childId = child.headers()
                .firstValue("Location")
                .map(l -> l.replaceAll(".*/", ""))
                .orElseGet(() -> {
                    try {
                        return JSON.readTree(child.body()).get("id").asText();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });

        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("email", address)
                .put("emailVerified", true)
                .put("enabled", true)
                .put("firstName", "Greta")
                .put("lastName", "Gustafsson");
        user.putObject("attributes").putArray("org_units").add(HEMTJANST);
        HttpResponse<String> created = keycloak("POST", "/users", admin, user.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        HttpResponse<String> joined = keycloak("PUT", "/users/" + id + "/groups/" + childId, admin, null);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(204);

        List<Object> row = await(
                Duration.ofSeconds(120),
                () -> first(StackDb.rows(
                        stack,
                        "report",
                        "SELECT source, delivery, email, array_to_string(roles, ',') FROM notification_recipient"
                                + " WHERE username = ?",
                        username)));
        assertThat(row).containsExactly("DIRECTORY", "DAILY_DIGEST", address, "unit-manager");
    }

    // ------------------------------------------------------------------ helpers

    /** Subject and text of every mail in the address's mailbox (GreenMail: login and password are the address). */
    static List<String[]> mailbox(String address) throws MessagingException, IOException {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(SharedStack.get().imapPort()));
        try (Store store = Session.getInstance(p).getStore("imap")) {
            store.connect(address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String[]> out = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                out.add(new String[] {m.getSubject(), String.valueOf(m.getContent())});
            }
            inbox.close(false);
            return out;
        } catch (AuthenticationFailedException e) {
            return List.of(); // nothing arrived for the address yet, so GreenMail has no such mailbox
        }
    }

    static List<Object> first(List<List<Object>> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    static <T> T await(Duration atMost, Callable<T> probe) throws Exception {
        Instant end = Instant.now().plus(atMost);
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("nothing within " + atMost);
            }
            Thread.sleep(500);
        }
    }

    static String adminToken() throws Exception {
        String form = Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        LocalStack.KEYCLOAK_ADMIN_USER,
                        "password",
                        LocalStack.KEYCLOAK_ADMIN_PASSWORD)
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                SharedStack.get().keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(r.body());
        return token.get("access_token").asText();
    }

    /** A call of Keycloak's admin API for the suite's realm. */
    static HttpResponse<String> keycloak(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(
                SharedStack.get().keycloakUrl() + "/admin/realms/" + LocalStack.REALM + path,
                method,
                token,
                json,
                Map.of());
    }

    /** A call through the gateway. */
    /**
     * A new person in Keycloak, made through its admin API as an administrator would: an address, the unit
     * hemtjänsten as {@code org_units}, the realm role investigator and, when given, a password. Returns the user's id.
     */
    static String investigator(
            String admin, String username, String address, String first, String last, String password)
            throws Exception {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("email", address)
                .put("emailVerified", true)
                .put("enabled", true)
                .put("firstName", first)
                .put("lastName", last);
        user.putObject("attributes").putArray("org_units").add(HEMTJANST);
        if (password != null) {
            user.putArray("credentials")
                    .addObject()
                    .put("type", "password")
                    .put("value", password)
                    .put("temporary", false);
        }
        HttpResponse<String> created = keycloak("POST", "/users", admin, user.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        HttpResponse<String> role = keycloak("GET", "/roles/investigator", admin, null);
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        HttpResponse<String> mapped =
                keycloak("POST", "/users/" + id + "/role-mappings/realm", admin, "[" + role.body() + "]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
        return id;
    }

    /** A deviation anna filed in hemtjänsten yesterday and karin triaged: its id and its track's. */
    static String[] triagedDeviation(String anna, String karin, String summary, String description) throws Exception {
        ObjectNode body = JSON.createObjectNode()
                .put("summary", summary)
                .put("description", description)
                .put(
                        "occurredAt",
                        Instant.now()
                                .minus(Duration.ofDays(1))
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString())
                .put("orgUnitId", HEMTJANST);
        HttpResponse<String> filed = gateway("POST", "/deviation/v1/deviations", anna, body.toString(), Map.of());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String deviation = JSON.readTree(filed.body()).get("id").asText();
        HttpResponse<String> triaged = gateway(
                "POST",
                "/deviation/v1/deviations/" + deviation + "/triage",
                karin,
                "{\"categories\":[\"OTHER_DEVIATION\"]}",
                Map.of("If-Match", "*"));
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
        return new String[] {
            deviation, JSON.readTree(triaged.body()).at("/tracks/0/id").asText()
        };
    }

    static HttpResponse<String> gateway(
            String method, String path, String token, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(SharedStack.get().gatewayUrl() + path, method, token, json, headers);
    }

    private static HttpResponse<String> send(
            String url, String method, String token, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
