package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import se.kvalitet.localstack.LocalStack;

/** Access tokens from the running stack's Keycloak (the demo realm), for the end-to-end test and the benchmarks. */
public final class StackTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackTokens() {}

    /** A demo user's token (password grant through the intranet client; every demo user's password is "demo"). */
    public static String user(HttpClient http, LocalStack stack, String username) throws Exception {
        return user(http, stack, username, "demo");
    }

    /** A person's own token with the person's password (a user a test made in Keycloak). */
    public static String user(HttpClient http, LocalStack stack, String username, String password) throws Exception {
        return fetch(
                http,
                stack,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "kvalitet-intranet",
                        "username",
                        username,
                        "password",
                        password));
    }

    /** A machine client's token (client credentials). */
    public static String client(HttpClient http, LocalStack stack, String clientId, String secret) throws Exception {
        return fetch(
                http,
                stack,
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static String fetch(HttpClient http, LocalStack stack, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(stack.tokenEndpoint()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }
}
