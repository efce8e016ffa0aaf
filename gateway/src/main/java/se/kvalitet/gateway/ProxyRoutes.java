package se.kvalitet.gateway;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import se.kvalitet.web.security.VerifiedTokenCache;

/**
 * The route table on Quarkus's Vert.x router. Every request first gets its correlation id and its
 * body size checked (before any other handler, so even those answers are problems); a service's
 * path prefix is then streamed both ways to the service by vertx-http-proxy ({@link Forwarding}),
 * after the edge has checked the bearer token, the caller's rate and the service's circuit.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger ACCESS = Logger.getLogger("se.kvalitet.gateway.access");

    /** Before Quarkus's CORS filter (order -300) and its upload limit (-2), after its security headers. */
    static final int EDGE_ORDER = -1_000;

    /** Swagger UI is one static page with an inline start-up script and inline styles. */
    static final String SWAGGER_UI_CSP =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'";
    /** Any other HTML (the gateway has none of its own; a service's rendered page): no scripts at all. */
    static final String HTML_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** One downstream service. */
    public record Downstream(
            String name,
            GatewayConfig.Route route,
            URI uri,
            String prefix,
            long maxBodyBytes,
            HttpProxy proxy,
            ServiceCircuit circuit) {}

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    VerifiedTokenCache tokenCache;

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> corsOrigins;

    @ConfigProperty(name = "quarkus.http.cors.methods")
    Optional<List<String>> corsMethods;

    private final Map<String, Downstream> downstreams = new LinkedHashMap<>();
    private RateLimits limits;

    void init(@Observes Router router) {
        if (config.rateLimit().enabled()) {
            GatewayConfig.RateLimit r = config.rateLimit();
            limits = new RateLimits(
                    r.capacity(), r.refillPerSecond(), r.anonymousCapacity(), r.anonymousRefillPerMinute());
        }
        GatewayConfig.Connections connections = config.connections();
        Set<String> backendOrigins = config.routes().values().stream()
                .map(r -> Forwarding.origin(URI.create(r.url())))
                .collect(Collectors.toSet());
        config.routes().forEach((name, route) -> {
            URI uri = URI.create(route.url());
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) route.connectTimeout().toMillis())
                    .setKeepAlive(true)
                    .setKeepAliveTimeout(
                            (int) Math.max(1, connections.serviceKeepAlive().toSeconds()))
                    .setMaxPoolSize(connections.maxPoolSize())
                    .setSsl("https".equals(uri.getScheme())));
            SocketAddress origin = SocketAddress.inetSocketAddress(port, uri.getHost());
            ServiceCircuit circuit = new ServiceCircuit(
                    name,
                    vertx,
                    client,
                    origin,
                    uri.getHost(),
                    port,
                    route.healthPath(),
                    config.circuitBreaker().failureThreshold(),
                    config.circuitBreaker().openFor().toMillis(),
                    config.circuitBreaker().probeInterval().toMillis());
            String prefix = route.prefix().endsWith("/") ? route.prefix() : route.prefix() + "/";
            long maxBody = route.maxBodySize().map(m -> m.asLongValue()).orElse(config.maxBodyBytes());
            HttpProxy proxy = HttpProxy.reverseProxy(client);
            Downstream d = new Downstream(name, route, uri, prefix, maxBody, proxy, circuit);
            Forwarding forwarding = new Forwarding(vertx, d, config.publicBaseUrl(), backendOrigins);
            proxy.origin(ctx -> forwarding.originRequest(
                    ctx,
                    client.request(new RequestOptions()
                            .setServer(origin)
                            .setHost(uri.getHost())
                            .setPort(port)
                            .setConnectTimeout(route.connectTimeout().toMillis())
                            .setIdleTimeout(route.timeout().toMillis()))));
            proxy.addInterceptor(forwarding);
            downstreams.put(name, d);
        });
        router.route().order(EDGE_ORDER).handler(this::first);
        router.route().order(EDGE_ORDER).failureHandler(this::failure);
        downstreams.values().forEach(d -> router.route(d.prefix() + "*").handler(rc -> edge(rc, d)));
        // a path no route and no resource of the gateway answers
        router.route()
                .last()
                .handler(rc -> Problems.send(
                        rc.response(),
                        404,
                        "not-found",
                        "Not found",
                        "No resource at this path",
                        rc.get(Correlation.KEY)));
    }

    public Map<String, Downstream> downstreams() {
        return Collections.unmodifiableMap(downstreams);
    }

    /** Every request: correlation id, headers every response gets, CORS refusals and body size as problems. */
    private void first(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        String cid = Correlation.accept(req.getHeader(Correlation.HEADER));
        req.headers().set(Correlation.HEADER, cid);
        rc.put(Correlation.KEY, cid);
        boolean swaggerUi = req.path() != null && req.path().startsWith("/q/swagger-ui");
        rc.addHeadersEndHandler(v -> {
            // exactly one id per response, whatever a service or a framework handler added before
            res.headers().set(Correlation.HEADER, cid);
            String type = res.headers().get("Content-Type");
            if (type != null
                    && type.regionMatches(true, 0, "text/html", 0, 9)
                    && !res.headers().contains("Content-Security-Policy")) {
                res.headers().set("Content-Security-Policy", swaggerUi ? SWAGGER_UI_CSP : HTML_CSP);
            }
        });

        String origin = req.getHeader("Origin");
        if (origin != null && !corsAllows(req, origin)) {
            Problems.send(
                    res,
                    403,
                    "cors-rejected",
                    "Origin not allowed",
                    "This origin may not call the API from a browser",
                    cid);
            return;
        }
        for (String te : req.headers().getAll("Transfer-Encoding")) {
            if (!"chunked".equalsIgnoreCase(te.trim())) {
                closeAfter(res);
                Problems.send(
                        res, 400, "bad-request", "Bad request", "Only chunked transfer encoding is accepted", cid);
                return;
            }
        }
        String length = req.getHeader("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                closeAfter(res);
                Problems.send(res, 400, "bad-request", "Bad request", "Content-Length is not a number", cid);
                return;
            }
            long limit = bodyLimit(req.path());
            if (n > limit) {
                tooLarge(res, limit, cid);
                discardRest(vertx, req);
                return;
            }
        }
        rc.next();
    }

    static void tooLarge(HttpServerResponse res, long limit, String cid) {
        Problems.send(
                res, 413, "payload-too-large", "Payload too large", "The body may be at most " + limit + " bytes", cid);
    }

    /**
     * The rest of a refused body is read and thrown away (a client that is still writing it would
     * otherwise see its connection reset before it reads the answer), for at most
     * {@link #LINGER_MILLIS}; then the connection is closed.
     */
    static void discardRest(Vertx vertx, HttpServerRequest req) {
        if (req.isEnded()) {
            return;
        }
        long timer = vertx.setTimer(LINGER_MILLIS, t -> req.connection().close());
        req.handler(b -> {});
        req.endHandler(v -> vertx.cancelTimer(timer));
        req.exceptionHandler(e -> vertx.cancelTimer(timer));
        req.resume();
    }

    static final long LINGER_MILLIS = 5_000;

    /** A request that cannot be framed: the connection is closed once the answer is out. */
    static void closeAfter(HttpServerResponse res) {
        if (!res.headWritten()) {
            res.putHeader("Connection", "close");
        }
    }

    private long bodyLimit(String path) {
        if (path != null) {
            for (Downstream d : downstreams.values()) {
                if (path.startsWith(d.prefix())) {
                    return d.maxBodyBytes();
                }
            }
        }
        return config.maxBodyBytes();
    }

    private boolean corsAllows(HttpServerRequest req, String origin) {
        if (req.authority() != null && origin.equals((req.isSSL() ? "https://" : "http://") + req.authority())) {
            return true; // same origin
        }
        if (corsOrigins.map(o -> !o.contains(origin) && !o.contains("*")).orElse(true)) {
            return false;
        }
        String method = req.method() == HttpMethod.OPTIONS && req.getHeader("Access-Control-Request-Method") != null
                ? req.getHeader("Access-Control-Request-Method")
                : req.method().name();
        return corsMethods
                .map(m -> m.stream().anyMatch(method::equalsIgnoreCase))
                .orElse(true);
    }

    /** A failure in any handler of the gateway's own resources: a problem, never an empty or HTML page. */
    private void failure(RoutingContext rc) {
        String cid = rc.get(Correlation.KEY);
        int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
        if (status >= 500) {
            Forwarding.log(
                    Logger.Level.ERROR,
                    cid,
                    "%s %s failed: %s",
                    rc.request().method(),
                    LoggedPath.of(rc.request().path()),
                    rc.failure() == null
                            ? "status " + status
                            : rc.failure().getClass().getName());
        }
        Problems.send(
                rc.response(),
                status,
                status >= 500 ? "internal-error" : "bad-request",
                status >= 500 ? "Internal error" : "Request refused",
                null,
                cid);
    }

    private void edge(RoutingContext rc, Downstream d) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        long started = System.nanoTime();
        String cid = rc.get(Correlation.KEY);
        res.endHandler(v -> access(req, res, d, cid, started));
        String address = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();

        String authorization = req.getHeader("Authorization");
        if (authorization == null) {
            if (!anonymousAllowed(res, address, cid)) {
                return;
            }
            unauthorized(res, "A bearer token is required", cid);
            return;
        }
        if (limits != null) {
            RateLimits.Decision exhausted = limits.anonymousExhausted(address);
            if (!exhausted.allowed() && !knownToken(authorization)) {
                tooMany(res, exhausted, "Too many requests without a valid token from this address", cid);
                return;
            }
        }
        req.pause();
        // an invalid token: Quarkus calls this instead of sending its own bare 401 challenge
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {
            req.resume();
            invalidToken(ctx.response(), address, cid);
        });
        QuarkusHttpUser.getSecurityIdentity(rc, null)
                .subscribe()
                .with(identity -> authenticated(rc, d, identity, address, cid), failure -> {
                    req.resume();
                    if (res.ended() || res.headWritten()) {
                        return;
                    }
                    if (failure instanceof AuthenticationFailedException
                            || failure.getCause() instanceof AuthenticationFailedException) {
                        invalidToken(res, address, cid);
                    } else {
                        Forwarding.log(
                                Logger.Level.WARN,
                                cid,
                                "authentication error: %s",
                                failure.getClass().getName());
                        res.putHeader("Retry-After", "5");
                        Problems.send(
                                res,
                                503,
                                "authentication-unavailable",
                                "Authentication unavailable",
                                "Tokens cannot be verified right now; try again shortly",
                                cid);
                    }
                });
    }

    private boolean knownToken(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && tokenCache.get(authorization.substring(7).trim()).isPresent();
    }

    private boolean anonymousAllowed(HttpServerResponse res, String address, String cid) {
        if (limits == null) {
            return true;
        }
        RateLimits.Decision decision = limits.anonymous(address);
        if (!decision.allowed()) {
            tooMany(res, decision, "Too many requests without a valid token from this address", cid);
            return false;
        }
        return true;
    }

    private void invalidToken(HttpServerResponse res, String address, String cid) {
        if (anonymousAllowed(res, address, cid)) {
            unauthorized(res, "The bearer token is not valid", cid);
        }
    }

    private static void tooMany(HttpServerResponse res, RateLimits.Decision decision, String detail, String cid) {
        if (res.ended() || res.headWritten()) {
            return;
        }
        res.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        Problems.send(res, 429, "too-many-requests", "Too many requests", detail, cid);
    }

    private void authenticated(RoutingContext rc, Downstream d, SecurityIdentity identity, String address, String cid) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        if (identity == null || identity.isAnonymous()) {
            req.resume();
            if (anonymousAllowed(res, address, cid)) {
                unauthorized(res, "A bearer token is required", cid);
            }
            return;
        }
        if (limits != null) {
            RateLimits.Decision decision = limits.caller(callerKey(identity));
            if (!decision.allowed()) {
                req.resume();
                tooMany(res, decision, "Slow down: the rate limit for this client is exceeded", cid);
                return;
            }
        }
        if (!d.circuit().admits()) {
            req.resume();
            res.putHeader("Retry-After", Long.toString(d.circuit().retryAfterSeconds()));
            Problems.send(
                    res,
                    503,
                    "service-unavailable",
                    "Service unavailable",
                    d.name() + " is not answering, the request was not passed on; send it again after Retry-After",
                    cid,
                    Problems.Outcome.NOT_PROCESSED);
            return;
        }
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
            // the path with any personnummer masked; never the query string (search terms), a token or a body
            ACCESS.infof(
                    "%s %s -> %s %d %.1f ms",
                    req.method(),
                    LoggedPath.of(req.path()),
                    d.name(),
                    res.getStatusCode(),
                    (System.nanoTime() - started) / 1e6);
        } finally {
            MDC.remove("correlationId");
        }
    }
}
