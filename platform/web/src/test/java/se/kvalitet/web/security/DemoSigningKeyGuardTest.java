package se.kvalitet.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.FreePorts;

/**
 * The guard against the demo signing key, against a small OpenID provider over real HTTP:
 * discovery document, JWK Set, an issuer that is not there yet.
 */
class DemoSigningKeyGuardTest {

    static final String OTHER_KEY =
            "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"generated-by-keycloak\","
                    + "\"n\":\"sXch_a-modulus-of-a-key-keycloak-generated\",\"e\":\"AQAB\"}";
    static final String DEMO_KEY = "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + DemoSigningKey.KID
            + "\",\"n\":\"" + DemoSigningKey.MODULUS + "\",\"e\":\"AQAB\"}";

    Issuer issuer;
    DemoSigningKeyGuard guard;

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.stop();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void anIssuerWithItsOwnKeysIsVerifiedAndTheServiceReady() {
        issuer = Issuer.start(FreePorts.pick(), "{\"keys\":[" + OTHER_KEY + "]}");
        guard = guard(issuer.url());

        guard.start();

        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.VERIFIED);
        assertThat(readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(issuer.requests("/realms/kvalitet/.well-known/openid-configuration"))
                .isEqualTo(1);
        assertThat(issuer.requests("/realms/kvalitet/protocol/openid-connect/certs"))
                .isEqualTo(1);
    }

    @Test
    void anIssuerPublishingTheDemoKeyStopsStartUpWithAMessageThatSaysWhy() {
        issuer = Issuer.start(FreePorts.pick(), "{\"keys\":[" + OTHER_KEY + "," + DEMO_KEY + "]}");
        guard = guard(issuer.url());

        assertThatThrownBy(guard::start)
                .isInstanceOf(DemoSigningKeyGuard.DemoSigningKeyPublished.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining(issuer.url())
                .hasMessageContaining(DemoSigningKey.KID)
                .hasMessageContaining("kvalitet.security.refuse-demo-signing-key");
        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.REFUSED);
        assertThat(readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void theDemoKeyIsRecognisedUnderKeycloaksDerivedIdAndUnderAnyIdByItsModulus() {
        String derived = DEMO_KEY.replace(
                        "\"kid\":\"" + DemoSigningKey.KID + "\"", "\"kid\":\"" + DemoSigningKey.DERIVED_KID + "\"")
                .replace(DemoSigningKey.MODULUS, "another-modulus");
        String renamed = DEMO_KEY.replace(DemoSigningKey.KID, "innocent-looking-key");
        for (String jwks : new String[] {derived, renamed}) {
            issuer = Issuer.start(FreePorts.pick(), "{\"keys\":[" + jwks + "]}");
            guard = guard(issuer.url());
            assertThatThrownBy(guard::start).as(jwks).isInstanceOf(DemoSigningKeyGuard.DemoSigningKeyPublished.class);
            issuer.close();
        }
        issuer = null;
    }

    @Test
    void withDiscoveryOffTheConfiguredJwksPathIsRead() {
        issuer = Issuer.start(FreePorts.pick(), "{\"keys\":[" + DEMO_KEY + "]}");
        guard = guard(issuer.url());
        guard.discoveryEnabled = false;
        guard.jwksPath = Optional.of("protocol/openid-connect/certs");

        assertThatThrownBy(guard::start).isInstanceOf(DemoSigningKeyGuard.DemoSigningKeyPublished.class);
        assertThat(issuer.requests("/realms/kvalitet/.well-known/openid-configuration"))
                .isZero();
    }

    @Test
    void switchedOffItAsksNobodyAndReportsReady() {
        issuer = Issuer.start(FreePorts.pick(), "{\"keys\":[" + DEMO_KEY + "]}");
        guard = guard(issuer.url());
        guard.enabled = false;

        guard.start();

        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.DISABLED);
        assertThat(readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(issuer.totalRequests()).isZero();
    }

    @Test
    void anUnreachableIssuerKeepsTheServiceUnreadyUntilItsKeysAreRead() throws Exception {
        int port = FreePorts.pick();
        guard = guard("http://127.0.0.1:" + port + "/realms/kvalitet");

        guard.start();

        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.PENDING);
        HealthCheckResponse down = readiness();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow())
                .containsEntry("state", "PENDING")
                .containsKey("problem");

        issuer = Issuer.start(port, "{\"keys\":[" + OTHER_KEY + "]}");
        awaitState(DemoSigningKeyGuard.State.VERIFIED);
        assertThat(readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void anIssuerThatTurnsOutToPublishTheDemoKeyStopsTheRunningService() throws Exception {
        int port = FreePorts.pick();
        guard = guard("http://127.0.0.1:" + port + "/realms/kvalitet");
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        guard.exit = exitCode::complete;

        guard.start();
        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.PENDING);

        issuer = Issuer.start(port, "{\"keys\":[" + DEMO_KEY + "]}");
        assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.REFUSED);
    }

    @Test
    void anAnswerThatIsNoKeySetCountsAsNotReadYet() {
        issuer = Issuer.start(FreePorts.pick(), "<html>maintenance</html>");
        guard = guard(issuer.url());

        guard.start();

        assertThat(guard.state()).isEqualTo(DemoSigningKeyGuard.State.PENDING);
    }

    private void awaitState(DemoSigningKeyGuard.State expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (guard.state() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(guard.state()).isEqualTo(expected);
    }

    private HealthCheckResponse readiness() {
        SigningKeyReadiness r = new SigningKeyReadiness();
        r.guard = guard;
        return r.call();
    }

    static DemoSigningKeyGuard guard(String issuer) {
        DemoSigningKeyGuard g = new DemoSigningKeyGuard();
        g.enabled = true;
        g.authServerUrl = Optional.of(issuer);
        g.discoveryEnabled = true;
        g.jwksPath = Optional.empty();
        g.timeout = Duration.ofSeconds(2);
        g.retryInterval = Duration.ofMillis(50);
        g.exit = code -> {
            throw new AssertionError("unexpected exit " + code);
        };
        return g;
    }

    /** Discovery document and JWK Set of one realm, counting requests per path. */
    static final class Issuer implements AutoCloseable {
        private final HttpServer http;
        private final String url;
        private final java.util.Map<String, AtomicInteger> requests = new java.util.concurrent.ConcurrentHashMap<>();

        private Issuer(HttpServer http, String url) {
            this.http = http;
            this.url = url;
        }

        static Issuer start(int port, String jwks) {
            try {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
                String url = "http://127.0.0.1:" + port + "/realms/kvalitet";
                Issuer issuer = new Issuer(http, url);
                http.createContext("/", ex -> {
                    String path = ex.getRequestURI().getPath();
                    issuer.requests
                            .computeIfAbsent(path, p -> new AtomicInteger())
                            .incrementAndGet();
                    String body = switch (path) {
                        case "/realms/kvalitet/.well-known/openid-configuration" ->
                            "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/protocol/openid-connect/certs\"}";
                        case "/realms/kvalitet/protocol/openid-connect/certs" -> jwks;
                        default -> null;
                    };
                    byte[] b = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(body == null ? 404 : 200, b.length);
                    try (var out = ex.getResponseBody()) {
                        out.write(b);
                    }
                });
                http.start();
                return issuer;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String url() {
            return url;
        }

        int requests(String path) {
            AtomicInteger n = requests.get(path);
            return n == null ? 0 : n.get();
        }

        int totalRequests() {
            return requests.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
