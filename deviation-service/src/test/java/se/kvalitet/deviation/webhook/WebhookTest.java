package se.kvalitet.deviation.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 19 item 2 against a real HTTP receiver: the validation handshake, signed CloudEvents in both content modes,
 * only the subscriber's own reports and only what a filer may read, retries with backoff, the dead-letter list and
 * its replay, 410 Gone, idempotent subscription.
 */
@QuarkusTest
class WebhookTest {

    @jakarta.inject.Inject
    WebhookDispatcher dispatcher;

    static final String PATH = "/deviation/v1/deviations";
    static final String SUBS = "/deviation/v1/webhook-subscriptions";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final ObjectMapper JSON = new ObjectMapper();

    final String system = TestTokens.client("case-system").roles("case-system").bearer();
    final String otherSystem =
            TestTokens.client("case-system-2").roles("case-system").bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();

    /** One request the receiver got. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status per path for POSTs (default 204); a negative number: answer that status this many times, then 204. */
    final Map<String, Integer> postStatus = new java.util.concurrent.ConcurrentHashMap<>();

    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            int status;
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                if (path.contains("refuse")) {
                    status = 403;
                } else {
                    exchange.getResponseHeaders()
                            .add(
                                    "WebHook-Allowed-Origin",
                                    exchange.getRequestHeaders().getFirst("WebHook-Request-Origin"));
                    status = 200;
                }
            } else if (path.contains("flaky") && failuresLeft.getAndDecrement() > 0) {
                status = 500;
            } else {
                status = postStatus.getOrDefault(path, 204);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        // the test's subscriptions end with it (other tests file reports as the same system)
        List<String> ids = given().header("Authorization", system)
                .get(SUBS)
                .then()
                .extract()
                .path("id");
        for (String id : ids) {
            given().header("Authorization", system)
                    .delete(SUBS + "/" + id)
                    .then()
                    .statusCode(204);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    io.restassured.response.Response subscribe(String token, String key, String body) {
        return given().header("Authorization", token)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(SUBS);
    }

    String subscribe(String path, String mode) {
        return subscribe(system, UUID.randomUUID().toString(), """
                        {"url":"%s","types":["%s","%s","%s"],"mode":"%s"}""".formatted(
                        url(path), DeviationReportedV1.TYPE, DeviationTriagedV1.TYPE, DeviationClosedV1.TYPE, mode))
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .extract()
                .path("secret");
    }

    String file(String token, String text) {
        return given().header("Authorization", token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"%s","description":"Kvällsdosen gavs två gånger.",
                         "occurredAt":"2026-11-20T18:30:00Z","orgUnitId":"%s",
                         "externalReference":{"source":"treserva","id":"AV-%s"}}""".formatted(text, HEMTJANST, UUID.randomUUID()))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    void triageAndClose(String id) {
        given().header("Authorization", karin)
                .header("If-Match", etag(id))
                .contentType(ContentType.JSON)
                .body("{\"categories\":[\"NOT_A_DEVIATION\"],\"reason\":\"Gäller arbetsmiljö.\"}")
                .post(PATH + "/" + id + "/triage")
                .then()
                .statusCode(200);
        given().header("Authorization", karin)
                .header("If-Match", etag(id))
                .contentType(ContentType.JSON)
                .body("{\"feedbackToReporter\":\"Tack för rapporten.\"}")
                .post(PATH + "/" + id + "/close")
                .then()
                .statusCode(200);
    }

    String etag(String id) {
        return given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .header("ETag");
    }

    List<Received> await(Predicate<Received> which, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Received> got = received.stream().filter(which).toList();
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(100);
        }
        return received.stream().filter(which).toList();
    }

    static Predicate<Received> postsTo(String path) {
        return r -> r.method().equals("POST") && r.path().equals(path);
    }

    @Test
    void theFilerHearsItsReportReceivedTakenUpAndClosedSignedAndNoMore() throws Exception {
        String secret = subscribe("/structured", "STRUCTURED");
        assertThat(received.get(0).method()).isEqualTo("OPTIONS");
        assertThat(received.get(0).header("WebHook-Request-Origin")).isEqualTo("kvalitet.localhost");

        String mine = file(system, "Fel dos");
        String others = file(otherSystem, "Fel dos hos annan");
        triageAndClose(mine);
        triageAndClose(others);

        List<Received> got = await(postsTo("/structured"), 3);
        assertThat(got).hasSize(3);
        List<String> types = new java.util.ArrayList<>();
        for (Received r : got) {
            assertThat(r.header("Content-Type")).startsWith("application/cloudevents+json");
            String id = r.header("webhook-id");
            long ts = Long.parseLong(r.header("webhook-timestamp"));
            assertThat(Math.abs(ts - Instant.now().getEpochSecond())).isLessThan(60);
            assertThat(r.header("webhook-signature")).isEqualTo(WebhookSignature.sign(secret, id, ts, r.body()));
            JsonNode event = JSON.readTree(r.body());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("id").asText()).isEqualTo(id);
            assertThat(event.get("subject").asText()).isEqualTo(mine);
            assertThat(event.get("dataref").asText()).endsWith("/deviation/v1/deviations/" + mine);
            types.add(event.get("type").asText());
            // the filer's view: its reference and the stage, no category, unit, date or text
            JsonNode data = event.get("data");
            assertThat(data.get("deviationId").asText()).isEqualTo(mine);
            assertThat(data.get("externalReference").get("source").asText()).isEqualTo("treserva");
            assertThat(iterable(data.fieldNames()))
                    .containsExactlyInAnyOrder("deviationId", "stage", "externalReference");
            String text = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(text)
                    .doesNotContain("NOT_A_DEVIATION")
                    .doesNotContain(HEMTJANST.toString())
                    .doesNotContain("dos");
        }
        assertThat(types)
                .containsExactlyInAnyOrder(DeviationReportedV1.TYPE, DeviationTriagedV1.TYPE, DeviationClosedV1.TYPE);
        assertThat(got.stream().map(r -> stage(r)).toList())
                .containsExactlyInAnyOrder("RECEIVED", "IN_PROGRESS", "CLOSED");
        Thread.sleep(500); // nothing more arrives: not the other system's report, not twice
        assertThat(received.stream().filter(postsTo("/structured")).count()).isEqualTo(3);
    }

    @Test
    void binaryModeCarriesTheAttributesAsHeaders() throws Exception {
        String secret = subscribe("/binary", "BINARY");
        String mine = file(system, "Larm sent");
        Received r = await(postsTo("/binary"), 1).get(0);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("ce-specversion")).isEqualTo("1.0");
        assertThat(r.header("ce-type")).isEqualTo(DeviationReportedV1.TYPE);
        assertThat(r.header("ce-subject")).isEqualTo(mine);
        assertThat(r.header("ce-id")).isEqualTo(r.header("webhook-id"));
        long ts = Long.parseLong(r.header("webhook-timestamp"));
        assertThat(r.header("webhook-signature"))
                .isEqualTo(WebhookSignature.sign(secret, r.header("webhook-id"), ts, r.body()));
        assertThat(JSON.readTree(r.body()).get("stage").asText()).isEqualTo("RECEIVED");
    }

    @Test
    void aFailingReceiverIsRetriedThenDeadLetteredAndReplayed() throws Exception {
        failuresLeft.set(2);
        subscribe("/flaky", "STRUCTURED");
        file(system, "Fel dos igen");
        List<Received> tries = await(postsTo("/flaky"), 3);
        assertThat(tries).hasSize(3); // two 500s, then delivered
        assertThat(tries.stream().map(t -> t.header("webhook-id")).distinct()).hasSize(1);

        postStatus.put("/down", 503);
        String sub = given().header("Authorization", system)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("{\"url\":\"%s\",\"types\":[\"%s\"]}".formatted(url("/down"), DeviationReportedV1.TYPE))
                .post(SUBS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        file(system, "Fel dos en tredje gång");
        assertThat(await(postsTo("/down"), 3)).hasSize(3); // max-attempts in the test profile
        Instant deadline = Instant.now().plusSeconds(10);
        String deadId = null;
        while (deadId == null && Instant.now().isBefore(deadline)) {
            List<String> dead = given().header("Authorization", system)
                    .get(SUBS + "/" + sub + "/deliveries?status=DEAD")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            deadId = dead.isEmpty() ? null : dead.get(0);
            Thread.sleep(100);
        }
        assertThat(deadId).isNotNull();
        given().header("Authorization", system)
                .get(SUBS + "/" + sub + "/deliveries?status=DEAD")
                .then()
                .body("items[0].attempts", equalTo(3))
                .body("items[0].lastStatus", equalTo(503));
        // another system cannot see or replay it
        given().header("Authorization", otherSystem)
                .get(SUBS + "/" + sub + "/deliveries")
                .then()
                .statusCode(404);
        given().header("Authorization", otherSystem)
                .post(SUBS + "/" + sub + "/deliveries/" + deadId + "/redelivery")
                .then()
                .statusCode(404);

        postStatus.put("/down", 200);
        given().header("Authorization", system)
                .post(SUBS + "/" + sub + "/deliveries/" + deadId + "/redelivery")
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"));
        assertThat(await(postsTo("/down"), 4)).hasSize(4);
        awaitStatus(sub, deadId, "DELIVERED");
        given().header("Authorization", system)
                .post(SUBS + "/" + sub + "/deliveries/" + deadId + "/redelivery")
                .then()
                .statusCode(409);

        // retention: a delivered row goes once it is older than the retention, nothing else does
        String notDelivered = "SELECT count(*) FROM webhook_delivery WHERE status <> 'DELIVERED'";
        long others = DeviationDb.count(notDelivered);
        assertThat(dispatcher.purgeDelivered(Instant.now().minus(Duration.ofDays(1))))
                .isZero();
        assertThat(DeviationDb.count("SELECT count(*) FROM webhook_delivery WHERE id = '" + deadId + "'"))
                .isEqualTo(1);
        assertThat(dispatcher.purgeDelivered(Instant.now().plusSeconds(60))).isPositive();
        assertThat(DeviationDb.count("SELECT count(*) FROM webhook_delivery WHERE id = '" + deadId + "'"))
                .isZero();
        assertThat(DeviationDb.count("SELECT count(*) FROM webhook_delivery WHERE status = 'DELIVERED'"))
                .isZero();
        assertThat(DeviationDb.count(notDelivered)).isEqualTo(others);
        given().header("Authorization", system)
                .get(SUBS + "/" + sub + "/deliveries")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(deadId)));
    }

    @Test
    void goneEndsTheSubscription() throws Exception {
        postStatus.put("/gone", 410);
        String sub = given().header("Authorization", system)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("{\"url\":\"%s\",\"types\":[\"%s\"]}".formatted(url("/gone"), DeviationReportedV1.TYPE))
                .post(SUBS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        file(system, "Dörren olåst");
        await(postsTo("/gone"), 1);
        Instant deadline = Instant.now().plusSeconds(10);
        String status = "ACTIVE";
        while ("ACTIVE".equals(status) && Instant.now().isBefore(deadline)) {
            status = given().header("Authorization", system)
                    .get(SUBS + "/" + sub)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo("DISABLED");
    }

    @Test
    void subscribingIsCheckedAndIdempotent() {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"%s\",\"types\":[\"%s\"]}".formatted(url("/same"), DeviationClosedV1.TYPE);
        String id =
                subscribe(system, key, body).then().statusCode(201).extract().path("id");
        subscribe(system, key, body)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id))
                .body("secret", startsWith("whsec_"));
        subscribe(system, key, body.replace("/same", "/other")).then().statusCode(422);
        // no key: 428; the handshake refused: 422; plain http elsewhere, an unknown or case-work type: 400
        given().header("Authorization", system)
                .contentType(ContentType.JSON)
                .body(body)
                .post(SUBS)
                .then()
                .statusCode(428);
        subscribe(system, UUID.randomUUID().toString(), body.replace("/same", "/refuse"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/webhook-validation-failed"));
        subscribe(
                        system,
                        UUID.randomUUID().toString(),
                        "{\"url\":\"http://receiver.example.se/x\",\"types\":[\"%s\"]}"
                                .formatted(DeviationClosedV1.TYPE))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"));
        subscribe(
                        system,
                        UUID.randomUUID().toString(),
                        "{\"url\":\"%s\",\"types\":[\"se.kvalitet.deviation.track-opened.v1\"]}".formatted(url("/x")))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("types[0]"));
        // a target inside the installation's network (cloud metadata, private, another loopback address, IPv6
        // unique-local) is refused before any request is sent: no handshake answer maps that network for the client
        for (String inside : List.of(
                "https://169.254.169.254/latest/meta-data",
                "https://10.20.30.40:8443/hook",
                "https://192.168.1.10/hook",
                "https://127.0.0.2:" + receiver.getAddress().getPort() + "/refuse",
                "https://[fd12:3456::1]/hook",
                "https://[::ffff:10.0.0.1]/hook")) {
            subscribe(
                            system,
                            UUID.randomUUID().toString(),
                            "{\"url\":\"%s\",\"types\":[\"%s\"]}".formatted(inside, DeviationClosedV1.TYPE))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("inside the installation's network"));
        }
        // a personal identity number in the URL, percent-encoded too, is the suite's 422 without being echoed
        for (String withNumber :
                List.of(url("/hook?person=191212121212"), url("/p/19121212-1212"), url("/hook?p=%31%39121212-1212"))) {
            subscribe(
                            system,
                            UUID.randomUUID().toString(),
                            "{\"url\":\"%s\",\"types\":[\"%s\"]}".formatted(withNumber, DeviationClosedV1.TYPE))
                    .then()
                    .statusCode(422)
                    .body("type", equalTo("https://kvalitet.se/problems/personal-identity-number"))
                    .body("errors[0].field", equalTo("url"))
                    .body(org.hamcrest.Matchers.not(containsString("121212")));
        }
        // people and other roles cannot subscribe; another system does not see this one's subscription
        given().header("Authorization", karin).get(SUBS).then().statusCode(403);
        given().header("Authorization", otherSystem).get(SUBS + "/" + id).then().statusCode(404);
        given().header("Authorization", otherSystem)
                .delete(SUBS + "/" + id)
                .then()
                .statusCode(404);
        given().header("Authorization", system).delete(SUBS + "/" + id).then().statusCode(204);
        given().header("Authorization", system).get(SUBS + "/" + id).then().statusCode(404);
    }

    void awaitStatus(String sub, String delivery, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = given().header("Authorization", system)
                    .get(SUBS + "/" + sub + "/deliveries?status=" + status)
                    .then()
                    .extract()
                    .path("items.id");
            if (ids.contains(delivery)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery " + delivery + " never became " + status);
    }

    static String stage(Received r) {
        try {
            return JSON.readTree(r.body()).get("data").get("stage").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
