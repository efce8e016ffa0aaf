package se.kvalitet.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.web.CorrelationIdFilter;
import se.kvalitet.web.Problem;

/**
 * Refuses to run against an issuer that publishes the demo realm's signing key
 * ({@link DemoSigningKey}): with that key anyone can sign a token for any role and unit.
 *
 * <p>At start-up it reads the issuer's JWK Set (through OIDC discovery's {@code jwks_uri}, or
 * {@code quarkus.oidc.jwks-path} when discovery is off). If the demo key is there, start-up fails
 * with a message that says so. If the issuer cannot be reached, the service starts but is not
 * ready (readiness check {@value SigningKeyReadiness#NAME} is DOWN) and answers every request
 * outside {@code /q/} with a 503 problem, while it retries in the background every
 * {@code kvalitet.security.demo-key-check.retry-interval}; once the keys are read it serves, or, if
 * they include the demo key, it stops the application (exit code 1). Tokens cannot be verified
 * without the issuer's keys anyway, so nothing is lost by waiting.
 *
 * <p>On by default ({@code kvalitet.security.refuse-demo-signing-key=true}) except in the dev and
 * test profiles (META-INF/microprofile-config.properties of this module). Only the local demo
 * stack, whose Keycloak signs with the demo key on purpose, switches it off.
 */
@ApplicationScoped
public class DemoSigningKeyGuard {

