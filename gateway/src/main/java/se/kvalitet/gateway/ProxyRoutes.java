package se.kvalitet.gateway;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The route table on Quarkus's Vert.x router: each service's path prefix is streamed both ways to
 * the service by vertx-http-proxy, after the edge has checked the bearer token, the caller's rate,
 * the body size and the service's circuit, and set the correlation id and {@code X-Forwarded-*}.
 */
@ApplicationScoped
public class ProxyRoutes {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** What we accept as a caller's correlation id; anything else is replaced (log injection, oversized headers). */
    static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Logger ACCESS = Logger.getLogger("se.kvalitet.gateway.access");

    /** One downstream service. */
    public record Downstream(String name, GatewayConfig.Route route, URI uri, HttpProxy proxy, CircuitBreaker breaker) {
    }

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private final Map<String, Downstream> downstreams = new LinkedHashMap<>();
    private RateLimiter limiter;

    void init(@Observes Router router) {
        if (config.rateLimit().enabled()) {
            limiter = new RateLimiter(config.rateLimit().capacity(), config.rateLimit().refillPerSecond(), System::nanoTime);
        }
        config.routes().forEach((name, route) -> {
            URI uri = URI.create(route.url());
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) route.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setMaxPoolSize(64)
                    .setSsl("https".equals(uri.getScheme())));
            CircuitBreaker breaker = new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                    config.circuitBreaker().openFor().toMillis(), System::currentTimeMillis);
            SocketAddress origin = SocketAddress.inetSocketAddress(port, uri.getHost());
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .originRequestProvider((req, c) -> c.request(new RequestOptions()
                            .setServer(origin)
                            .setHost(uri.getHost())
                            .setPort(port)
                            .setConnectTimeout(route.connectTimeout().toMillis())
                            .setIdleTimeout(route.timeout().toMillis())));
            proxy.addInterceptor(new Resilience(name, breaker));
            Downstream d = new Downstream(name, route, uri, proxy, breaker);
            downstreams.put(name, d);
            String prefix = route.prefix().endsWith("/") ? route.prefix() : route.prefix() + "/";
            router.route(prefix + "*").handler(rc -> edge(rc, d));
        });
    }

    public Map<String, Downstream> downstreams() {
        return Collections.unmodifiableMap(downstreams);
    }

    static String correlationId(String offered) {
        return offered != null && CORRELATION.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private void edge(RoutingContext rc, Downstream d) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        long started = System.nanoTime();
        String cid = correlationId(req.getHeader(CORRELATION_HEADER));
        req.headers().set(CORRELATION_HEADER, cid);
        res.putHeader(CORRELATION_HEADER, cid);
        res.endHandler(v -> access(req, res, d, cid, started));

        String length = req.getHeader("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                Problems.send(res, 400, "bad-request", "Bad request", "Content-Length is not a number", cid);
                return;
            }
            if (n > config.maxBodyBytes()) {
                Problems.send(res, 413, "payload-too-large", "Payload too large",
                        "The body may be at most " + config.maxBodyBytes() + " bytes", cid);
                return;
            }
        }
        if (req.getHeader("Authorization") == null) {
            unauthorized(res, "A bearer token is required", cid);
            return;
        }
        req.pause();
        // an invalid token: Quarkus calls this instead of sending its own bare 401 challenge
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {
            req.resume();
            unauthorized(ctx.response(), "The bearer token is not valid", cid);
        });
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> authenticated(rc, d, identity, cid),
                failure -> {
                    req.resume();
                    if (res.ended() || res.headWritten()) {
                        return;
                    }
                    if (failure instanceof AuthenticationFailedException || failure.getCause() instanceof AuthenticationFailedException) {
                        unauthorized(res, "The bearer token is not valid", cid);
                    } else {
                        ACCESS.warnf("authentication error cid=%s: %s", cid, failure.toString());
                        Problems.send(res, 503, "authentication-unavailable", "Authentication unavailable",
                                "Tokens cannot be verified right now", cid);
                    }
                });
    }

    private void authenticated(RoutingContext rc, Downstream d, SecurityIdentity identity, String cid) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        if (identity == null || identity.isAnonymous()) {
            req.resume();
            unauthorized(res, "A bearer token is required", cid);
            return;
        }
        if (limiter != null) {
            RateLimiter.Decision decision = limiter.acquire(callerKey(identity));
            if (!decision.allowed()) {
                req.resume();
                res.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
                Problems.send(res, 429, "too-many-requests", "Too many requests",
                        "Slow down: the rate limit for this client is exceeded", cid);
                return;
            }
        }
        if (!d.breaker().allow()) {
            req.resume();
            res.putHeader("Retry-After", Long.toString(d.breaker().retryAfterSeconds()));
            Problems.send(res, 503, "service-unavailable", "Service unavailable",
                    d.name() + " is not answering; try again shortly", cid);
            return;
        }
        forwardedHeaders(req, d);
        d.proxy().handle(req);
    }

    /** The rate-limit key: the client, and the person within it (a token's subject), never a personal name. */
    static String callerKey(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String azp = jwt.getClaim("azp");
            return (azp == null ? "" : azp) + "/" + jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private static void forwardedHeaders(HttpServerRequest req, Downstream d) {
        String remote = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String prior = req.getHeader("X-Forwarded-For");
        if (remote != null) {
            req.headers().set("X-Forwarded-For", prior == null ? remote : prior + ", " + remote);
        }
        req.headers().set("X-Forwarded-Proto", req.scheme() == null ? "http" : req.scheme());
        if (req.authority() != null) {
            req.headers().set("X-Forwarded-Host", req.authority().toString());
        }
    }

    private static void unauthorized(HttpServerResponse res, String detail, String cid) {
        if (res.ended() || res.headWritten()) {
            return;
        }
        res.putHeader("WWW-Authenticate", "Bearer realm=\"kvalitet\"");
        Problems.send(res, 401, "unauthorized", "Unauthorized", detail, cid);
    }

    private static void access(HttpServerRequest req, HttpServerResponse res, Downstream d, String cid, long started) {
        MDC.put("correlationId", cid);
        try {
            // path only: query strings may carry search terms; no token, no personal data
            ACCESS.infof("%s %s -> %s %d %.1f ms", req.method(), req.path(), d.name(), res.getStatusCode(),
                    (System.nanoTime() - started) / 1e6);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** Turns a dead or slow service into a fast 503/504 problem and feeds the circuit breaker. */
    static final class Resilience implements ProxyInterceptor {
        private final String name;
        private final CircuitBreaker breaker;

        Resilience(String name, CircuitBreaker breaker) {
            this.name = name;
            this.breaker = breaker;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            String cid = ctx.request().headers().get(CORRELATION_HEADER);
            return ctx.sendRequest().map(resp -> {
                int s = resp.getStatusCode();
                if (s == 502 || s == 503 || s == 504) {
                    breaker.failure();
                } else {
                    breaker.success();
                }
                return resp;
            }).recover(err -> {
                breaker.failure();
                boolean timeout = err instanceof TimeoutException || String.valueOf(err.getMessage()).toLowerCase().contains("timeout");
                int status = timeout ? 504 : 503;
                ProxyResponse r = ctx.request().response();
                r.setStatusCode(status);
                r.headers().clear();
                r.putHeader("Content-Type", "application/problem+json");
                r.putHeader("Cache-Control", "no-store");
                r.setBody(Body.body(Problems.body(status, timeout ? "gateway-timeout" : "service-unavailable",
                        timeout ? "Gateway timeout" : "Service unavailable",
                        timeout ? name + " did not answer in time" : name + " is not reachable", cid)));
                return Future.succeededFuture(r);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext ctx) {
            String cid = ctx.request().headers().get(CORRELATION_HEADER);
            if (cid != null) {
                ctx.response().headers().set(CORRELATION_HEADER, cid);
            }
            return ctx.sendResponse();
        }
    }
}
