package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an {@link AuthorizationMatrix} against the suite through the gateway. */
final class AuthorizationMatrixRun {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final Set<String> API_PREFIXES =
            Set.of("/deviation/", "/registry/", "/followup/", "/report/", "/api-info", "/openapi");
    static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** The demo organisation's units: the variant's unit and a sibling of it (own: Äldreomsorg, foreign: IFO). */
    static final String[] UNIT = {"00000000-0000-4000-8000-000000000011", "00000000-0000-4000-8000-000000000021"};

    static final String[] UNIT2 = {"00000000-0000-4000-8000-000000000012", "00000000-0000-4000-8000-000000000022"};

    /** Numbers unique to a request ({@code {{n}}}) and years ({@code {{year}}}), so repeated creations do not collide. */
    static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.currentTimeMillis() / 1000 % 100_000) * 10);

    static final AtomicInteger YEARS = new AtomicInteger();

    private final HttpClient http;
    private final String gatewayUrl;

    AuthorizationMatrixRun(HttpClient http, String gatewayUrl) {
        this.http = http;
        this.gatewayUrl = gatewayUrl;
    }

    /** Every operation of the services in the gateway's merged OpenAPI document, as {@code METHOD /path}. */
    static Set<String> endpoints(JsonNode openApi) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext(); ) {
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

    /** The rows that write and have no template (every write sends a valid body). */
    static List<String> writesWithoutTemplate(AuthorizationMatrix matrix, MatrixBodies bodies) {
        List<String> out = new ArrayList<>();
        for (AuthorizationMatrix.Row row : matrix.rows()) {
            boolean write = !row.method().equals("GET");
            if (write && bodies.forRow(row) == null) {
                out.add(row.line() + " " + row.endpoint() + (row.body() == null ? "" : " body=" + row.body()));
            }
            if (!write && row.body() != null) {
                out.add(row.line() + " a GET row names a body");
            }
        }
        return out;
    }

    /** Cells sent at the same time: the cells of one row that cannot change what later cells find. */
    static final int PARALLEL = Integer.getInteger("kvalitet.matrix.parallel", 4);

    /** One cell of a row: a caller and, where the row has fixtures, the own (0) or foreign (1) variant. */
    private record Cell(String caller, int variant, String outcome) {}

    /**
     * Sends every row for every caller (own and foreign object where the row has fixtures) and returns the
     * mismatches, one readable line each. A write that succeeds renews the fixtures it acted on.
     *
     * <p>Rows go in the table's order. Within a row, the cells that change nothing when they get what the
     * table says (every read, and every write the table expects refused or stopped before it acts) are sent
     * in parallel; the cells of a write expected to go through follow one by one, each renewing the objects
     * it changed for the next. A refused write that went through anyway is a mismatch, and its objects are
     * renewed too before the next cell.
     *
     * @param tokens        caller → bearer token
     * @param refreshTokens fetches new tokens into {@code tokens} (called every few minutes: Keycloak's live five)
     */
    List<String> run(
            AuthorizationMatrix matrix,
            Map<String, String> tokens,
            Runnable refreshTokens,
            MatrixFixtures fixtures,
            MatrixBodies bodies)
            throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long refreshed = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (AuthorizationMatrix.Row row : matrix.rows()) {
                if (System.nanoTime() - refreshed > Duration.ofMinutes(3).toNanos()) {
                    refreshTokens.run(); // no cell is in flight between rows
                    refreshed = System.nanoTime();
                }
                MatrixBodies.Template template = row.method().equals("GET") ? null : bodies.forRow(row);
                boolean split = !row.fixtures().isEmpty();
                List<Cell> oneByOne = new ArrayList<>();
                List<Future<Boolean>> inParallel = new ArrayList<>();
                List<Cell> parallelCells = new ArrayList<>();
                for (String caller : matrix.callers()) {
                    String[] expected = row.cells().get(caller);
                    for (int variant = 0; variant < (split ? 2 : 1); variant++) {
                        Cell cell = new Cell(caller, variant, expected.length == 2 ? expected[variant] : expected[0]);
                        if (template != null && changesObjects(cell.outcome())) {
                            oneByOne.add(cell);
                        } else {
                            parallelCells.add(cell);
                            inParallel.add(
                                    pool.submit(() -> send(row, cell, split, template, tokens, fixtures, failures)));
                        }
                    }
                }
                for (int i = 0; i < inParallel.size(); i++) {
                    if (inParallel.get(i).get() && template != null) {
                        renew(row, parallelCells.get(i).variant(), fixtures);
                    }
                }
                for (Cell cell : oneByOne) {
                    if (send(row, cell, split, template, tokens, fixtures, failures)) {
                        renew(row, cell.variant(), fixtures);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return sorted;
    }

    /** Whether a write that gets this outcome has acted (then later cells need fresh objects). */
    static boolean changesObjects(String outcome) {
        return outcome.equals("ok") || outcome.startsWith("2");
    }

    /** The write changed the objects it acted on: later cells get fresh ones. */
    private static void renew(AuthorizationMatrix.Row row, int variant, MatrixFixtures fixtures) {
        row.fixtures().values().forEach(kind -> fixtures.renew(kind, variant));
    }

    /** Sends one cell; records a mismatch in {@code failures}; true when a write went through (2xx). */
    private boolean send(
            AuthorizationMatrix.Row row,
            Cell cell,
            boolean split,
            MatrixBodies.Template template,
            Map<String, String> tokens,
            MatrixFixtures fixtures,
            List<String> failures)
            throws Exception {
        int v = cell.variant();
        String path = fill(row.path(), name -> {
            String kind = row.fixtures().get(name);
            return kind == null ? UUID.randomUUID().toString() : fixtures.id(kind, v);
        });
        Sent sent = send(row.method(), path, tokens.get(cell.caller()), template, placeholders(fixtures, v));
        if (!AuthorizationMatrix.matches(cell.outcome(), sent.status())) {
            failures.add("%s %s%s as %s%s: expected %s, got %d %s"
                    .formatted(
                            row.line(),
                            row.endpoint(),
                            row.body() == null ? "" : " (" + row.body() + ")",
                            cell.caller(),
                            split ? (v == 0 ? " (own unit)" : " (foreign unit)") : "",
                            cell.outcome(),
                            sent.status(),
                            abbreviate(sent.body())));
        }
        return template != null && sent.status() >= 200 && sent.status() < 300;
    }

    /** The placeholders of a template for a variant ({@link MatrixBodies}). */
    static Function<String, String> placeholders(MatrixFixtures fixtures, int variant) {
        int n = SEQUENCE.incrementAndGet();
        int[] year = {0};
        LocalDate today = LocalDate.now(SWEDEN);
        return name -> {
            if (name.startsWith("f:")) {
                return fixtures.id(name.substring(2), variant);
            }
            if (name.startsWith("today")) {
                return name.length() == 5
                        ? today.toString()
                        : today.plusDays(Integer.parseInt(name.substring(5).replace("+", "")))
                                .toString();
            }
            return switch (name) {
                case "unit" -> UNIT[variant];
                case "unit2" -> UNIT2[variant];
                case "ownUnit" -> UNIT[0];
                case "foreignUnit" -> UNIT[1];
                case "now" -> Instant.now().toString();
                case "n" -> Integer.toString(n);
                case "year" -> {
                    if (year[0] == 0) {
                        // drawn only when used: the years 2001-2099 suit every service (reports take 2000-2100)
                        year[0] = 2001 + YEARS.getAndIncrement() % 99;
                    }
                    yield Integer.toString(year[0]);
                }
                case "uuid" -> UUID.randomUUID().toString();
                default -> throw new IllegalArgumentException("unknown placeholder {{" + name + "}}");
            };
        };
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

    record Sent(int status, String body) {}

    Sent send(String method, String path, String token, MatrixBodies.Template template, Function<String, String> values)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (template == null || template.body().isEmpty()) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", template.headers().getOrDefault("Content-Type", "application/json"))
                    .method(method, HttpRequest.BodyPublishers.ofString(MatrixBodies.expand(template.body(), values)));
        }
        if (template != null) {
            template.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    b.header(name, MatrixBodies.expand(value, values));
                }
            });
        }
        HttpRequest request = b.build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        // the matrix sends refused requests on purpose (no token, foreign objects): only the answer is checked
        Contract.check(gatewayUrl, request, r, false);
        return new Sent(r.statusCode(), r.body());
    }

    static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    /** Reads a JSON response's field (for the fixture makers). */
    static String field(String json, String pointer) throws Exception {
        JsonNode n = JSON.readTree(json).at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw new IllegalStateException("no " + pointer + " in " + abbreviate(json));
        }
        return n.asText();
    }
}
