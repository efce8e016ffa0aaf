package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * The packaged suite as separate processes (four services and the gateway) against real
 * PostgreSQL, Kafka and Keycloak with the realm from deploy/keycloak: tokens come from Keycloak,
 * requests go through the gateway.
 */
class SuiteEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String HEMTJANST = "00000000-0000-4000-8000-000000000011";
    static LocalStack stack;

    /** Every exchange of this class (the journeys and the whole authorization matrix) matched the merged document. */
    @org.junit.jupiter.api.AfterAll
    static void everyResponseMatchedTheDocument() {
        System.out.println(
                "[contract] " + Contract.checked() + " exchanges checked against the merged OpenAPI document");
        Contract.violations().forEach(v -> System.out.println("[contract] " + v));
        assertThat(Contract.violations())
                .as("responses (and valid requests) that the merged OpenAPI document does not allow")
                .isEmpty();
    }

    @BeforeAll
    static void startSuite() {
        stack = SharedStack.get(); // shared with InputFuzzIT; stopped when the JVM exits
    }

    static String passwordToken(String user) throws Exception {
        return StackTokens.user(HTTP, stack, user);
    }

    static String clientToken(String client, String secret) throws Exception {
        return StackTokens.client(HTTP, stack, client, secret);
    }

    static HttpResponse<String> post(String path, String token, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        HttpRequest request = b.build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        // without a token the request is refused on purpose: only the answer is checked then
        Contract.check(stack.gatewayUrl(), request, answer, token != null);
        return answer;
    }

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (url.startsWith(stack.gatewayUrl())) {
            Contract.check(stack.gatewayUrl(), request, answer, true);
        }
        return answer;
    }

    static String deviation(String summary) {
        return """
                {"summary":"%s","description":"Kvällsdosen gavs två timmar för sent.",
                 "occurredAt":"2026-11-20T18:30:00Z","noticedAt":"2026-11-20T20:45:00Z",
                 "orgUnitId":"%s","suggestedCategory":"LEX_MARIA","immediateActions":"Sjuksköterska kontaktad."}""".formatted(summary, HEMTJANST);
    }

    static long countFor(JsonNode counts, String unit, String category) {
        for (JsonNode cell : counts.get("items")) {
            if (cell.get("orgUnitId").asText().equals(unit)
                    && cell.get("category").asText().equals(category)) {
                return cell.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void keycloakTokensCarryRolesAudienceAndOrgUnits() throws Exception {
        String anna = passwordToken("anna");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(anna.split("\\.")[1]));
        assertThat(claims.get("realm_access").get("roles").toString()).contains("reporter");
        assertThat(claims.get("aud").toString()).contains("kvalitet-api");
        assertThat(claims.get("org_units").toString()).contains(HEMTJANST);
    }

    @Test
    void aCaseSystemReportsThroughTheGatewayAndReportServiceCountsItFromTheEvent() throws Exception {
        String caseSystem = clientToken("case-system", "case-system-secret");
        String karin = passwordToken("karin");
        String countsUrl = stack.gatewayUrl() + "/report/v1/deviation-counts?from=2026-01-01&to=2026-12-31";

        // the demo year's events may still be on their way to report-service: start from a settled count
        long initial = settledCount(countsUrl, karin, HEMTJANST, "LEX_MARIA");

        String correlation = "e2e-" + UUID.randomUUID();
        HttpResponse<String> withoutKey = post("/deviation/v1/deviations", caseSystem, deviation("Fel dos"), Map.of());
        assertThat(withoutKey.statusCode()).as(withoutKey.body()).isEqualTo(428);
        assertThat(JSON.readTree(withoutKey.body()).get("type").asText())
                .isEqualTo("https://kvalitet.se/problems/idempotency-key-required");
        HttpResponse<String> created = post(
                "/deviation/v1/deviations",
                caseSystem,
                deviation("Fel dos"),
                Map.of(
                        "X-Correlation-Id",
                        correlation,
                        "Idempotency-Key",
                        UUID.randomUUID().toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Correlation-Id")).contains(correlation);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("channel").asText()).isEqualTo("CASE_SYSTEM");
        String id = body.get("id").asText();

        HttpResponse<String> read = get(stack.gatewayUrl() + "/deviation/v1/deviations/" + id, karin);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("summary").asText()).isEqualTo("Fel dos");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long counted = initial;
        long t0 = System.nanoTime();
        while (counted == initial && System.nanoTime() < deadline) {
            Thread.sleep(200);
            HttpResponse<String> r = get(countsUrl, karin);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            counted = countFor(JSON.readTree(r.body()), HEMTJANST, "LEX_MARIA");
        }
        System.out.printf(
                "[e2e] counted by report-service %.2f s after the POST returned%n", (System.nanoTime() - t0) / 1e9);
        assertThat(counted).isEqualTo(initial + 1);
    }

    /**
     * Issue 19 item 2: a case-management system posts a report, subscribes to its stages and hears, signed, that it
     * was received, taken up and closed, without polling; it hears nothing of what only case workers see.
     */
    @Test
    void aCaseSystemHearsThroughItsWebhookThatItsReportWasTriagedAndClosed() throws Exception {
        String caseSystem = clientToken("case-system", "case-system-secret");
        String karin = passwordToken("karin");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String subscription = JSON.createObjectNode()
                    .put("url", receiver.url())
                    .set(
                            "types",
                            JSON.valueToTree(
                                    List.of("se.kvalitet.deviation.triaged.v1", "se.kvalitet.deviation.closed.v1")))
                    .toString();
            HttpResponse<String> subscribed = post(
                    "/deviation/v1/webhook-subscriptions",
                    caseSystem,
                    subscription,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            JsonNode created = JSON.readTree(subscribed.body());
            receiver.secret(created.get("secret").asText());
            String subscriptionId = created.get("id").asText();

            HttpResponse<String> filed = post(
                    "/deviation/v1/deviations",
                    caseSystem,
                    deviation("Dörren till medicinrummet stod olåst"),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            String id = JSON.readTree(filed.body()).get("id").asText();
            String url = stack.gatewayUrl() + "/deviation/v1/deviations/" + id;
            HttpResponse<String> triaged = post(
                    "/deviation/v1/deviations/" + id + "/triage",
                    karin,
                    "{\"categories\":[\"NOT_A_DEVIATION\"],\"reason\":\"Gäller fastigheten.\"}",
                    Map.of(
                            "If-Match",
                            get(url, karin).headers().firstValue("ETag").orElseThrow()));
            assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
            HttpResponse<String> closed = post(
                    "/deviation/v1/deviations/" + id + "/close",
                    karin,
                    "{\"feedbackToReporter\":\"Tack, fastighetsägaren har bytt låset.\"}",
                    Map.of(
                            "If-Match",
                            get(url, karin).headers().firstValue("ETag").orElseThrow()));
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receiver.deliveries().stream()
                                    .filter(d -> id.equals(d.subject()))
                                    .count()
                            < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<WebhookReceiver.Delivery> mine = receiver.deliveries().stream()
                    .filter(d -> id.equals(d.subject()))
                    .toList();
            assertThat(mine)
                    .extracting(WebhookReceiver.Delivery::stage)
                    .containsExactlyInAnyOrder("IN_PROGRESS", "CLOSED");
            assertThat(mine).allMatch(WebhookReceiver.Delivery::signatureValid);

            HttpResponse<String> deliveries = get(
                    stack.gatewayUrl() + "/deviation/v1/webhook-subscriptions/" + subscriptionId + "/deliveries",
                    caseSystem);
            assertThat(deliveries.statusCode()).as(deliveries.body()).isEqualTo(200);
            assertThat(JSON.readTree(deliveries.body()).get("items").size()).isGreaterThanOrEqualTo(2);
            HttpResponse<String> ended = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    stack.gatewayUrl() + "/deviation/v1/webhook-subscriptions/" + subscriptionId))
                            .header("Authorization", "Bearer " + caseSystem)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ended.statusCode()).isEqualTo(204);
        }
    }

    /**
     * A unit created in the registry takes a deviation at once (issue 16 item 5): deviation-service does not wait
     * for the org-unit.changed event but asks the registry with the case system's own token.
     */
    @Test
    void aUnitCreatedInTheRegistryTakesADeviationAtOnce() throws Exception {
        String karin = passwordToken("karin");
        String caseSystem = clientToken("case-system", "case-system-secret");
        String unit = UUID.randomUUID().toString();
        HttpResponse<String> created = post(
                "/registry/v1/org-units",
                karin,
                """
                {"id":"%s","code":"E2E-%s","name":"Korttidsboendet %s","type":"UNIT",
                 "parentId":"00000000-0000-4000-8000-000000000010"}""".formatted(unit, unit.substring(0, 8), unit.substring(0, 8)),
                Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> reported = post(
                "/deviation/v1/deviations",
                caseSystem,
                deviation("Fall i nytt boende").replace(HEMTJANST, unit),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        assertThat(JSON.readTree(reported.body()).get("orgUnitId").asText()).isEqualTo(unit);
    }

    /** The count once it has not changed for three seconds (at most 60 s): demo events arrive after start-up. */
    static long settledCount(String countsUrl, String token, String unit, String category) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(countsUrl, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode counts = JSON.readTree(r.body());
            long now = counts.get("total").asLong() * 1_000_003L + countFor(counts, unit, category);
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return countFor(counts, unit, category);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("report-service's counts did not settle within 60 s");
    }

    @Test
    void withoutATokenTheGatewaySays401() throws Exception {
        HttpResponse<String> r = post("/deviation/v1/deviations", null, deviation("x"), Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = post("/deviation/v1/deviations", "not.a.token", deviation("x"), Map.of());
        assertThat(garbage.statusCode()).isEqualTo(401);
    }

    @Test
    void aBoardMemberMayNotReportADeviation() throws Exception {
        String bo = passwordToken("bo");
        HttpResponse<String> r = post("/deviation/v1/deviations", bo, deviation("x"), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    }

    static final String IFO_UNIT = "00000000-0000-4000-8000-000000000021";
    static final List<String> USERS = List.of("anna", "erik", "karin", "ingrid", "maria", "per", "bo", "admin");
    static final Map<String, String> CLIENTS = Map.of(
            "case-system",
            "case-system-secret",
            "case-system-2",
            "case-system-2-secret",
            "bi-reader",
            "bi-reader-secret");

    /**
     * The authorization matrix: every endpoint in the gateway's merged OpenAPI document is in
     * authorization-matrix.csv (one table for the suite), and every caller gets what it says, for an
     * object of its own unit and one of a foreign unit. Writes send valid bodies
     * (authorization-matrix-bodies.txt), foreign and unknown references inside them included.
     */
    @Test
    void everyEndpointAnswersEveryCallerAsTheAuthorizationMatrixSays() throws Exception {
        AuthorizationMatrix matrix = AuthorizationMatrix.load();
        MatrixBodies bodies = MatrixBodies.load();
        assertThat(AuthorizationMatrixRun.writesWithoutTemplate(matrix, bodies))
                .as("write rows without a request template")
                .isEmpty();
        HttpResponse<String> doc = get(stack.gatewayUrl() + "/openapi", null);
        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
        Set<String> documented = AuthorizationMatrixRun.endpoints(JSON.readTree(doc.body()));
        Set<String> listed = matrix.rows().stream()
                .map(AuthorizationMatrix.Row::endpoint)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented)
                .as("endpoints of the suite missing from authorization-matrix.csv")
                .isSubsetOf(listed);
        assertThat(listed)
                .as("rows of authorization-matrix.csv for endpoints that do not exist")
                .isSubsetOf(documented);

        Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
        fetchTokens(tokens);
        assertThat(matrix.callers()).containsAll(tokens.keySet()).contains("anonymous");

        MatrixFixtures fixtures = fixtures(tokens);
        long t0 = System.nanoTime();
        List<String> failures = new AuthorizationMatrixRun(HTTP, stack.gatewayUrl())
                .run(matrix, tokens, () -> fetchTokens(tokens), fixtures, bodies);
        System.out.printf(
                "[e2e] authorization matrix: %d rows x %d callers in %.1f s, %d fixture groups made%n",
                matrix.rows().size(), matrix.callers().size(), (System.nanoTime() - t0) / 1e9, fixtures.groupsMade());
        assertThat(failures).as("authorization matrix mismatches").isEmpty();
    }

    /** Every demo user's and machine client's token, into {@code tokens} (again when they are about to expire). */
    static void fetchTokens(Map<String, String> tokens) {
        try {
            for (String user : USERS) {
                tokens.put(user, passwordToken(user));
            }
            for (Map.Entry<String, String> client : CLIENTS.entrySet()) {
                tokens.put(client.getKey(), clientToken(client.getKey(), client.getValue()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch tokens", e);
        }
    }

    /**
     * Fixture kind → {an object of the Äldreomsorg subtree (unit 10: erik, ingrid, maria; anna's own), one of IFO
     * (unit 21)}: each service's *Fixtures class registers those its matrix rows name, made when first needed and
     * afresh after a write that succeeded on them.
     */
    static MatrixFixtures fixtures(Map<String, String> tokens) throws Exception {
        MatrixFixtures f = new MatrixFixtures();
        DeviationFixtures.register(f, tokens);
        RegistryFixtures.register(f, tokens);
        FollowupFixtures.register(f, tokens);
        ReportFixtures.register(f, tokens);
        return f;
    }

    /**
     * Issue 7: every token attack is a 401 at the gateway and at every service called directly
     * (services do not trust the network), while a well-formed token signed with the realm's key
     * passes, so each attack fails for its own reason.
     */
    @Test
    void tokenAttacksAreRejectedWith401AtTheGatewayAndByEveryService() throws Exception {
        String karin = passwordToken("karin");
        ForgedTokens forged = new ForgedTokens(stack.realmFile(), ForgedTokens.kidOf(karin), stack.issuer());
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        targets.put("gateway", stack.gatewayUrl() + "/report/v1/deviation-counts");
        targets.put(
                "deviation-service",
                stack.serviceUrl(Service.DEVIATION) + "/deviation/v1/deviations/" + UUID.randomUUID());
        targets.put("process-registry-service", stack.serviceUrl(Service.REGISTRY) + "/registry/v1/org-units");
        targets.put("followup-service", stack.serviceUrl(Service.FOLLOWUP) + "/followup/v1/indicators");
        targets.put("report-service", stack.serviceUrl(Service.REPORT) + "/report/v1/deviation-counts");
        List<ForgedTokens.Attack> attacks = forged.attacks();
        List<String> failures = new java.util.ArrayList<>();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            int control = get(target.getValue(), forged.valid()).statusCode();
            if (control == 401 || control == 403) {
                failures.add(target.getKey() + ": a correctly signed token was refused with " + control);
            }
            for (ForgedTokens.Attack attack : attacks) {
                HttpResponse<String> r = get(target.getValue(), attack.token());
                if (r.statusCode() != 401) {
                    failures.add(target.getKey() + ": " + attack.name() + " gave " + r.statusCode());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Issue 14: the merged document parses without one message from swagger-parser (references
     * resolved), so any generator reads it as it is. Also writes it, normalised, to
     * target/openapi/kvalitet-live.json (what a release copies over the snapshot; lint that file).
     */
    @Test
    void theMergedDocumentParsesWithoutAMessage() throws Exception {
        String live = MergedDocument.live(HTTP, stack.gatewayUrl());
        assertThat(MergedDocument.parserMessages(live))
                .as("swagger-parser's messages about the merged document")
                .isEmpty();
    }

    /**
     * The versioning policy (root README): the merged document of this build only adds to the
     * released v1 snapshot (docs/openapi/kvalitet-v1.json) that clients were generated from.
     */
    @Test
    void theMergedDocumentOnlyAddsToTheReleasedSnapshot() throws Exception {
        String live = MergedDocument.live(HTTP, stack.gatewayUrl());
        List<String> breaks = BreakingChanges.between(MergedDocument.snapshot(), live);
        assertThat(breaks)
                .as("what this build breaks for clients of the released v1 (docs/openapi/README.md)")
                .isEmpty();
    }

    /** The integrators' journeys through the Java client generated from the released snapshot (GeneratedClientJourneys). */
    @Test
    void integratorsJourneysRunThroughTheGeneratedClient() throws Exception {
        new GeneratedClientJourneys(
                        stack.gatewayUrl(),
                        clientToken("case-system", "case-system-secret"),
                        passwordToken("karin"),
                        clientToken("bi-reader", "bi-reader-secret"))
                .run();
    }

    @Test
    void theGatewayReportsTheSuiteHealthy() throws Exception {
        HttpResponse<String> r = get(stack.gatewayUrl() + "/q/health/ready", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
    }
}
