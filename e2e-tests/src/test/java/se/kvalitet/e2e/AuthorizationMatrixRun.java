package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an {@link AuthorizationMatrix} against the suite through the gateway. */
final class AuthorizationMatrixRun {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final Set<String> API_PREFIXES = Set.of("/deviation/", "/registry/", "/followup/", "/report/");
    static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final HttpClient http;
    private final String gatewayUrl;

    AuthorizationMatrixRun(HttpClient http, String gatewayUrl) {
        this.http = http;
        this.gatewayUrl = gatewayUrl;
    }

    /** Every operation of the services in the gateway's merged OpenAPI document, as {@code METHOD /path}. */
    static Set<String> endpoints(JsonNode openApi) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (API_PREFIXES.stream().noneMatch(path.getKey()::startsWith)) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    out.add(m.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return out;
    }

    /**
     * Sends every row for every caller (own and foreign object where the row has fixtures) and
     * returns the mismatches, one readable line each.
     *
     * @param tokens   caller → bearer token
     * @param fixtures fixture kind → {own id, foreign id}
     */
    List<String> run(AuthorizationMatrix matrix, Map<String, String> tokens, Map<String, String[]> fixtures)
            throws Exception {
        List<String> failures = new ArrayList<>();
        for (AuthorizationMatrix.Row row : matrix.rows()) {
            for (String caller : matrix.callers()) {
                String[] expected = row.cells().get(caller);
                boolean split = !row.fixtures().isEmpty();
                for (int variant = 0; variant < (split ? 2 : 1); variant++) {
                    String outcome = expected.length == 2 ? expected[variant] : expected[0];
                    int v = variant;
                    String path = fill(row.path(), name -> {
                        String kind = row.fixtures().get(name);
                        if (kind == null) {
                            return UUID.randomUUID().toString();
                        }
                        String[] ids = fixtures.get(kind);
                        if (ids == null) {
                            throw new IllegalStateException(row.line() + ": no fixture of kind " + kind);
                        }
                        return ids[v];
                    });
                    int status = send(row.method(), path, tokens.get(caller));
                    if (!AuthorizationMatrix.matches(outcome, status)) {
                        failures.add("%s %s as %s%s: expected %s, got %d".formatted(row.line(), row.endpoint(), caller,
                                split ? (variant == 0 ? " (own unit)" : " (foreign unit)") : "", outcome, status));
                    }
                }
            }
        }
        return failures;
    }

    static String fill(String template, Function<String, String> values) {
        Matcher m = PARAM.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.apply(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    int send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            // an empty object: an allowed write fails validation and changes nothing
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            // an update or delete that passes authorization stops at the optimistic lock
            b.header("If-Match", "\"matrix-never-matches\"");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