    private static final Logger LOG = Logger.getLogger(DemoSigningKeyGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /** Where the check stands; readiness is UP in {@code DISABLED} and {@code VERIFIED} only. */
    public enum State {
        DISABLED,
        PENDING,
        VERIFIED,
        REFUSED
    }

    @ConfigProperty(name = "kvalitet.security.refuse-demo-signing-key", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> authServerUrl;

    @ConfigProperty(name = "quarkus.oidc.discovery-enabled", defaultValue = "true")
    boolean discoveryEnabled;

    @ConfigProperty(name = "quarkus.oidc.jwks-path")
    Optional<String> jwksPath;

    @ConfigProperty(name = "kvalitet.security.demo-key-check.timeout", defaultValue = "PT5S")
    Duration timeout;

    @ConfigProperty(name = "kvalitet.security.demo-key-check.retry-interval", defaultValue = "PT5S")
    Duration retryInterval;

    /** How a refusal found after start-up ends the application; replaced in tests. */
    IntConsumer exit = Quarkus::asyncExit;

    private volatile State state = State.PENDING;
    private volatile String lastProblem;
    private ScheduledExecutorService retries;
    private long lastLoggedNanos;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** While the keys are unread (or refused), the API answers 503; health and metrics under /q/ stay reachable. */
    void routes(@Observes Router router) {
        router.route().order(-3).handler(rc -> {
            State s = state;
            if ((s == State.PENDING || s == State.REFUSED)
                    && !rc.normalizedPath().startsWith("/q/")) {
                String correlationId = UUID.randomUUID().toString();
                ObjectNode problem = JSON.createObjectNode()
                        .put("type", Problem.TYPE_BASE + "signing-keys-unverified")
                        .put("title", "Service not ready")
                        .put("status", 503)
                        .put("detail", "The identity provider's signing keys have not been verified yet.")
                        .put("correlationId", correlationId);
                rc.response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", Long.toString(Math.max(1, retryInterval.toSeconds())))
                        .putHeader(CorrelationIdFilter.HEADER, correlationId)
                        .end(problem.toString());
            } else {
                rc.next();
            }
        });
    }

    public State state() {
        return state;
    }

    /** For tests of what the application does in a state it reaches only with an unreachable issuer. */
    void state(State s) {
        state = s;
    }

    /** Why the last look at the issuer failed, if it did. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    public Optional<String> issuer() {
        return authServerUrl;
    }

    /**
     * Checks once; throws {@link DemoSigningKeyPublished} when the issuer publishes the demo key,
     * else starts serving or, when the issuer is unreachable, keeps retrying in the background.
     */
    synchronized void start() {
        if (!enabled) {
            state = State.DISABLED;
            LOG.warn("The check for the demo signing key is off (kvalitet.security.refuse-demo-signing-key=false): "
                    + "acceptable for the local demo stack only.");
            return;
        }
        if (authServerUrl.isEmpty()) {
            state = State.DISABLED;
            LOG.info("No quarkus.oidc.auth-server-url: no issuer whose signing keys need checking.");
            return;
        }
        try {
            check();
        } catch (IOException e) {
            unreachable(e);
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-signing-key-check");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, retryInterval.toMillis());
            retries.scheduleWithFixedDelay(this::retry, every, every, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the issuer's signing keys", e);
        }
    }

    synchronized void stop() {
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
        }
    }

    private void retry() {
        try {
            check();
            LOG.infof(
                    "The issuer %s is reachable now; its signing keys are verified, serving requests.",
                    authServerUrl.get());
            stop();
        } catch (DemoSigningKeyPublished e) {
            LOG.error(e.getMessage());
            stop();
            exit.accept(1);
        } catch (IOException e) {
            unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            unreachable(new IOException(e.toString(), e));
        }
    }

    private void unreachable(IOException e) {
        state = State.PENDING;
        lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        long now = System.nanoTime();
        if (lastLoggedNanos == 0 || now - lastLoggedNanos >= LOG_EVERY.toNanos()) {
            lastLoggedNanos = now;
            LOG.warnf(
                    "Cannot read the signing keys of the issuer %s (%s): not serving until they are verified; "
                            + "retrying every %s.",
                    authServerUrl.get(), lastProblem, retryInterval);
        }
    }

    /** Reads the issuer's keys once and decides. */
    void check() throws IOException, InterruptedException {
        JsonNode jwks = fetch(jwksUri());
        if (!jwks.path("keys").isArray()) {
            throw new IOException("the JWK Set has no \"keys\" array");
        }
        Optional<String> demo = DemoSigningKey.findIn(jwks);
        if (demo.isPresent()) {
            state = State.REFUSED;
            throw new DemoSigningKeyPublished(authServerUrl.get(), demo.get());
        }
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(k -> kids.add(k.path("kid").asText("?")));
        state = State.VERIFIED;
        lastProblem = null;
        LOG.infof(
                "Signing keys of %s verified (key ids %s): the demo signing key is not among them.",
                authServerUrl.get(), kids);
    }

    private URI jwksUri() throws IOException, InterruptedException {
        String issuer = authServerUrl.get().replaceAll("/+$", "");
        if (!discoveryEnabled && jwksPath.isPresent()) {
            String p = jwksPath.get();
            return URI.create(
                    p.startsWith("http://") || p.startsWith("https://") ? p : issuer + "/" + p.replaceAll("^/+", ""));
        }
        JsonNode discovery = fetch(URI.create(issuer + "/.well-known/openid-configuration"));
        String uri = discovery.path("jwks_uri").asText("");
        if (uri.isEmpty()) {
            throw new IOException("the discovery document names no jwks_uri");
        }
        return URI.create(uri);
    }

    private JsonNode fetch(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IOException(uri + " answered no JSON document", e);
        }
    }

    /** The issuer publishes the demo key: start-up fails with this message. */
    public static final class DemoSigningKeyPublished extends IllegalStateException {

        DemoSigningKeyPublished(String issuer, String kid) {
            super("Refusing to start: the OIDC issuer " + issuer + " publishes the Kvalitet DEMO signing key (kid "
                    + kid
                    + "). Its private key is in the public repository, so anyone could sign tokens this service would "
                    + "accept. Import the production realm (deploy/keycloak/kvalitet-realm.json), which lets Keycloak "
                    + "generate its own keys, and remove the demo key; see SECURITY.md. Only the local demo stack may run "
                    + "with kvalitet.security.refuse-demo-signing-key=false.");
        }
    }
}
