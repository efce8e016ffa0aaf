package se.kvalitet.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.OidcTestResource;

/**
 * The gateway as the only door (issue 13 items 3-5): links, correlation ids, headers, body limits,
 * what Vert.x answers before any route, slow heads, floods of bad tokens and what reaches the log.
 */
@QuarkusTest
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeServices.class, scope = TestResourceScope.GLOBAL)
class GatewayEdgeTest {

    static final String PERSONNUMMER = "19121212-1212";

    @Inject
    ConnectionGuard guard;

    /** The guard is put in place when Quarkus reports the HTTP server started (asynchronously, right after it listens). */
    void guarded() throws InterruptedException {
        GatewayFailureTest.waitFor(() -> guard.guardedServers() > 0);
    }

    @Test
    void locationsThatPointAtAServicePointAtTheGatewayInstead() {
        String token = GatewayTest.token("karin");
        Response created = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .post("/registry/v1/created")
                .then()
                .statusCode(201)
                .extract()
                .response();
        String gateway = "http://localhost:" + RestAssured.port;
        assertThat(created.header("Location")).isEqualTo(gateway + "/registry/v1/things/42?view=full");
        assertThat(created.header("Content-Location")).isEqualTo(gateway + "/registry/v1/things/42");

        // behind a proxy that says how the client reached it
        given().auth()
                .oauth2(token)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "kvalitet.example.se")
                .contentType("application/json")
                .body("{}")
                .post("/registry/v1/created")
                .then()
                .statusCode(201)
                .header("Location", "https://kvalitet.example.se/registry/v1/things/42?view=full");

