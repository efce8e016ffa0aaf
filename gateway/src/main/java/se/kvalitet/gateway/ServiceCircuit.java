package se.kvalitet.gateway;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One service's circuit (Vert.x circuit breaker): closed while the service answers; open after
 * {@code failureThreshold} failures within 10 s with no success in between, when requests get a 503
 * problem at once. A failure is only what says the service is unwell: no connection, no answer in
 * time, a 502/503/504 from it. A client's mistake, an oversized body or a client that went away
 * is not reported to the breaker at all.
 *
 * <p>After {@code openFor} the circuit is half-open and no user request is let through as a trial
 * (one that reaches a cold JVM would re-open it for another period, issue 18 A4): the service's
 * readiness ({@code /q/health/ready}) is probed every {@code probeInterval} instead, and the first
 * UP closes the circuit.
 */
final class ServiceCircuit {

    private static final Logger LOG = Logger.getLogger(ServiceCircuit.class);

    private final String name;
    private final Vertx vertx;
    private final HttpClient client;
    private final SocketAddress origin;
    private final String host;
    private final int port;
    private final String healthPath;
    private final long openForMillis;
    private final long probeIntervalMillis;
    private final CircuitBreaker breaker;
    private final AtomicLong openedAt = new AtomicLong();
    private final AtomicBoolean probing = new AtomicBoolean();

    ServiceCircuit(
            String name,
            Vertx vertx,
            HttpClient client,
            SocketAddress origin,
            String host,
            int port,
            String healthPath,
            int failureThreshold,
            long openForMillis,
            long probeIntervalMillis) {
        this.name = name;
        this.vertx = vertx;
        this.client = client;
        this.origin = origin;
        this.host = host;
        this.port = port;
        this.healthPath = healthPath;
        this.openForMillis = openForMillis;
        this.probeIntervalMillis = probeIntervalMillis;
        this.breaker = CircuitBreaker.create(
                "gateway-" + name,
                vertx,
                new CircuitBreakerOptions()
                        .setMaxFailures(failureThreshold)
                        .setFailuresRollingWindow(10_000)
                        .setResetTimeout(openForMillis)
                        .setTimeout(-1) // the HTTP client's own connect and idle timeouts bound every request
                        .setMaxRetries(0)
                        .setFallbackOnFailure(false));
        breaker.openHandler(v -> {
            openedAt.set(System.currentTimeMillis());
            LOG.warnf(
                    "circuit of %s opened: %d failures (no connection, timeout or 502/503/504) within 10 s",
                    name, failureThreshold);
        });
        breaker.halfOpenHandler(v -> vertx.runOnContext(x -> probe()));
        breaker.closeHandler(v -> LOG.infof("circuit of %s closed: its readiness is UP", name));
    }

    /** Whether a request may go to the service now (only while closed: half-open lets probes through, not users). */
    boolean admits() {
        return breaker.state() == CircuitBreakerState.CLOSED;
    }

    /** The service answered (not with 502/503/504). */
    void succeeded() {
        if (breaker.state() == CircuitBreakerState.CLOSED && breaker.failureCount() > 0) {
            breaker.<Void>execute(p -> p.complete()).onComplete(ar -> {});
        }
    }

    /** The service did not answer as a healthy one does. */
    void failed(Throwable cause) {
        if (breaker.state() == CircuitBreakerState.CLOSED) {
            breaker.<Void>execute(p -> p.fail(cause)).onComplete(ar -> {});
        }
    }

    String state() {
        return breaker.state().name();
    }

    /** Seconds until the service may be tried again (for {@code Retry-After}). */
    long retryAfterSeconds() {
        if (breaker.state() == CircuitBreakerState.OPEN) {
            long left = openForMillis - (System.currentTimeMillis() - openedAt.get());
            return Math.max(1, (left + 999) / 1000);
        }
        return 1;
    }

    private void probe() {
        if (breaker.state() != CircuitBreakerState.HALF_OPEN || !probing.compareAndSet(false, true)) {
            return;
        }
        client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setServer(origin)
                        .setHost(host)
                        .setPort(port)
                        .setURI(healthPath)
                        .setConnectTimeout(1000)
                        .setIdleTimeout(Math.max(1000, probeIntervalMillis * 4)))
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> {
                    probing.set(false);
                    if (ar.succeeded() && ar.result() == 200) {
                        breaker.reset();
                    } else {
                        LOG.debugf(
                                "readiness probe of %s: %s",
                                name,
                                ar.succeeded()
                                        ? "status " + ar.result()
                                        : ar.cause().getClass().getSimpleName());
                        if (breaker.state() == CircuitBreakerState.HALF_OPEN) {
                            vertx.setTimer(probeIntervalMillis, t -> probe());
                        }
                    }
                });
    }
}