        // a link elsewhere is left alone
        given().auth()
                .oauth2(token)
                .post("/registry/v1/elsewhere")
                .then()
                .statusCode(201)
                .header("Location", "https://other.example/things/42");
    }

    @Test
    void everyResponseCarriesExactlyOneCorrelationIdWithTheServicesRule() {
        String token = GatewayTest.token("karin");
        String longest = "a".repeat(100);
        Response kept =
                given().auth().oauth2(token).header("X-Correlation-Id", longest).get("/deviation/v1/echo");
        assertThat(kept.headers().getValues("X-Correlation-Id")).containsExactly(longest);
        assertThat(kept.jsonPath().getString("headers.x-correlation-id")).isEqualTo(longest);

        Response tooLong = given().auth()
                .oauth2(token)
                .header("X-Correlation-Id", "a".repeat(101))
                .get("/deviation/v1/echo");
        assertThat(tooLong.headers().getValues("X-Correlation-Id")).hasSize(1);
        assertThat(tooLong.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");

        // a personnummer is not an id: replaced, never forwarded
        Response personal = given().auth()
                .oauth2(token)
                .header("X-Correlation-Id", "case.191212121212")
                .get("/deviation/v1/echo");
        assertThat(personal.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
        assertThat(personal.jsonPath().getString("headers.x-correlation-id"))
                .isEqualTo(personal.header("X-Correlation-Id"));

        // the gateway's own problems too
        Response problem = given().header("X-Correlation-Id", "case-77").get("/deviation/v1/echo");
        assertThat(problem.statusCode()).isEqualTo(401);
        assertThat(problem.headers().getValues("X-Correlation-Id")).containsExactly("case-77");
        assertThat(problem.jsonPath().getString("correlationId")).isEqualTo("case-77");
    }

    @Test
    void caseDataIsNotStoredAndHtmlGetsAContentSecurityPolicy() {
        String token = GatewayTest.token("karin");
        given().auth()
                .oauth2(token)
                .get("/deviation/v1/echo")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store");
        // a service that says how its answer may be kept is believed
        given().auth()
                .oauth2(token)
                .get("/deviation/v1/cached")
                .then()
                .statusCode(200)
                .header("Cache-Control", "max-age=60");
        given().auth()
                .oauth2(token)
                .get("/report/v1/page")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", ProxyRoutes.HTML_CSP);
        given().get("/q/swagger-ui/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", ProxyRoutes.SWAGGER_UI_CSP);
        given().get("/api-info").then().statusCode(200).header("Content-Security-Policy", (String) null);
    }

    @Test
    void bodiesOverARoutesLimitAre413ProblemsDeclaredOrChunkedAndTheCircuitStaysClosed() throws Exception {
        String token = GatewayTest.token("karin");
        byte[] over = new byte[100_000]; // deviation takes 64 KiB in the test configuration
        given().auth()
                .oauth2(token)
                .contentType("application/octet-stream")
                .body(over)
                .post("/deviation/v1/echo")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/payload-too-large"))
                .body("detail", containsString("65536"));

        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> chunked = http.send(chunkedPost(token, over), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(chunked.body()).contains("payload-too-large");

        // 20 at once, half of them chunked: every one a 413, none a 503, and the circuit does not open
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpRequest request = i % 2 == 0
                    ? chunkedPost(token, over)
                    : HttpRequest.newBuilder(URI.create(base() + "/deviation/v1/echo"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(over))
                            .build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertThat(f.get().statusCode()).isEqualTo(413);
        }
        given().auth().oauth2(token).get("/deviation/v1/echo").then().statusCode(200);
        HttpResponse<String> small =
                http.send(chunkedPost(token, new byte[30_000]), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("\"bodyLength\":30000");
        // a client that offers HTTP/2 (an upgrade the gateway declines in clear text) still gets its body through
        HttpResponse<String> offered = HttpClient.newHttpClient()
                .send(chunkedPost(token, new byte[20_000]), HttpResponse.BodyHandlers.ofString());
        assertThat(offered.body()).contains("\"bodyLength\":20000");
        given().get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == 'downstream-services' }.data.deviation",
                        containsString("circuit CLOSED"));
    }

    static HttpRequest chunkedPost(String token, byte[] body) {
        // an InputStream of unknown length: Java's client sends it chunked
        return HttpRequest.newBuilder(URI.create(base() + "/deviation/v1/echo"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
    }

    static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    @Test
    void whatVertxRefusesBeforeAnyRouteIsAProblemToo() throws Exception {
        guarded();
        String longLine = RawHttp.exchange(
                "127.0.0.1", "GET /deviation/v1/echo?q=" + "x".repeat(6000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(RawHttp.status(longLine)).isEqualTo(414);
        assertThat(RawHttp.header(longLine, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(RawHttp.body(longLine))
                .contains("\"status\":414")
                .contains("uri-too-long")
                .contains("\"correlationId\":\"" + RawHttp.header(longLine, "X-Correlation-Id") + "\"");

        String bigHeaders = RawHttp.exchange(
                "127.0.0.1",
                "GET /deviation/v1/echo HTTP/1.1\r\nHost: gateway\r\nX-Big: " + "y".repeat(25_000) + "\r\n\r\n");
        assertThat(RawHttp.status(bigHeaders)).isEqualTo(431);
        assertThat(RawHttp.header(bigHeaders, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(RawHttp.body(bigHeaders)).contains("\"status\":431").contains("correlationId");

        // no route at all
        given().get("/nowhere/at/all")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("correlationId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRequestHeadThatTricklesInIsCutOff() throws Exception {
        guarded();
        // the head timeout is 1 s in the test configuration; a header line every 250 ms
        try (Socket s = RawHttp.connect("127.0.0.1")) {
            s.getOutputStream()
                    .write("GET /deviation/v1/echo HTTP/1.1\r\nHost: gateway\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(250);
            InputStream in = s.getInputStream();
            StringBuilder answer = new StringBuilder();
            int lines = 0;
            boolean closed = false;
            while (lines < 40 && !closed) {
                try {
                    s.getOutputStream().write(("X-Slow-" + lines++ + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                try {
                    byte[] buf = new byte[4096];
                    int n = in.read(buf);
                    if (n < 0) {
                        closed = true;
                    } else {
                        answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (SocketTimeoutException e) {
                    // nothing yet
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).as("the gateway closed the connection").isTrue();
            assertThat(lines).isLessThan(40);
            assertThat(answer.toString())
                    .startsWith("HTTP/1.1 408")
                    .contains("application/problem+json")
                    .contains("request-timeout");
        }
    }

    @Test
    void requestsWithoutAValidTokenAreLimitedPerClientAddress() throws IOException {
        String cached = GatewayTest.token("from-other-address");
        // 127.0.0.2 is another client address on the loopback interface
        String first = RawHttp.exchange("127.0.0.2", get("/deviation/v1/echo", cached));
        assertThat(RawHttp.status(first)).isEqualTo(200);

        List<Integer> statuses = new ArrayList<>();
        String limited = null;
        for (int i = 0; i < 20; i++) {
            String r = RawHttp.exchange("127.0.0.2", get("/deviation/v1/echo", "garbage." + i));
            statuses.add(RawHttp.status(r));
            if (RawHttp.status(r) == 429) {
                limited = r;
            }
        }
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(7);
        assertThat(RawHttp.header(limited, "Retry-After")).matches("[1-9][0-9]*");
        assertThat(RawHttp.header(limited, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(RawHttp.body(limited)).contains("too-many-requests");

        // while that address is limited: a token it used before still works, an unknown one waits...
        assertThat(RawHttp.status(RawHttp.exchange("127.0.0.2", get("/deviation/v1/echo", cached))))
                .isEqualTo(200);
        assertThat(RawHttp.status(RawHttp.exchange("127.0.0.2", get("/deviation/v1/echo", GatewayTest.token("new")))))
                .isEqualTo(429);
        // ...and another address is not affected
        given().auth().oauth2("garbage.x").get("/deviation/v1/echo").then().statusCode(401);
    }

    static String get(String path, String token) {
        return "GET " + path + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n";
    }

    @Test
    void noPersonnummerInAPathOrCorrelationIdReachesTheLog() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
                String cid = r instanceof ExtLogRecord ext ? ext.getMdc("correlationId") : "";
                lines.add(message + " cid=" + cid);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger gatewayLog = Logger.getLogger("se.kvalitet.gateway");
        gatewayLog.addHandler(capture);
        try {
            String token = GatewayTest.token("karin");
            given().auth()
                    .oauth2(token)
                    .get("/deviation/v1/people/" + PERSONNUMMER)
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .urlEncodingEnabled(false)
                    .get("/deviation/v1/people/19121212%2D1212/cases")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .get("/deviation/v1/people/121212/1212")
                    .then()
                    .statusCode(404);
            Response r = given().auth()
                    .oauth2(token)
                    .header("X-Correlation-Id", "pnr:" + PERSONNUMMER)
                    .get("/deviation/v1/echo");
            // replaced by a new id (a UUID may hold "1212" by chance: look for the number, not its digits)
            assertThat(r.header("X-Correlation-Id"))
                    .doesNotStartWith("pnr:")
                    .doesNotContain("121212-1212")
                    .doesNotContain("1212121212");
            // the access line is written when the answer has gone out
            GatewayFailureTest.waitFor(
                    () -> lines.stream().filter(l -> l.contains("-> deviation")).count() >= 4);
        } finally {
            gatewayLog.removeHandler(capture);
        }
        List<String> access =
                lines.stream().filter(l -> l.contains("-> deviation")).toList();
        assertThat(access)
                .anyMatch(l ->
                        l.contains("/deviation/v1/people/" + se.kvalitet.web.privacy.PersonalIdentityNumbers.MASK));
        assertThat(lines)
                .noneMatch(l -> l.contains("121212-1212")
                        || l.contains("1212121212")
                        || l.contains("%2D1212")
                        || l.contains("121212/1212"));
    }
}
